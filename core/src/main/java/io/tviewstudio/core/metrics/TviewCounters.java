package io.tviewstudio.core.metrics;

import java.util.Arrays;

/**
 * One TVIEW's cumulative counters as read from {@code pg_tviews_metrics}: they only grow, so two
 * readings give the work done in between.
 *
 * @param latencyBuckets cumulative histogram counts, one per bound of {@link MetricsReading#latencyBounds()}
 * @param errors         refreshes that failed (their transactions rolled back); counted apart from the
 *                       other counters, which only count committed work, so they reset independently
 */
public record TviewCounters(String entity, String tview, long refreshes, long rowsInserted, long rowsUpdated,
                            long rowsDeleted, long rowsSkipped, long cascades, long enqueued, long coalesced,
                            long fullRebuilds, long[] latencyBuckets, double latencySumSeconds, long latencyCount,
                            Double cacheHitRatio, long errors) {

    public TviewCounters {
        latencyBuckets = latencyBuckets.clone();
    }

    /** Counters without errors (a reading of a runtime that does not count them). */
    public TviewCounters(String entity, String tview, long refreshes, long rowsInserted, long rowsUpdated,
                         long rowsDeleted, long rowsSkipped, long cascades, long enqueued, long coalesced,
                         long fullRebuilds, long[] latencyBuckets, double latencySumSeconds, long latencyCount,
                         Double cacheHitRatio) {
        this(entity, tview, refreshes, rowsInserted, rowsUpdated, rowsDeleted, rowsSkipped, cascades, enqueued,
                coalesced, fullRebuilds, latencyBuckets, latencySumSeconds, latencyCount, cacheHitRatio, 0);
    }

    @Override
    public long[] latencyBuckets() {
        return latencyBuckets.clone();
    }

    public long rowsWritten() {
        return rowsInserted + rowsUpdated + rowsDeleted;
    }

    /** The counters gathered since {@code earlier}; a counter that went down (metrics were reset) counts from zero. */
    TviewCounters minus(TviewCounters earlier) {
        if (earlier == null) {
            return this;
        }
        // Errors live in a sequence, the rest in unlogged rows: each resets on its own (a crash empties
        // the rows and keeps the sequence; dropping and re-creating the TVIEW resets both).
        long newErrors = errors < earlier.errors ? errors : errors - earlier.errors;
        if (refreshes < earlier.refreshes || latencyCount < earlier.latencyCount
                || enqueued < earlier.enqueued || fullRebuilds < earlier.fullRebuilds) {
            return new TviewCounters(entity, tview, refreshes, rowsInserted, rowsUpdated, rowsDeleted, rowsSkipped,
                    cascades, enqueued, coalesced, fullRebuilds, latencyBuckets, latencySumSeconds, latencyCount,
                    cacheHitRatio, newErrors);
        }
        long[] buckets = new long[latencyBuckets.length];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = latencyBuckets[i] - (i < earlier.latencyBuckets.length ? earlier.latencyBuckets[i] : 0);
        }
        return new TviewCounters(entity, tview, refreshes - earlier.refreshes, rowsInserted - earlier.rowsInserted,
                rowsUpdated - earlier.rowsUpdated, rowsDeleted - earlier.rowsDeleted, rowsSkipped - earlier.rowsSkipped,
                cascades - earlier.cascades, enqueued - earlier.enqueued, coalesced - earlier.coalesced,
                fullRebuilds - earlier.fullRebuilds, buckets, latencySumSeconds - earlier.latencySumSeconds,
                latencyCount - earlier.latencyCount, cacheHitRatio, newErrors);
    }

    /** Element-wise sum, for totals over all TVIEWs. */
    TviewCounters plus(TviewCounters other) {
        long[] buckets = latencyBuckets.clone();
        for (int i = 0; i < buckets.length && i < other.latencyBuckets.length; i++) {
            buckets[i] += other.latencyBuckets[i];
        }
        return new TviewCounters(entity, tview, refreshes + other.refreshes, rowsInserted + other.rowsInserted,
                rowsUpdated + other.rowsUpdated, rowsDeleted + other.rowsDeleted, rowsSkipped + other.rowsSkipped,
                cascades + other.cascades, enqueued + other.enqueued, coalesced + other.coalesced,
                fullRebuilds + other.fullRebuilds, buckets, latencySumSeconds + other.latencySumSeconds,
                latencyCount + other.latencyCount, null, errors + other.errors);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TviewCounters c && entity.equals(c.entity) && tview.equals(c.tview)
                && refreshes == c.refreshes && rowsInserted == c.rowsInserted && rowsUpdated == c.rowsUpdated
                && rowsDeleted == c.rowsDeleted && rowsSkipped == c.rowsSkipped && cascades == c.cascades
                && enqueued == c.enqueued && coalesced == c.coalesced && fullRebuilds == c.fullRebuilds
                && Arrays.equals(latencyBuckets, c.latencyBuckets) && latencySumSeconds == c.latencySumSeconds
                && latencyCount == c.latencyCount && java.util.Objects.equals(cacheHitRatio, c.cacheHitRatio)
                && errors == c.errors;
    }

    @Override
    public int hashCode() {
        return 31 * entity.hashCode() + Arrays.hashCode(latencyBuckets) + Long.hashCode(refreshes);
    }
}
