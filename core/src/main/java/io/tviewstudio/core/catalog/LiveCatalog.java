package io.tviewstudio.core.catalog;

import io.tviewstudio.core.analysis.schema.CatalogException;
import io.tviewstudio.core.analysis.schema.CatalogSnapshot;
import io.tviewstudio.core.analysis.schema.ColumnInfo;
import io.tviewstudio.core.analysis.schema.FunctionInfo;
import io.tviewstudio.core.analysis.schema.OperatorInfo;
import io.tviewstudio.core.analysis.schema.RelationInfo;
import io.tviewstudio.core.analysis.schema.RelationKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The catalog of a live database, read over JDBC as the connection's role sees it (its
 * {@code search_path} resolves unqualified names, as it would for {@code pg_tviews_create}).
 * Answers are cached: a snapshot is meant for one analysis run, not to follow later DDL. It lives
 * here, not in {@code analysis.schema}, so that the analysis itself holds no JDBC.
 */
public final class LiveCatalog implements CatalogSnapshot {

    private static final String RELATION = """
            SELECT c.oid, n.nspname, c.relname, c.relkind,
                   to_regclass('public.pg_tview_meta') IS NOT NULL
                   AND EXISTS (SELECT 1 FROM public.pg_tview_meta m WHERE m.table_oid = c.oid) AS is_tview
            FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.oid = to_regclass(?)""";

    private static final String COLUMNS = """
            SELECT a.attname, pg_catalog.format_type(a.atttypid, NULL) AS type_name, a.attnotnull
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum""";

    // Unique indexes over plain columns whose columns are all NOT NULL identify at most one row.
    private static final String UNIQUE_KEYS = """
            SELECT array_agg(a.attname::text ORDER BY a.attname) AS columns
            FROM pg_catalog.pg_index i
            JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
            WHERE i.indrelid = ? AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL
            GROUP BY i.indexrelid
            HAVING bool_and(a.attnotnull)""";

    private static final String VIEW_READS = """
            SELECT DISTINCT n.nspname || '.' || c.relname
            FROM pg_catalog.pg_rewrite r,
                 LATERAL regexp_matches(r.ev_action::text, ':relid (\\d+)', 'g') AS m
                 JOIN pg_catalog.pg_class c ON c.oid = m[1]::oid
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE r.ev_class = ? AND r.rulename = '_RETURN' AND c.oid <> r.ev_class""";

    private static final String FUNCTIONS = """
            SELECT p.proname,
                   coalesce((SELECT array_agg(pg_catalog.format_type(t, NULL) ORDER BY ord)
                             FROM unnest(p.proargtypes) WITH ORDINALITY AS x(t, ord)), '{}') AS arg_types,
                   pg_catalog.format_type(p.prorettype, NULL) AS return_type,
                   p.provolatile, p.provariadic <> 0 AS variadic, p.proretset
            FROM pg_catalog.pg_proc p
            WHERE p.proname = ? AND pg_catalog.pg_function_is_visible(p.oid)""";

    private static final String OPERATORS = """
            SELECT pg_catalog.format_type(o.oprleft, NULL), pg_catalog.format_type(o.oprright, NULL)
            FROM pg_catalog.pg_operator o
            WHERE o.oprname = ? AND o.oprkind = 'b' AND pg_catalog.pg_operator_is_visible(o.oid)""";

    private static final String IMPLICIT_CASTS = """
            SELECT pg_catalog.format_type(castsource, NULL), pg_catalog.format_type(casttarget, NULL)
            FROM pg_catalog.pg_cast WHERE castcontext = 'i'""";

    private final Connection connection;
    private final Map<String, Optional<RelationInfo>> relations = new HashMap<>();
    private final Map<String, List<FunctionInfo>> functions = new HashMap<>();
    private final Map<String, List<OperatorInfo>> operators = new HashMap<>();
    private Set<String> implicitCasts;
    private Set<String> tviewEntities;
    private String currentSchema;

