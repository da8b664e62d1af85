package io.tviewstudio.core.metrics;

import java.util.List;

/**
 * What a TVIEW (or all of them) did over a window: the counter deltas, per-second rates and
 * latency percentiles of the refreshes in the window.
 *
 * @param delta   counters gathered in the window (cumulative histogram of the window's refreshes)
 * @param seconds length of the window by the database's clock; 0 for the first reading
 * @param p50Seconds median refresh latency in the window, {@code null} without refreshes
 */
public record TviewRates(String entity, TviewCounters delta, double seconds, double refreshesPerSecond,
                         double rowsWrittenPerSecond, double enqueuedPerSecond, Double meanLatencySeconds,
                         Double p50Seconds, Double p95Seconds, Double p99Seconds, Double cacheHitRatio) {

    static TviewRates of(String entity, TviewCounters delta, double seconds, List<Double> bounds) {
        long[] buckets = delta.latencyBuckets();
        return new TviewRates(entity, delta, seconds, rate(delta.refreshes(), seconds),
                rate(delta.rowsWritten(), seconds), rate(delta.enqueued(), seconds),
                delta.latencyCount() == 0 ? null : delta.latencySumSeconds() / delta.latencyCount(),
                LatencyHistogram.quantile(0.50, bounds, buckets), LatencyHistogram.quantile(0.95, bounds, buckets),
                LatencyHistogram.quantile(0.99, bounds, buckets), delta.cacheHitRatio());
    }

    private static double rate(long count, double seconds) {
        return seconds > 0 ? count / seconds : 0;
    }
}
