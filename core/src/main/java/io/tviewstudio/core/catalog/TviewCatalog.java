package io.tviewstudio.core.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the TVIEWs of a database from the runtime's catalog ({@code pg_tview_meta}, {@code pg_tview_source}). */
public final class TviewCatalog {

    private static final String TVIEWS = """
            SELECT entity, table_oid::text AS table_name, depth, refresh_mode, definition,
                   pg_total_relation_size(table_oid) AS total_bytes
            FROM public.pg_tview_meta
            ORDER BY depth, entity""";

    private static final String SOURCES = """
            SELECT entity, source::text AS relation, source_kind, rule, tview_column, source_column
            FROM public.pg_tview_source
            ORDER BY entity, source::text, rule, tview_column""";

    private final Connection connection;

    public TviewCatalog(Connection connection) {
        this.connection = Objects.requireNonNull(connection);
    }

    /** Whether the runtime is installed, i.e. whether {@link #list()} can work. */
    public boolean runtimeInstalled() throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT to_regclass('public.pg_tview_meta') IS NOT NULL");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /**
     * Every TVIEW, TVIEWs that read only tables first (by depth, then entity). The row counts are
     * exact ({@code count(*)} per TVIEW table), which is cheap for the demo and small databases.
     */
    public List<TviewInfo> list() throws SQLException {
        List<TviewRow> rows = tviewRows();
        Map<String, List<TviewSource>> sources = sourcesByEntity();
        List<TviewInfo> tviews = new ArrayList<>(rows.size());
        for (TviewRow row : rows) {
            tviews.add(new TviewInfo(row.entity(), row.table(), row.depth(), rowCount(row.table()),
                    sources.getOrDefault(row.entity(), List.of()), row.refreshMode(), row.definition(),
                    row.totalBytes()));
        }
        return tviews;
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

    private Map<String, List<TviewSource>> sourcesByEntity() throws SQLException {
        Map<String, List<TviewSource>> sources = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(SOURCES)) {
            while (rows.next()) {
                sources.computeIfAbsent(rows.getString("entity"), key -> new ArrayList<>())
                        .add(new TviewSource(rows.getString("relation"), rows.getString("source_kind"),
                                rows.getString("rule"), rows.getString("tview_column"),
                                rows.getString("source_column")));
            }
        }
        return sources;
    }

    private long rowCount(String table) throws SQLException {
        // The name comes from regclass text, which is already quoted where needed.
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) FROM " + table);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
