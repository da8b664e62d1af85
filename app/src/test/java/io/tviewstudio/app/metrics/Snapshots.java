package io.tviewstudio.app.metrics;

import io.tviewstudio.core.metrics.MetricsSnapshot;
import io.tviewstudio.core.metrics.TviewCounters;
import io.tviewstudio.core.metrics.TviewRates;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made snapshots for view-model tests (the pane tests feed real ones from a database). */
final class Snapshots {

    private Snapshots() {
    }

    static TviewRates rates(String entity, double seconds, double refreshesPerSecond, long coalesced, Double p95,
                            Double cacheHit) {
        TviewCounters delta = new TviewCounters(entity, entity.isEmpty() ? "" : "tv_" + entity,
                Math.round(refreshesPerSecond * seconds), 0, 0, 0, 0, 0, 0, coalesced, 0, new long[] {0, 0}, 0, 0,
                cacheHit);
        return new TviewRates(entity.isEmpty() ? null : entity, delta, seconds, refreshesPerSecond,
                2 * refreshesPerSecond, 3 * refreshesPerSecond, p95, p95 == null ? null : p95 / 2, p95,
                p95 == null ? null : p95 * 2, cacheHit);
    }

    /** A snapshot at {@code second} (epoch seconds) with post and comment refreshing at the given rates. */
    static MetricsSnapshot at(long second, double seconds, double postRate, double commentRate) {
        Map<String, TviewRates> tviews = new LinkedHashMap<>();
        tviews.put("post", rates("post", seconds, postRate, 1, 0.002, 0.995));
        tviews.put("comment", rates("comment", seconds, commentRate, 0, null, null));
        return new MetricsSnapshot(Instant.ofEpochSecond(second), tviews,
                rates("", seconds, postRate + commentRate, 1, 0.004, null), 2, 1, null);
    }

    static MetricsSnapshot failed(long second, String error) {
        return new MetricsSnapshot(Instant.ofEpochSecond(second), Map.of(), null, 0, 0, error);
    }
}
