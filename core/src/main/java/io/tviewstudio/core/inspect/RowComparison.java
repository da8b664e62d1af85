package io.tviewstudio.core.inspect;

/**
 * One key's stored row ({@code tv_<entity>}) and the row its view computes now
 * ({@code v_<entity>}), each as a JSON object of the table's columns ({@code pk_…}, {@code id},
 * {@code fk_…}, {@code data}) in column order; null where there is no such row. {@code equal}
 * compares them as {@code jsonb}.
 */
public record RowComparison(long pk, String stored, String fresh, boolean equal) {

    /** As {@code pg_tviews_verify} names the issues; {@code CURRENT} when both rows are equal. */
    public enum State { CURRENT, STALE, MISSING, EXTRA, ABSENT }

    public State state() {
        if (stored == null && fresh == null) {
            return State.ABSENT;
        }
        if (stored == null) {
            return State.MISSING;
        }
        if (fresh == null) {
            return State.EXTRA;
        }
        return equal ? State.CURRENT : State.STALE;
    }
}