    public LiveCatalog(Connection connection) {
        this.connection = connection;
    }

    @Override
    public boolean knowsRelations() {
        return true;
    }

    @Override
    public Optional<RelationInfo> relation(String schema, String name) {
        String regclass = (schema == null ? "" : quote(schema) + ".") + quote(name);
        return relations.computeIfAbsent(regclass, key -> query(() -> readRelation(key)));
    }

    @Override
    public boolean knowsFunctions() {
        return true;
    }

    @Override
    public List<FunctionInfo> functions(String name) {
        return functions.computeIfAbsent(name, key -> query(() -> readFunctions(key)));
    }

    @Override
    public List<OperatorInfo> operators(String symbol) {
        return operators.computeIfAbsent(symbol, key -> query(() -> {
            List<OperatorInfo> result = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(OPERATORS)) {
                statement.setString(1, key);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new OperatorInfo(key, rows.getString(1), rows.getString(2)));
                    }
                }
            }
            return result;
        }));
    }

    @Override
    public boolean implicitlyCastable(String from, String to) {
        if (implicitCasts == null) {
            implicitCasts = query(() -> {
                Set<String> casts = new HashSet<>();
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery(IMPLICIT_CASTS)) {
                    while (rows.next()) {
                        casts.add(rows.getString(1) + "->" + rows.getString(2));
                    }
                }
                return casts;
            });
        }
        return implicitCasts.contains(from + "->" + to);
    }

    @Override
    public boolean tviewExists(String entity) {
        if (tviewEntities == null) {
            tviewEntities = query(() -> {
                return new HashSet<>(new TviewCatalog(connection).entities());
            });
        }
        return tviewEntities.contains(entity);
    }

    @Override
    public String currentSchema() {
        if (currentSchema == null) {
            currentSchema = query(() -> {
                try (Statement statement = connection.createStatement();
                     ResultSet rows = statement.executeQuery("SELECT current_schema()")) {
                    rows.next();
                    return rows.getString(1);
                }
            });
        }
        return currentSchema;
    }

    private Optional<RelationInfo> readRelation(String regclass) throws SQLException {
        long oid;
        String schema;
        String name;
        RelationKind kind;
        boolean tview;
        try (PreparedStatement statement = connection.prepareStatement(RELATION)) {
            statement.setString(1, regclass);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                oid = rows.getLong(1);
                schema = rows.getString(2);
                name = rows.getString(3);
                kind = RelationKind.of(rows.getString(4));
                tview = rows.getBoolean(5);
            }
        }
        List<ColumnInfo> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
            statement.setLong(1, oid);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(new ColumnInfo(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
                }
            }
        }
        List<List<String>> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(UNIQUE_KEYS)) {
            statement.setLong(1, oid);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(List.of((String[]) rows.getArray(1).getArray()));
                }
            }
        }
        List<String> reads = new ArrayList<>();
        if (kind == RelationKind.VIEW) {
            try (PreparedStatement statement = connection.prepareStatement(VIEW_READS)) {
                statement.setLong(1, oid);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reads.add(rows.getString(1));
                    }
                }
            }
        }
        return Optional.of(new RelationInfo(schema, name, kind, tview, columns, keys, reads));
    }

    private List<FunctionInfo> readFunctions(String name) throws SQLException {
        List<FunctionInfo> result = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(FUNCTIONS)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    result.add(new FunctionInfo(rows.getString(1), List.of((String[]) rows.getArray(2).getArray()),
                            rows.getString(3), rows.getString(4).charAt(0), rows.getBoolean(5), rows.getBoolean(6)));
                }
            }
        }
        return result;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private interface SqlQuery<T> {
        T run() throws SQLException;
    }

    private static <T> T query(SqlQuery<T> query) {
        try {
            return query.run();
        } catch (SQLException e) {
            throw new CatalogException("cannot read the catalog: " + e.getMessage(), e);
        }
    }
}
