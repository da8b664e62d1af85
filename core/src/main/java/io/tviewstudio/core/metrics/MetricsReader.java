package io.tviewstudio.core.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the runtime's metrics in one round trip per poll. Needs only SELECT on the metrics views and
 * sequences (granted to pg_monitor by the runtime). TVIEW names are always schema-qualified, whatever
 * the session's search_path, so that they are stable labels for exported series.
 */
public final class MetricsReader {

    /** The classpath resource holding the poll query; bench/metrics-overhead.sh times the same file. */
    public static final String POLL_QUERY_RESOURCE = "/io/tviewstudio/core/metrics/poll.sql";

    private static final String POLL = pollQuery();

    /** The query one poll runs (for tools that time it or show it). */
    public static String pollQuery() {
        try (InputStream in = MetricsReader.class.getResourceAsStream(POLL_QUERY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + POLL_QUERY_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One reading of every TVIEW's counters. */
    public MetricsReading read(Connection connection) throws SQLException {
        Map<String, TviewCounters> tviews = new LinkedHashMap<>();
        List<Double> bounds = List.of();
        int open = 0;
        int deferred = 0;
        long restarts = 0;
        Instant at = null;
        // Prepared, so that PgJDBC switches to a server-side statement after a few polls of the same
        // connection and the server stops planning the query each time (planning costs more than running it).
        try (PreparedStatement statement = connection.prepareStatement(POLL); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                bounds = doubles(rows.getArray("latency_le"));
                open = rows.getInt("open_transactions");
                deferred = rows.getInt("deferred_transactions");
                restarts = rows.getLong("flush_restarts");  // NULL (0) for a role that may not read the sequence
                at = rows.getTimestamp("read_at").toInstant();
                if (rows.getString("entity") == null) {
                    continue;  // no TVIEW yet: the row carries only the queue and the clock
                }
                double hit = rows.getDouble("cache_hit_ratio");
                Double cacheHitRatio = rows.wasNull() ? null : hit;
                TviewCounters counters = new TviewCounters(rows.getString("entity"), rows.getString("tview"),
                        rows.getLong("refreshes"), rows.getLong("rows_inserted"), rows.getLong("rows_updated"),
                        rows.getLong("rows_deleted"), rows.getLong("rows_skipped"), rows.getLong("cascades"),
                        rows.getLong("enqueued"), rows.getLong("coalesced"), rows.getLong("full_rebuilds"),
                        longs(rows.getArray("latency_buckets")), rows.getDouble("latency_sum"),
                        rows.getLong("latency_count"), cacheHitRatio, rows.getLong("errors"));
                tviews.put(counters.entity(), counters);
            }
        }
        if (at == null) {
            throw new SQLException("the metrics poll returned no row");
        }
        return new MetricsReading(at, bounds, tviews, open, deferred, restarts);
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
