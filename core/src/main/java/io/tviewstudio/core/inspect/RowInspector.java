package io.tviewstudio.core.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.jdbc.DatabaseError;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The rows of one TVIEW, read a page at a time in key order (keyset paging: never the whole
 * table), searched by key or by a SQL/JSON path; one row compared with its view's row, the source
 * rows it was built from, and the repair of that one row.
 *
 * <p>Everything but {@link #repair} runs in a {@code READ ONLY} transaction that is rolled back;
 * the repair is one transaction of its own. User input reaches the server only as bind parameters.
 */
public final class RowInspector {

    /** Characters of {@code data::text} a page row carries. */
    public static final int SUMMARY_CHARS = 160;

    /** The SQLSTATEs of a jsonpath the server cannot parse (syntax error, invalid text). */
    private static final List<String> INVALID_JSONPATH = List.of("42601", "22P02");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Connection connection;
    private final InspectedTview tview;

    private RowInspector(Connection connection, InspectedTview tview) {
        this.connection = connection;
        this.tview = tview;
    }

    /**
     * An inspector of the TVIEW whose table is {@code table}, on a connection the caller owns, in
     * auto-commit mode: the inspector runs transactions of its own (and would otherwise end the caller's).
     */
    public static RowInspector of(Connection connection, String table) throws SQLException, InspectException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("the row inspector needs a connection in auto-commit mode: it runs its own transactions");
        }
        return new RowInspector(connection, readOnly(connection, () -> InspectedTview.read(connection, table)));
    }

    public InspectedTview tview() {
        return tview;
    }

    /** The first page: up to {@code limit} rows with the smallest keys that match the filter. */
    public RowPage first(RowFilter filter, int limit) throws SQLException, InspectException {
        return page(filter, null, true, limit);
    }

    /** The page after {@code lastPk} ({@code WHERE pk > lastPk ORDER BY pk LIMIT n}). */
    public RowPage after(RowFilter filter, long lastPk, int limit) throws SQLException, InspectException {
        return page(filter, lastPk, true, limit);
    }

    /** The page before {@code firstPk} ({@code WHERE pk < firstPk ORDER BY pk DESC LIMIT n}), in ascending order. */
    public RowPage before(RowFilter filter, long firstPk, int limit) throws SQLException, InspectException {
        return page(filter, firstPk, false, limit);
    }

    private RowPage page(RowFilter filter, Long bound, boolean forward, int limit) throws SQLException, InspectException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        String pk = "t." + Sql.ident(tview.pkColumn());
        List<String> where = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        if (bound != null) {
            where.add(pk + (forward ? " > ?" : " < ?"));
            parameters.add(bound);
        }
        switch (filter.mode()) {
            case ALL -> { }
            case KEY -> addKey(filter.text(), pk, where, parameters);
            case JSON_PATH -> {
                // "@??" is pgjdbc's escape for the operator "@?"; it can use a GIN index on data.
                where.add("t.data @?? CAST(? AS jsonpath)");
                parameters.add(filter.text());
            }
        }
        String sql = "SELECT " + pk + "::bigint, " + (tview.hasId() ? "t.id::text" : "''")
                + ", left(t.data::text, " + SUMMARY_CHARS + "), pg_column_size(t.data)"
                + " FROM " + tview.table() + " AS t"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + pk + (forward ? "" : " DESC") + " LIMIT " + (limit + 1);
        if (filter.mode() == RowFilter.Mode.JSON_PATH) {
            checkJsonPath(filter.text());
        }
        return readOnly(connection, () -> {
            List<RowSummary> rows = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet result = statement.executeQuery()) {
                    while (result.next()) {
                        rows.add(new RowSummary(result.getLong(1), result.getString(2) == null ? "" : result.getString(2),
                                result.getString(3) == null ? "" : result.getString(3), result.getInt(4)));
                    }
                }
            }
            boolean more = rows.size() > limit;
            if (more) {
                rows.removeLast();
            }
            if (!forward) {
                Collections.reverse(rows);
            }
            return new RowPage(rows, more);
        });
    }

    private void addKey(String key, String pk, List<String> where, List<Object> parameters) throws InspectException {
        if (INTEGER.matcher(key).matches()) {
            try {
                parameters.add(Long.parseLong(key));
            } catch (NumberFormatException e) {
                throw new InspectException("invalid_key", "Not a key: " + key + " is out of the bigint range");
            }
            where.add(pk + " = ?");
            return;
        }
        try {
            UUID id = UUID.fromString(key);
            if (!tview.hasId()) {
                throw new InspectException("invalid_key", tview.table() + " has no id column: search by " + tview.pkColumn());
            }
            where.add("t.id = ?");
            parameters.add(id);
        } catch (IllegalArgumentException e) {
            throw new InspectException("invalid_key", "Not a key: \u201c" + key + "\u201d is neither a "
                    + tview.pkColumn() + " number nor an id uuid");
        }
    }

    /** Parses the path on the server first, so that its syntax error is told apart from any other failure. */
    private void checkJsonPath(String path) throws SQLException, InspectException {
        if (path.isEmpty()) {
            throw new InspectException("invalid_json_path", "Invalid JSON path: empty (e.g. $.author.name or $.tags[*] ? (@ == \"sql\"))");
        }
        try {
            readOnly(connection, () -> {
                try (PreparedStatement statement = connection.prepareStatement("SELECT CAST(? AS jsonpath)")) {
                    statement.setString(1, path);
                    statement.executeQuery().close();
                }
                return null;
            });
        } catch (SQLException e) {
            if (INVALID_JSONPATH.contains(e.getSQLState())) {
                throw new InspectException("invalid_json_path", "Invalid JSON path \u201c" + path + "\u201d: " + DatabaseError.of(e).message(), e);
            }
            throw e;
        }
    }

    /** The stored row of {@code pk} and its view's row, each as a JSON object of the table's columns. */
    public RowComparison compare(long pk) throws SQLException, InspectException {
        return readOnly(connection, () -> compareInTransaction(pk));
    }

    private RowComparison compareInTransaction(long pk) throws SQLException {
        String key = Sql.ident(tview.pkColumn());
        // Both rows as json objects of the table's columns in column order (json keeps it, jsonb
        // would sort the keys), the view's row cut to the table's columns; compared as jsonb.
        String sql = "WITH cols AS (SELECT a.attname::text AS name, a.attnum FROM pg_catalog.pg_attribute a"
                + "               WHERE a.attrelid = CAST(? AS regclass) AND a.attnum > 0 AND NOT a.attisdropped),"
                + " s AS (SELECT row_to_json(t) AS j FROM " + tview.table() + " AS t WHERE t." + key + " = ?),"
                + " f AS (SELECT (SELECT json_object_agg(c.key, c.value ORDER BY cols.attnum)"
                + "               FROM jsonb_each(to_jsonb(v)) AS c JOIN cols ON cols.name = c.key) AS j"
                + "        FROM " + tview.view() + " AS v WHERE v." + key + " = ?)"
                + " SELECT (SELECT j::text FROM s), (SELECT j::text FROM f), (SELECT j::jsonb FROM s) = (SELECT j::jsonb FROM f)";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tview.table());
            statement.setLong(2, pk);
            statement.setLong(3, pk);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new RowComparison(pk, result.getString(1), result.getString(2), result.getBoolean(3));
            }
        }
    }

    /**
     * The source rows a TVIEW row was built from: for each lineage rule, the rows of the source
     * whose {@code source_column} equals the row's {@code tview_column} (the stored row's value, or
     * the view's when the row is missing), at most {@code limit} per rule, in the source's key order.
     */
    public List<SourceRows> sources(long pk, int limit) throws SQLException, InspectException {
        return readOnly(connection, () -> {
            RowComparison row = compareInTransaction(pk);
            JsonNode columns = parse(row.stored() != null ? row.stored() : row.fresh());
            List<SourceRows> found = new ArrayList<>();
            for (InspectedTview.Source source : tview.sources()) {
                JsonNode value = columns == null ? null : columns.get(source.rule().tviewColumn());
                if (value == null || !value.canConvertToLong()) {
                    found.add(new SourceRows(source.rule(), null, List.of(), false));
                    continue;
                }
                found.add(sourceRows(source, value.asLong(), limit));
            }
            return found;
        });
    }

    private SourceRows sourceRows(InspectedTview.Source source, long value, int limit) throws SQLException {
        String column = Sql.ident(source.rule().sourceColumn());
        String order = primaryKey(source.oid());
        String sql = "SELECT row_to_json(s)::text FROM " + source.rule().relation() + " AS s WHERE s." + column + " = ?"
                + " ORDER BY " + (order == null ? "s." + column : "s." + Sql.ident(order)) + " LIMIT " + (limit + 1);
        List<String> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, value);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        boolean truncated = rows.size() > limit;
        return new SourceRows(source.rule(), value, truncated ? rows.subList(0, limit) : rows, truncated);
    }

    private String primaryKey(long relation) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT a.attname::text FROM pg_catalog.pg_index i
                JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
                WHERE i.indrelid = ? AND i.indisprimary AND i.indnatts = 1""")) {
            statement.setLong(1, relation);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    /**
     * Recomputes the row of {@code pk} in one transaction, as an {@code UPDATE} of its root source
     * row would: {@code pg_tviews_cascade(root, pk)} when the root row exists (a missing or stale
     * row is written, a row its view no longer has is deleted), else {@code pg_tviews_delete(root,
     * pk)} (the root row is gone). Reports the row before and after. The only write of the inspector.
     */
    public RowRepair repair(long pk) throws SQLException, InspectException {
        InspectedTview.Source root = tview.root().orElseThrow(() -> new InspectException("no_root_source",
                tview.table() + " has no root source, so one row cannot be recomputed alone: "
                        + "use pg_tviews_verify('" + tview.table() + "', repair => true)"));
        return Transactions.inTransaction(connection, () -> {
            RowComparison before = compareInTransaction(pk);
            boolean rootExists;
            try (PreparedStatement statement = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM "
                    + root.rule().relation() + " AS r WHERE r." + Sql.ident(root.rule().sourceColumn()) + " = ?)")) {
                statement.setLong(1, pk);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    rootExists = result.getBoolean(1);
                }
            }
            String function = rootExists ? "pg_tviews_cascade" : "pg_tviews_delete";
            int queued;
            try (PreparedStatement statement = connection.prepareStatement("SELECT public." + function + "(CAST(? AS oid), ?)")) {
                statement.setLong(1, root.oid());
                statement.setLong(2, pk);
                try (ResultSet result = statement.executeQuery()) {
                    result.next();
                    queued = result.getInt(1);
                }
            }
            RowComparison after = compareInTransaction(pk);
            return new RowRepair(before, after, function + "('" + root.rule().relation() + "'::regclass, " + pk + ")", queued);
        });
    }

    /** Runs the work in a READ ONLY transaction that is rolled back: browsing can change nothing. */
    static <T> T readOnly(Connection connection, Transactions.Work<T, InspectException> work) throws SQLException, InspectException {
        return Transactions.inRolledBackTransaction(connection, () -> {
            try (var statement = connection.createStatement()) {
                statement.execute("SET TRANSACTION READ ONLY");
            }
            return work.run();
        });
    }

    private static JsonNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the server sent invalid JSON", e);
        }
    }
}
