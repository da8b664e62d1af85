package io.tviewstudio.core.health;

/**
 * A row of a TVIEW that differs from its view, as {@code pg_tviews_verify} reports it.
 *
 * @param tview    the TVIEW, as the runtime prints its name
 * @param issue    {@code missing}, {@code stale} or {@code extra}
 * @param repaired whether the same call recomputed it
 */
public record RowDifference(String tview, long pk, String issue, boolean repaired) {
}
