package io.tviewstudio.core.metrics;

import java.time.Instant;
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

    static MetricsSnapshot failed(Instant at, String error) {
        return new MetricsSnapshot(at, Map.of(), null, 0, 0, error);
    }

    public boolean ok() {
        return error == null;
    }
}
