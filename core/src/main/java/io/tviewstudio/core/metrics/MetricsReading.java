package io.tviewstudio.core.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one poll read: every TVIEW's counters at the database's clock, plus queue depth.
 *
 * @param latencyBounds    upper bounds in seconds of the histogram buckets (the last is +Inf)
 * @param openTransactions transactions holding queued TVIEW work right now
 */
public record MetricsReading(Instant at, List<Double> latencyBounds, Map<String, TviewCounters> tviews,
                             int openTransactions, int deferredTransactions) {

    public MetricsReading {
        latencyBounds = List.copyOf(latencyBounds);
        tviews = Map.copyOf(tviews);
    }
}
