package io.tviewstudio.core.playbook;

import io.tviewstudio.core.jdbc.Transactions;
import io.tviewstudio.core.install.RuntimeVersion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a playbook to a database with the playbook's own SQL (its runtime and
 * {@code scripts/lib/playbook.sql}, exactly what its psql scripts run): {@link #plan} says what
 * would happen, {@link #restore} does it in one transaction with progress, then verifies
 * ({@code pg_tviews_verify} through the library) and compares checksums with the export.
 */
public final class PlaybookRestore {

    /** What happens to one exported TVIEW. */
    public record TviewStep(int order, String tview, String state, String detail, String action) {
    }

    /**
     * @param installedRuntime the runtime version in the database, null when not installed
     * @param runtimeAction    {@code keep}, {@code install} or {@code replace with <version>}
     * @param notInPlaybook    TVIEWs of the database the playbook does not hold (left alone)
     */
    public record Plan(String database, String installedRuntime, String playbookRuntime, String runtimeAction,
                       List<TviewStep> steps, List<String> missingSources, List<String> notInPlaybook) {

        /** Whether {@link #restore} would refuse: a base table is missing, or another runtime is installed. */
        public boolean runtimeMismatch() {
            return installedRuntime != null && !installedRuntime.equals(playbookRuntime);
        }
    }

    public record ChecksumComparison(String tview, long exportedRows, Long currentRows, String exportedChecksum,
                                     String currentChecksum, boolean matches) {
    }

    /**
     * @param performed what each step did, as the library reported it
     * @param problems  what the verification found after the steps (empty: consistent)
     * @param committed false for a dry run, or when problems were left (then nothing changed)
     */
    public record Result(Plan plan, List<String> performed, List<String> problems, List<ChecksumComparison> checksums,
                         boolean committed) {

        public boolean checksumsMatch() {
            return checksums.stream().allMatch(ChecksumComparison::matches);
        }
    }

    /**
     * @param dryRun         do everything, verify, then roll back
     * @param replaceRuntime install the playbook's runtime over another installed version
     */
    public record Options(boolean dryRun, boolean replaceRuntime) {
    }

    private PlaybookRestore() {
    }

    /** What {@link #restore} would do, read inside a transaction that is rolled back. */
    public static Plan plan(Connection connection, Playbook playbook) throws SQLException {
        return Transactions.inRolledBackTransaction(connection, () -> {
            execute(connection, playbook.library());
            return readPlan(connection, playbook);
        });
    }

    /**
     * Restores the playbook's TVIEWs: installs its runtime when there is none (or, with
     * {@link Options#replaceRuntime()}, over another version), removes what is left of broken TVIEWs,
     * creates missing ones and recomputes the others, in dependency order, then verifies. One
     * transaction: when the verification finds problems, or on a dry run, it is rolled back.
     *
     * @throws PlaybookException {@code source_missing} or {@code runtime_version_mismatch}, before anything runs
     */
    public static Result restore(Connection connection, Playbook playbook, Options options, PlaybookProgress progress)
            throws SQLException, PlaybookException {
        Plan plan = plan(connection, playbook);
        if (!plan.missingSources().isEmpty()) {
            throw new PlaybookException("source_missing", "cannot restore into database \"" + plan.database()
                    + "\": missing source table(s) " + String.join(", ", plan.missingSources()),
                    "Restore the base tables (and their data) from your backup first; the playbook holds only the TVIEW layer.");
        }
        if (plan.runtimeMismatch() && !options.replaceRuntime()) {
            throw new PlaybookException("runtime_version_mismatch", "database \"" + plan.database() + "\" holds TVIEW runtime "
                    + plan.installedRuntime() + ", the playbook was exported with runtime " + plan.playbookRuntime(),
                    "Pass --replace-runtime to install runtime " + plan.playbookRuntime()
                            + " from the playbook in place (every TVIEW is kept), or use a playbook of runtime " + plan.installedRuntime() + ".");
        }
        int total = plan.steps().size() + 3;
        List<String> performed = new ArrayList<>();
        Result result = Transactions.inTransaction(connection, () -> {
            int step = 0;
            if (!plan.runtimeAction().equals("keep")) {
                progress.step(step, total, plan.runtimeAction() + " TVIEW runtime " + plan.playbookRuntime());
                execute(connection, playbook.runtime());
                performed.add("runtime " + plan.playbookRuntime() + ": " + plan.runtimeAction());
            }
            step++;
            execute(connection, playbook.library());
            progress.step(step++, total, "remove what is left of broken TVIEWs");
            performed.addAll(strings(connection, "SELECT pg_temp.playbook_clear(pg_temp.playbook_broken())"));
            for (TviewStep tview : plan.steps()) {
                progress.step(step++, total, tview.action() + " " + tview.tview());
                try (PreparedStatement apply = connection.prepareStatement("SELECT pg_temp.playbook_apply(?)")) {
                    apply.setInt(1, tview.order());
                    try (ResultSet rows = apply.executeQuery()) {
                        rows.next();
                        performed.add(rows.getString(1));
                    }
                }
            }
            progress.step(step, total, "verify");
            List<String> problems = strings(connection,
                    "SELECT p.tview || ': ' || p.problem FROM pg_temp.playbook_problems() p");
            List<ChecksumComparison> checksums = checksums(connection);
            return new Result(plan, performed, problems, checksums, problems.isEmpty() && !options.dryRun());
        }, Result::committed);
        dropHelpers(connection);
        return result;
    }

    private static Plan readPlan(Connection connection, Playbook playbook) throws SQLException {
        Manifest manifest = playbook.manifest();
        String installed = RuntimeVersion.installed(connection).orElse(null);
        String action = installed == null ? "install"
                : installed.equals(manifest.runtimeVersion()) ? "keep" : "replace " + installed + " with";
        Set<Integer> recreated = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT unnest(pg_temp.playbook_closure(pg_temp.playbook_broken()))")) {
            while (rows.next()) {
                recreated.add(rows.getInt(1));
            }
        }
        List<TviewStep> steps = new ArrayList<>();
        List<String> missingSources = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT ord, tview, state, detail FROM pg_temp.playbook_state() ORDER BY ord")) {
            while (rows.next()) {
                String state = rows.getString("state");
                String detail = rows.getString("detail");
                String stepAction = switch (state) {
                    case "missing" -> "create";
                    case "metadata_lost", "table_missing", "view_missing" -> "clean up and re-create";
                    case "source_missing" -> "blocked";
                    default -> recreated.contains(rows.getInt("ord")) ? "re-create (reads a re-created TVIEW)" : "refresh";
                };
                if (state.equals("source_missing")) {
                    for (String table : detail.substring(detail.indexOf(':') + 1).split(",")) {
                        if (!missingSources.contains(table.strip())) {
                            missingSources.add(table.strip());
                        }
                    }
                }
                steps.add(new TviewStep(rows.getInt("ord"), rows.getString("tview"), state, detail, stepAction));
            }
        }
        List<String> notInPlaybook = installed == null ? List.of() : strings(connection, PlaybookSql.tviewsNotInPlaybook());
        return new Plan(connection.getCatalog(), installed, manifest.runtimeVersion(), action, steps, missingSources, notInPlaybook);
    }

    private static List<ChecksumComparison> checksums(Connection connection) throws SQLException {
        List<ChecksumComparison> result = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM pg_temp.playbook_checksums()")) {
            while (rows.next()) {
                long current = rows.getLong("current_rows");
                result.add(new ChecksumComparison(rows.getString("tview"), rows.getLong("exported_rows"),
                        rows.wasNull() ? null : current, rows.getString("exported_checksum"),
                        rows.getString("current_checksum"), rows.getBoolean("matches")));
            }
        }
        return result;
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    /** The helpers outlive a committed transaction in this session; the caller's connection goes on clean. */
    private static void dropHelpers(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    DO $drop$
                    DECLARE f regprocedure;
                    BEGIN
                        FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                                 WHERE p.pronamespace = pg_my_temp_schema() AND p.proname LIKE 'playbook\\_%' LOOP
                            EXECUTE format('DROP FUNCTION %s', f);
                        END LOOP;
                        DROP TABLE IF EXISTS pg_temp.playbook_tview, pg_temp.playbook_info;
                    END
                    $drop$""");
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
