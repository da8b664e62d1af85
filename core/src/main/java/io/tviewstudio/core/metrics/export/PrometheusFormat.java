package io.tviewstudio.core.metrics.export;

import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.TviewCounters;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A reading in the Prometheus text exposition format, version 0.0.4: the cumulative counters as
 * {@code _total} counters, the refresh latency as a histogram, cache hit ratios and queue depth as
 * gauges. No timestamps, so the output also suits node_exporter's textfile collector, which
 * refuses them. Hand-written because the format is small and a client library would pull in a
 * registry model the core does not need.
 */
public final class PrometheusFormat {

    /** The media type a scrape endpoint serving this text declares. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final List<Counter> COUNTERS = List.of(
            new Counter("tviews_refreshes_total",
                    "Refresh function calls of the TVIEW: one per flush that touched it, plus one per full refresh.",
                    TviewCounters::refreshes),
            new Counter("tviews_rows_skipped_total",
                    "Keys the refreshes recomputed that needed no write: the row was unchanged.",
                    TviewCounters::rowsSkipped),
            new Counter("tviews_cascades_total",
                    "Keys and lineage items the TVIEW's refreshes queued for the TVIEWs that read it.",
                    TviewCounters::cascades),
            new Counter("tviews_queue_enqueued_total",
                    "Keys and lineage items offered to the refresh queue for the TVIEW.",
                    TviewCounters::enqueued),
            new Counter("tviews_queue_coalesced_total",
                    "Queue offers that were already queued in the same transaction: work saved.",
                    TviewCounters::coalesced),
            new Counter("tviews_full_rebuilds_total",
                    "Full recomputes of the TVIEW by pg_tviews_refresh.",
                    TviewCounters::fullRebuilds),
            new Counter("tviews_refresh_errors_total",
                    "Statements whose flush failed in the TVIEW's refresh code; their transactions rolled back.",
                    TviewCounters::errors));

    private PrometheusFormat() {
    }

    private record Counter(String name, String help, ToLongFunction<TviewCounters> value) {
    }

    /** The exposition text of {@code reading}, TVIEWs in order of their names; ends with a newline. */
    public static String write(MetricsReading reading) {
        List<TviewCounters> tviews = reading.tviews().values().stream()
                .sorted(Comparator.comparing(TviewCounters::tview)).toList();
        StringBuilder out = new StringBuilder();
        if (!tviews.isEmpty()) {
            counter(out, COUNTERS.get(0), tviews);
            family(out, "tviews_rows_written_total",
                    "Rows of the TVIEW's table the refreshes wrote, by kind: inserted, updated or deleted.", "counter");
            for (TviewCounters t : tviews) {
                sample(out, "tviews_rows_written_total", t.tview(), "inserted", t.rowsInserted());
                sample(out, "tviews_rows_written_total", t.tview(), "updated", t.rowsUpdated());
                sample(out, "tviews_rows_written_total", t.tview(), "deleted", t.rowsDeleted());
            }
            for (Counter counter : COUNTERS.subList(1, COUNTERS.size())) {
                counter(out, counter, tviews);
            }
            histogram(out, reading.latencyBounds(), tviews);
            List<TviewCounters> cached = tviews.stream().filter(t -> t.cacheHitRatio() != null).toList();
            if (!cached.isEmpty()) {
                family(out, "tviews_cache_hit_ratio", "Buffer cache hits / (hits + reads) of the TVIEW's table, "
                        + "its TOAST table and indexes since the last statistics reset.", "gauge");
                for (TviewCounters t : cached) {
                    out.append("tviews_cache_hit_ratio{tview=\"").append(escapeLabel(t.tview())).append("\"} ")
                            .append(number(t.cacheHitRatio())).append('\n');
                }
            }
        }
        family(out, "tviews_queue_open_transactions", "Open transactions holding queued TVIEW work.", "gauge");
        out.append("tviews_queue_open_transactions ").append(reading.openTransactions()).append('\n');
        family(out, "tviews_queue_deferred_transactions",
                "Open transactions waiting to refresh deferred TVIEWs at commit.", "gauge");
        out.append("tviews_queue_deferred_transactions ").append(reading.deferredTransactions()).append('\n');
        family(out, "tviews_flush_restarts_total",
                "Flushes that rolled back to take a lock another transaction held first, and started again.", "counter");
        out.append("tviews_flush_restarts_total ").append(reading.flushRestarts()).append('\n');
        return out.toString();
    }

    private static void counter(StringBuilder out, Counter counter, List<TviewCounters> tviews) {
        family(out, counter.name(), counter.help(), "counter");
        for (TviewCounters t : tviews) {
            sample(out, counter.name(), t.tview(), null, counter.value().applyAsLong(t));
        }
    }

    private static void histogram(StringBuilder out, List<Double> bounds, List<TviewCounters> tviews) {
        String name = "tviews_refresh_duration_seconds";
        family(out, name, "Time of the TVIEW's refresh function calls: locking its keys, recomputing and writing rows.",
                "histogram");
        for (TviewCounters t : tviews) {
            String tview = escapeLabel(t.tview());
            long[] buckets = t.latencyBuckets();
            for (int i = 0; i < buckets.length && i < bounds.size(); i++) {
                out.append(name).append("_bucket{tview=\"").append(tview).append("\",le=\"")
                        .append(number(bounds.get(i))).append("\"} ").append(buckets[i]).append('\n');
            }
            out.append(name).append("_sum{tview=\"").append(tview).append("\"} ")
                    .append(number(t.latencySumSeconds())).append('\n');
            out.append(name).append("_count{tview=\"").append(tview).append("\"} ").append(t.latencyCount()).append('\n');
        }
    }

    private static void family(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String tview, String kind, long value) {
        out.append(name).append("{tview=\"").append(escapeLabel(tview)).append('"');
        if (kind != null) {
            out.append(",kind=\"").append(kind).append('"');
        }
        out.append("} ").append(value).append('\n');
    }

    /** A label value: backslash, double quote and line feed escaped as {@code \\}, {@code \"}, {@code \n}. */
    static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** HELP text: backslash and line feed escaped (a double quote stays as is). */
    static String escapeHelp(String value) {
        return value.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /**
     * A value or {@code le} bound as Prometheus' own clients write it: {@code +Inf}, {@code 0.005},
     * {@code 1}, never {@code 1.0} or {@code 5.0E-3}; the {@code le} strings must stay the same
     * from scrape to scrape, since they identify the series.
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21)) {
            return Double.toString(value);  // 1.0E-7: valid, and far shorter than the plain digits
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
