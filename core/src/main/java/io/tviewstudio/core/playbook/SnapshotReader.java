package io.tviewstudio.core.playbook;

import io.tviewstudio.core.catalog.DependencyGraphReader;
import io.tviewstudio.core.jdbc.Transactions;
import io.tviewstudio.core.install.RuntimeVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads what a playbook records from a database, in one REPEATABLE READ transaction (one snapshot
 * for every count and checksum) with {@code search_path = pg_catalog}, so every name comes out
 * schema-qualified. The transaction is rolled back: it only creates the temporary checksum helper.
 */
final class SnapshotReader {

    private static final String TVIEWS = """
            SELECT m.entity, m.schema_name::text AS schema_name, format('%I.%I', tn.nspname, t.relname) AS tview,
                   format('%I.%I', vn.nspname, v.relname) AS view_name, m.pk_column::text AS pk_column, m.depth,
                   m.refresh_mode, m.definition, pg_total_relation_size(m.table_oid) AS total_bytes
            FROM public.pg_tview_meta m
            LEFT JOIN pg_class t ON t.oid = m.table_oid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace
            LEFT JOIN pg_class v ON v.oid = m.view_oid LEFT JOIN pg_namespace vn ON vn.oid = v.relnamespace
            ORDER BY m.depth, m.entity""";

    private static final String SOURCES = """
            SELECT DISTINCT s.entity, format('%I.%I', n.nspname, c.relname) AS source, s.source_kind
            FROM public.pg_tview_source s JOIN pg_class c ON c.oid = s.source JOIN pg_namespace n ON n.oid = c.relnamespace
            ORDER BY 1, 2""";

    private static final String FUNCTIONS = """
            SELECT DISTINCT x.entity, p.oid::regprocedure::text AS function
            FROM (SELECT m.entity, m.refresh_function AS fn FROM public.pg_tview_meta m
                  UNION ALL
                  SELECT m.entity, public.pg_tviews__generated_function(m.entity, k.kind)
                  FROM public.pg_tview_meta m, unnest(ARRAY['parent_locks', 'resolve']) AS k(kind)
                  UNION ALL
                  SELECT s.entity, s.trigger_function FROM public.pg_tview_source s) AS x
            JOIN pg_proc p ON true JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE format('%I.%I', n.nspname, p.proname) = x.fn
            ORDER BY 1, 2""";

    private static final String TRIGGERS = """
            SELECT DISTINCT s.entity, tg.tgname::text AS trigger_name, format('%I.%I', n.nspname, c.relname) AS table_name
            FROM public.pg_tview_source s
            JOIN pg_trigger tg ON tg.tgrelid = s.source
                               AND tg.tgname IN (s.trigger_prefix || '_ins', s.trigger_prefix || '_upd',
                                                 s.trigger_prefix || '_del', s.trigger_prefix || '_trn')
            JOIN pg_class c ON c.oid = s.source JOIN pg_namespace n ON n.oid = c.relnamespace
            ORDER BY 1, 3, 2""";

    private SnapshotReader() {
    }

    static Manifest read(Connection connection, String database, String tool, PlaybookProgress progress)
            throws SQLException, PlaybookException {
        // One snapshot that is rolled back: the export changes nothing, and its helper functions go with it.
        return Transactions.inRolledBackTransaction(connection, () -> {
            try (Statement statement = connection.createStatement()) {
                return readInSnapshot(connection, statement, database, tool, progress);
            }
        });
    }

