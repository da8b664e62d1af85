package io.tviewstudio.core.catalog;

/**
 * A TVIEW's operational state for status displays.
 *
 * @param table       the TVIEW table as regclass text
 * @param refreshMode {@code immediate} or {@code deferred}
 * @param depth       0 for a TVIEW that reads only tables
 * @param rows        exact row count of the table
 * @param totalBytes  table, indexes and TOAST, as {@code pg_total_relation_size}
 */
public record TviewStatus(String entity, String table, String refreshMode, int depth, long rows, long totalBytes) {
}
