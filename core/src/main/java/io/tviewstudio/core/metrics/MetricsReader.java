package io.tviewstudio.core.metrics;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the runtime's metrics views in one round trip per view. Needs only SELECT on them
 * (granted to pg_monitor by the runtime). TVIEW names are always schema-qualified, whatever the
 * session's search_path, so that they are stable labels for exported series.
 */
public final class MetricsReader {

    private static final String COUNTERS = """
            WITH cache AS (
                SELECT c.entity, sum(c.blks_hit)::float8 / nullif(sum(c.blks_hit + c.blks_read), 0) AS ratio
                FROM public.pg_tviews_cache_stats c WHERE c.entity IS NOT NULL GROUP BY c.entity
            )
            SELECT m.entity, format('%I.%I', n.nspname, c.relname) AS tview, m.refreshes, m.rows_inserted, m.rows_updated, m.rows_deleted,
                   m.rows_skipped, m.cascades, m.enqueued, m.coalesced, m.full_rebuilds, m.latency_le, m.latency_buckets,
                   m.latency_sum, m.latency_count, cache.ratio AS cache_hit_ratio,
                   q.open_transactions, q.deferred_transactions, clock_timestamp() AS read_at
            FROM public.pg_tviews_metrics m CROSS JOIN public.pg_tviews_queue_metrics q
            JOIN pg_catalog.pg_class c ON c.oid = m.tview JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN cache ON cache.entity = m.entity
            ORDER BY m.entity""";

    private static final String QUEUE_ONLY = """
            SELECT q.open_transactions, q.deferred_transactions, clock_timestamp() AS read_at,
                   public.pg_tviews_metrics_buckets() AS latency_le
            FROM public.pg_tviews_queue_metrics q""";

    /** One reading of every TVIEW's counters. */
    public MetricsReading read(Connection connection) throws SQLException {
        Map<String, TviewCounters> tviews = new LinkedHashMap<>();
        List<Double> bounds = List.of();
        int open = 0;
        int deferred = 0;
        Instant at = null;
        // Prepared, so that PgJDBC switches to a server-side statement after a few polls of the same
        // connection and the server stops planning this many-view query each time (measured: planning was
        // about a quarter of a poll's server CPU with 50 TVIEWs).
        try (PreparedStatement statement = connection.prepareStatement(COUNTERS); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                bounds = doubles(rows.getArray("latency_le"));
                double hit = rows.getDouble("cache_hit_ratio");
                Double cacheHitRatio = rows.wasNull() ? null : hit;
                TviewCounters counters = new TviewCounters(rows.getString("entity"), rows.getString("tview"),
                        rows.getLong("refreshes"), rows.getLong("rows_inserted"), rows.getLong("rows_updated"),
                        rows.getLong("rows_deleted"), rows.getLong("rows_skipped"), rows.getLong("cascades"),
                        rows.getLong("enqueued"), rows.getLong("coalesced"), rows.getLong("full_rebuilds"),
                        longs(rows.getArray("latency_buckets")), rows.getDouble("latency_sum"),
                        rows.getLong("latency_count"), cacheHitRatio);
                tviews.put(counters.entity(), counters);
                open = rows.getInt("open_transactions");
                deferred = rows.getInt("deferred_transactions");
                at = rows.getTimestamp("read_at").toInstant();
            }
        }
        if (at == null) {  // no TVIEW yet: still report the queue and the clock
            try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUEUE_ONLY)) {
                rows.next();
                open = rows.getInt("open_transactions");
                deferred = rows.getInt("deferred_transactions");
                at = rows.getTimestamp("read_at").toInstant();
                bounds = doubles(rows.getArray("latency_le"));
            }
        }
        return new MetricsReading(at, bounds, tviews, open, deferred);
    }

    private static List<Double> doubles(Array array) throws SQLException {
        List<Double> values = new ArrayList<>();
        for (Object value : (Object[]) array.getArray()) {
            values.add(((Number) value).doubleValue());
        }
        return values;
    }

    private static long[] longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        long[] result = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = ((Number) values[i]).longValue();
        }
        return result;
    }
}
