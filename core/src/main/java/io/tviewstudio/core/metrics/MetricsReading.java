package io.tviewstudio.core.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one poll read: every TVIEW's counters at the database's clock, plus queue depth.
 *
 * @param latencyBounds    upper bounds in seconds of the histogram buckets (the last is +Inf)
 * @param openTransactions transactions holding queued TVIEW work right now
 * @param flushRestarts    cumulative count of flushes that rolled back to take a busy lock first and started again
 */
public record MetricsReading(Instant at, List<Double> latencyBounds, Map<String, TviewCounters> tviews,
                             int openTransactions, int deferredTransactions, long flushRestarts) {

    public MetricsReading {
        latencyBounds = List.copyOf(latencyBounds);
        tviews = Map.copyOf(tviews);
    }

    /** A reading without a restart count (a runtime that does not count them). */
    public MetricsReading(Instant at, List<Double> latencyBounds, Map<String, TviewCounters> tviews,
                          int openTransactions, int deferredTransactions) {
        this(at, latencyBounds, tviews, openTransactions, deferredTransactions, 0);
    }
}
