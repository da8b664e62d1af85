package io.tviewstudio.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One published sample: rates and percentiles per TVIEW and in total over the sampler's window,
 * and the queue depth now. When the poll failed, {@code error} says why and the rest is empty.
 */
public record MetricsSnapshot(Instant at, Map<String, TviewRates> tviews, TviewRates total, int openTransactions,
                              int deferredTransactions, String error) {

    public MetricsSnapshot {
        tviews = Map.copyOf(tviews);
    }

    /**
     * The work done between two readings: per-TVIEW deltas, rates and percentiles, and their total.
     * With {@code baseline} null the deltas are everything counted since the counters started and
     * the rates are 0 (no window); a TVIEW missing from the baseline counts from zero.
     */
    public static MetricsSnapshot between(MetricsReading baseline, MetricsReading now) {
        double seconds = baseline == null ? 0 : Duration.between(baseline.at(), now.at()).toNanos() / 1e9;
        Map<String, TviewRates> tviews = new LinkedHashMap<>();
        TviewCounters total = null;
        for (TviewCounters counters : now.tviews().values()) {
            TviewCounters delta = counters.minus(baseline == null ? null : baseline.tviews().get(counters.entity()));
            tviews.put(counters.entity(), TviewRates.of(counters.entity(), delta, seconds, now.latencyBounds()));
            total = total == null ? delta : total.plus(delta);
        }
        if (total == null) {
            total = new TviewCounters("", "", 0, 0, 0, 0, 0, 0, 0, 0, 0, new long[now.latencyBounds().size()], 0, 0, null);
        }
        return new MetricsSnapshot(now.at(), tviews, TviewRates.of(null, total, seconds, now.latencyBounds()),
                now.openTransactions(), now.deferredTransactions(), null);
    }

    static MetricsSnapshot failed(Instant at, String error) {
        return new MetricsSnapshot(at, Map.of(), null, 0, 0, error);
    }

    public boolean ok() {
        return error == null;
    }
}
