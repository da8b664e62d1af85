package io.tviewstudio.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads the TVIEWs of a database from the runtime's catalog ({@code pg_tview_meta}, {@code pg_tview_source}):
 * the one home of the queries that list TVIEWs and read their lineage rules, which the facade's
 * verbs (status, tviews, graph), the analysis's live catalog, the preview, the row inspector, the
 * runtime's removal and the playbook export share. A query that only one verb runs (what a
 * replacement drops and creates again, what a playbook records) lives with that verb; the
 * architecture test names them.
 */
public final class TviewCatalog {

    private static final String RUNTIME_INSTALLED = "SELECT to_regclass('public.pg_tview_meta') IS NOT NULL";

    private static final String ENTITIES = "SELECT array_agg(entity) FROM public.pg_tview_meta";

    private static final String TVIEWS = """
            SELECT entity, table_oid::text AS table_name, depth, refresh_mode, definition,
                   pg_total_relation_size(table_oid) AS total_bytes
            FROM public.pg_tview_meta
            ORDER BY depth, entity""";

    private static final String LINEAGE = """
            SELECT m.table_oid::text AS tview, s.source::text AS source, s.source_kind, s.rule,
                   s.tview_column, s.source_column
            FROM public.pg_tview_meta m LEFT JOIN public.pg_tview_source s ON s.entity = m.entity
            ORDER BY m.depth, m.entity, s.source::text, s.rule, s.tview_column""";

    private static final String LINEAGE_OF = """
            SELECT s.source::text, s.source_kind, s.rule, s.tview_column::text, s.source_column::text,
                   s.source::oid::bigint
            FROM public.pg_tview_source s JOIN public.pg_tview_meta m ON m.entity = s.entity
            WHERE m.table_oid = pg_catalog.to_regclass(?)
            ORDER BY s.source::text, s.rule, s.tview_column""";

    /**
     * One lineage rule of a TVIEW with the oid of its source relation (for {@code pg_tviews_cascade}).
     *
     * @param source    the rule
     * @param sourceOid the oid of {@code source.relation()}
     */
    public record SourceRule(TviewSource source, long sourceOid) {
    }

    private final Connection connection;

    public TviewCatalog(Connection connection) {
        this.connection = Objects.requireNonNull(connection);
    }

    /** Whether the runtime is installed, i.e. whether {@link #list()} can work. */
    public boolean runtimeInstalled() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(RUNTIME_INSTALLED);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /**
     * The entity of every installed TVIEW ({@code post} for {@code tv_post}). The runtime must be
     * installed: without it the query fails with "relation public.pg_tview_meta does not exist"
     * (a {@code CASE} on {@code to_regclass} would not help: PostgreSQL resolves the table when it
     * plans the query).
     */
    public Set<String> entities() throws SQLException {
        Set<String> entities = new LinkedHashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(ENTITIES)) {
            if (rows.next() && rows.getArray(1) != null) {
                for (Object value : (Object[]) rows.getArray(1).getArray()) {
                    entities.add((String) value);
                }
            }
        }
        return entities;
    }

    /**
     * Every TVIEW, TVIEWs that read only tables first (by depth, then entity). The row counts are
     * exact ({@code count(*)} per TVIEW table), which is cheap for the demo and small databases.
     */
    public List<TviewInfo> list() throws SQLException {
        List<TviewRow> rows = tviewRows();
        Map<String, List<TviewSource>> sources = lineage();
        List<TviewInfo> tviews = new ArrayList<>(rows.size());
        for (TviewRow row : rows) {
            tviews.add(new TviewInfo(row.entity(), row.table(), row.depth(), rowCount(row.table()),
                    sources.getOrDefault(row.table(), List.of()), row.refreshMode(), row.definition(),
                    row.totalBytes()));
        }
        return tviews;
    }

    /** Every TVIEW's refresh mode, depth, exact row count and size, in the order of {@link #list()} (the runtime must be installed). */
    public List<TviewStatus> statuses() throws SQLException {
        List<TviewStatus> statuses = new ArrayList<>();
        for (TviewRow row : tviewRows()) {
            statuses.add(new TviewStatus(row.entity(), row.table(), row.refreshMode(), row.depth(), rowCount(row.table()),
                    row.totalBytes()));
        }
        return statuses;
    }

    /**
     * The lineage rules of every TVIEW, by TVIEW table (regclass text), TVIEWs in the order of
     * {@link #list()}, each with its rules ordered by relation, rule and column; a TVIEW that reads
     * no relation has an empty list.
     */
    public Map<String, List<TviewSource>> lineage() throws SQLException {
        Map<String, List<TviewSource>> rulesByTview = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(LINEAGE)) {
            while (rows.next()) {
                List<TviewSource> rules = rulesByTview.computeIfAbsent(rows.getString("tview"), tview -> new ArrayList<>());
                if (rows.getString("source") != null) {
                    rules.add(new TviewSource(rows.getString("source"), rows.getString("source_kind"), rows.getString("rule"),
                            rows.getString("tview_column"), rows.getString("source_column")));
                }
            }
        }
        return rulesByTview;
    }

    /**
     * The lineage rules of the TVIEW whose table is {@code table} ({@code tv_post}, or
     * schema-qualified), ordered by relation, rule and column; empty when it is no TVIEW or reads nothing.
     */
    public List<SourceRule> lineageOf(String table) throws SQLException {
        List<SourceRule> rules = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LINEAGE_OF)) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    rules.add(new SourceRule(new TviewSource(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5)), rows.getLong(6)));
                }
            }
        }
        return rules;
    }

    private record TviewRow(String entity, String table, int depth, String refreshMode, String definition,
                            long totalBytes) {
    }

    private List<TviewRow> tviewRows() throws SQLException {
        List<TviewRow> tviews = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(TVIEWS)) {
            while (rows.next()) {
                tviews.add(new TviewRow(rows.getString("entity"), rows.getString("table_name"), rows.getInt("depth"),
                        rows.getString("refresh_mode"), rows.getString("definition"), rows.getLong("total_bytes")));
            }
        }
        return tviews;
    }

    private long rowCount(String table) throws SQLException {
        // The name comes from regclass text, which is already quoted where needed; count(*) is exact, as the status promises.
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM " + table);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
