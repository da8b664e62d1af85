package io.tviewstudio.core.migrate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the materialized views of a database (pg_matviews / pg_class), their sources, columns, indexes and grants. */
public final class MatviewReader {

    private static final String MATVIEWS = """
            SELECT c.oid, format('%I.%I', n.nspname, c.relname) AS name, pg_get_userbyid(c.relowner) AS owner,
                   pg_get_viewdef(c.oid, true) AS definition, c.relispopulated, pg_total_relation_size(c.oid) AS bytes,
                   c.reltuples::bigint AS estimated_rows, obj_description(c.oid, 'pg_class') AS comment
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'm' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND (?::text IS NULL OR c.oid = to_regclass(?))
            ORDER BY 2""";

    private MatviewReader() {
    }

    public static List<MaterializedView> list(Connection connection) throws SQLException {
        return read(connection, null);
    }

    /** The materialized view of that name (as {@code to_regclass} resolves it), if it is one. */
    public static Optional<MaterializedView> find(Connection connection, String name) throws SQLException {
        return read(connection, name).stream().findFirst();
    }

    private static List<MaterializedView> read(Connection connection, String name) throws SQLException {
        List<MaterializedView> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(MATVIEWS)) {
            statement.setString(1, name);
            statement.setString(2, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long oid = rows.getLong("oid");
                    result.add(new MaterializedView(rows.getString("name"), rows.getString("owner"),
                            rows.getString("definition").strip().replaceAll(";$", ""), rows.getBoolean("relispopulated"),
                            rows.getLong("bytes"), rows.getLong("estimated_rows"), strings(connection, SOURCES, oid),
                            columns(connection, oid), strings(connection, INDEXES, oid), strings(connection, GRANTS, oid),
                            rows.getString("comment")));
                }
            }
        } catch (SQLException e) {
            if ("22P02".equals(e.getSQLState()) || "42602".equals(e.getSQLState())) {
                return List.of();  // not a valid relation name: no such materialized view
            }
            throw e;
        }
        return result;
    }

    private static final String SOURCES = """
            SELECT DISTINCT format('%I.%I', sn.nspname, s.relname)
            FROM pg_rewrite r
            JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass
            JOIN pg_class s ON s.oid = d.refobjid JOIN pg_namespace sn ON sn.oid = s.relnamespace
            WHERE r.ev_class = ?::oid AND d.refobjid <> r.ev_class
            ORDER BY 1""";

    private static final String INDEXES = """
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = ?::oid ORDER BY 1""";

    private static final String GRANTS = """
            SELECT format('GRANT %s ON %s TO %s', a.privilege_type, c.oid::regclass,
                          CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END)
            FROM pg_class c, aclexplode(c.relacl) a
            WHERE c.oid = ?::oid AND a.grantee <> c.relowner
            ORDER BY 1""";

    private static List<String> strings(Connection connection, String sql, long oid) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, oid);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private static List<MaterializedView.Column> columns(Connection connection, long oid) throws SQLException {
        List<MaterializedView.Column> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                        + "WHERE attrelid = ?::oid AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            statement.setLong(1, oid);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(new MaterializedView.Column(rows.getString(1), rows.getString(2)));
                }
            }
        }
        return columns;
    }
}
