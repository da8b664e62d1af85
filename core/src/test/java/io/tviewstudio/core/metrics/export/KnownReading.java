package io.tviewstudio.core.metrics.export;

import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.TviewCounters;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A reading with every counter distinct, and a TVIEW whose quoted name needs every label escape. */
final class KnownReading {

    /** {@code "Q\3<line feed>".tv_odd}: a schema name PostgreSQL allows when quoted. */
    static final String ODD_NAME = "\"Q\\3\n\".tv_odd";

    private KnownReading() {
    }

    static MetricsReading reading() {
        TviewCounters post = new TviewCounters("post", "public.tv_post", 8, 1, 5, 1, 1, 12, 9, 1, 2,
                new long[] {2, 6, 7, 8}, 3.0123, 8, 0.9875, 3);
        TviewCounters odd = new TviewCounters("odd", ODD_NAME, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new long[] {0, 0, 0, 0}, 0, 0, null);
        return new MetricsReading(Instant.parse("2025-03-01T10:15:30.123456Z"),
                List.of(0.00025, 0.005, 1.0, Double.POSITIVE_INFINITY), Map.of("post", post, "odd", odd), 2, 1, 4);
    }
}
