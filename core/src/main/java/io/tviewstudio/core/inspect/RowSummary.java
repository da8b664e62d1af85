package io.tviewstudio.core.inspect;

/**
 * One row of a TVIEW as a page lists it: its key, its id, the start of its {@code data} and the
 * document's size, so that a page stays small over a slow link (the whole row is read on selection).
 *
 * @param id        the {@code id} uuid as text, empty when the table has no {@code id}
 * @param summary   the first {@link RowInspector#SUMMARY_CHARS} characters of {@code data::text}
 * @param dataBytes {@code pg_column_size(data)}
 */
public record RowSummary(long pk, String id, String summary, int dataBytes) {
}