    private static Manifest readInSnapshot(Connection connection, Statement statement, String database, String tool,
                                           PlaybookProgress progress) throws SQLException, PlaybookException {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        statement.execute("SET LOCAL search_path = pg_catalog");
        String runtime = RuntimeVersion.installed(connection).orElseThrow(() -> new PlaybookException(
                "runtime_not_installed", "the TVIEW runtime is not installed in database \"" + database + "\": nothing to export",
                "Install it with: tviews install"));
        // Only the checksum helper is used here; the others read tables the library creates first.
        statement.execute("SET LOCAL check_function_bodies = off");
        statement.execute(PlaybookSql.functions());
        String server = scalar(statement, "SELECT 'PostgreSQL ' || current_setting('server_version')");
        List<String> order = DependencyGraphReader.read(connection).creationOrder();
        Map<String, List<String>> reads = new LinkedHashMap<>();
        Map<String, List<String>> sources = new LinkedHashMap<>();
        TreeSet<String> allSources = new TreeSet<>();
        try (ResultSet rows = statement.executeQuery(SOURCES)) {
            while (rows.next()) {
                String entity = rows.getString("entity");
                String source = rows.getString("source");
                if ("tview".equals(rows.getString("source_kind"))) {
                    reads.computeIfAbsent(entity, k -> new ArrayList<>()).add(source);
                } else {
                    sources.computeIfAbsent(entity, k -> new ArrayList<>()).add(source);
                    allSources.add(source);
                }
            }
        }
        Map<String, List<String>> functions = grouped(statement, FUNCTIONS, "function");
        Map<String, List<TviewSnapshot.GeneratedTrigger>> triggers = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery(TRIGGERS)) {
            while (rows.next()) {
                triggers.computeIfAbsent(rows.getString("entity"), k -> new ArrayList<>())
                        .add(new TviewSnapshot.GeneratedTrigger(rows.getString("trigger_name"), rows.getString("table_name")));
            }
        }
        List<TviewSnapshot> tviews = new ArrayList<>();
        List<Object[]> rowsOfMeta = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(TVIEWS)) {
            while (rows.next()) {
                if (rows.getString("tview") == null || rows.getString("view_name") == null) {
                    throw new PlaybookException("tview_broken", "TVIEW " + rows.getString("entity")
                            + " has a catalog row but its table or view is gone: export a healthy database",
                            "Repair it first (tviews verify, or the scenarios of an earlier playbook), then export.");
                }
                rowsOfMeta.add(new Object[] {rows.getString("entity"), rows.getString("schema_name"), rows.getString("tview"),
                        rows.getString("view_name"), rows.getString("pk_column"), rows.getInt("depth"),
                        rows.getString("refresh_mode"), rows.getString("definition"), rows.getLong("total_bytes")});
            }
        }
        Map<String, Object[]> byTable = new LinkedHashMap<>();
        rowsOfMeta.forEach(row -> byTable.put((String) row[2], row));
        int position = 0;
        for (String table : order) {
            Object[] row = byTable.get(table);
            if (row == null) {
                throw new IllegalStateException("dependency graph names " + table + ", the catalog does not");
            }
            position++;
            String entity = (String) row[0];
            progress.step(position - 1, order.size(), "checksum of " + table);
            Checksums.Result checksum = Checksums.of(connection, table, (String) row[4]);
            tviews.add(new TviewSnapshot(position, table, (String) row[3], entity, (String) row[1], (String) row[4],
                    (Integer) row[5], (String) row[6], (String) row[7], reads.getOrDefault(entity, List.of()),
                    sources.getOrDefault(entity, List.of()), functions.getOrDefault(entity, List.of()),
                    triggers.getOrDefault(entity, List.of()), checksum.rowCount(), (Long) row[8], checksum.checksum()));
        }
        List<SourceTableSnapshot> sourceTables = new ArrayList<>();
        for (String source : allSources) {
            try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + source);
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                sourceTables.add(new SourceTableSnapshot(source, rows.getLong(1)));
            }
        }
        return new Manifest(Manifest.FORMAT, tool, runtime, database, server,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), Checksums.METHOD, tviews, sourceTables);
    }

    private static Map<String, List<String>> grouped(Statement statement, String sql, String column) throws SQLException {
        Map<String, List<String>> result = new LinkedHashMap<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                result.computeIfAbsent(rows.getString("entity"), k -> new ArrayList<>()).add(rows.getString(column));
            }
        }
        return result;
    }

    private static String scalar(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
