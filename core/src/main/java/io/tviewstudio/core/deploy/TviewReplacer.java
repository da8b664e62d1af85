package io.tviewstudio.core.deploy;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.ErrorCode;
import io.tviewstudio.core.analysis.TviewName;
import io.tviewstudio.core.deploy.ReplacePlan.InstalledTview;
import io.tviewstudio.core.deploy.ReplaceResult.Action;
import io.tviewstudio.core.deploy.ReplaceResult.Failure;
import io.tviewstudio.core.deploy.ReplaceResult.Role;
import io.tviewstudio.core.deploy.ReplaceResult.Step;
import io.tviewstudio.core.jdbc.DatabaseError;
import io.tviewstudio.core.jdbc.Transactions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replaces an installed TVIEW by a new definition of it, in one transaction: the runtime has no
 * "alter", so the TVIEW is dropped with every TVIEW that reads it ({@code pg_tviews_drop(name,
 * false, true)}), created from the new definition, and its dependants are created again from their
 * stored definitions, in dependency order, each with its refresh mode; the privileges granted on
 * their tables and views are granted again. If any step fails (a dependant reads a column the new
 * definition no longer has), everything is rolled back and the result names the step and the
 * server's error.
 */
public final class TviewReplacer {

    private static final String DROP = "SELECT public.pg_tviews_drop(?, false, true)";
    private static final String RECREATE = "SELECT public.pg_tviews_create(?, ?)";
    private static final String REFRESH_MODE = """
            SELECT public.pg_tviews_set_refresh_mode(table_oid::text, ?) FROM public.pg_tview_meta
            WHERE entity = ? AND refresh_mode <> ?""";
    private static final String SEARCH_PATH = "SELECT set_config('search_path', ?, true)";
    private static final String DEPENDANT_SEARCH_PATH = "SELECT set_config('search_path', format('%I, public', ?::text), true)";
    private static final String READ_DEPENDANT = """
            SELECT m.table_oid::text FROM public.pg_tview_meta m
            WHERE m.entity = ANY (?::text[]) AND m.table_oid = ANY (SELECT to_regclass(s) FROM unnest(?::text[]) s)
            ORDER BY m.depth, m.entity LIMIT 1""";

    private TviewReplacer() {
    }

    /**
     * Replaces the TVIEW that {@code definition} names and commits; on failure rolls back. The
     * definition should have been analysed as a replacement ({@code catalog.replacing(...)}). The
     * connection must be in auto-commit mode; it is again afterwards.
     *
     * @throws SQLException when the catalog cannot be read (after the rollback)
     */
    public static ReplaceResult replace(Connection connection, AnalysisResult definition) throws SQLException {
        return run(connection, definition, true);
    }

    /** Every step of {@link #replace}, then a rollback: whether the replacement would succeed, and what it would do. */
    public static ReplaceResult dryRun(Connection connection, AnalysisResult definition) throws SQLException {
        return run(connection, definition, false);
    }

    private static ReplaceResult run(Connection connection, AnalysisResult definition, boolean commit) throws SQLException {
        TviewName name = definition.name();
        if (name == null) {
            throw new IllegalArgumentException("not a valid TVIEW definition: " + definition.tviewName());
        }
        if (!commit) {
            return Transactions.inRolledBackTransaction(connection, () -> replaceIn(connection, name, definition));
        }
        ReplaceResult result = Transactions.inTransaction(connection, () -> replaceIn(connection, name, definition),
                ReplaceResult::succeeded);
        return result.succeeded() ? new ReplaceResult(result.tview(), true, result.steps(), null) : result;
    }

    private static ReplaceResult replaceIn(Connection connection, TviewName name, AnalysisResult definition) throws SQLException {
        Optional<ReplacePlan> read = ReplacePlan.read(connection, name.entity());
        if (read.isEmpty()) {
            return refused(name.toString(), ErrorCode.TV003, "TVIEW " + name + " does not exist: there is nothing to replace",
                    "Install creates it.");
        }
        ReplacePlan plan = read.get();
        String replaced = plan.replaced().tview();
        String cycle = dependantRead(connection, plan, definition);
        if (cycle != null) {
            return refused(replaced, ErrorCode.TV030, "dependency cycle: " + replaced + " would read " + cycle
                            + ", which reads " + replaced,
                    "A TVIEW cannot read itself, directly or through other TVIEWs: remove the read of " + cycle + ".");
        }
        Steps steps = new Steps(replaced);
        try {
            RelationGrants grants = RelationGrants.read(connection, relations(plan));
            steps.run(Action.DROP, replaced, Role.REPLACED, () -> single(connection, DROP, replaced));
            steps.run(Action.CREATE, replaced, Role.REPLACED, () -> TviewCreator.create(connection, definition).message());
            steps.run(Action.REFRESH_MODE, replaced, Role.REPLACED, () -> restoreRefreshMode(connection, plan.replaced()));
            String searchPath = single(connection, "SELECT current_setting('search_path')");
            for (InstalledTview dependant : plan.dependants()) {
                // The stored definition's names are read as the playbook restore reads them: its schema, then
                // public. The name unqualified, so that the runtime's messages name it as the user does.
                single(connection, DEPENDANT_SEARCH_PATH, dependant.schema());
                steps.run(Action.RECREATE, dependant.tview(), Role.DEPENDANT,
                        () -> single(connection, RECREATE, "tv_" + dependant.entity(), dependant.definition()));
                steps.run(Action.REFRESH_MODE, dependant.tview(), Role.DEPENDANT, () -> restoreRefreshMode(connection, dependant));
            }
            single(connection, SEARCH_PATH, searchPath);
            if (!grants.isEmpty()) {
                steps.run(Action.GRANT, replaced, Role.REPLACED, () -> {
                    grants.grant(connection);
                    return grants.size() + " privilege(s) granted again";
                });
            }
            return new ReplaceResult(replaced, false, steps.done, null);
        } catch (StepFailed failed) {
            return new ReplaceResult(replaced, false, steps.done, failed.failure);
        }
    }

    /** The first dependant the new definition reads, or null: it would be dropped with the TVIEW it reads (a cycle). */
    private static String dependantRead(Connection connection, ReplacePlan plan, AnalysisResult definition) throws SQLException {
        if (plan.dependants().isEmpty() || definition.sources().isEmpty()) {
            return null;
        }
        try (PreparedStatement statement = connection.prepareStatement(READ_DEPENDANT)) {
            statement.setArray(1, connection.createArrayOf("text", plan.dependants().stream().map(InstalledTview::entity).toArray()));
            statement.setArray(2, connection.createArrayOf("text", definition.sources().toArray()));
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static List<String> relations(ReplacePlan plan) {
        List<String> relations = new ArrayList<>(List.of(plan.replaced().tview(), plan.replaced().view()));
        plan.dependants().forEach(dependant -> relations.addAll(List.of(dependant.tview(), dependant.view())));
        return relations;
    }

    /** The refresh mode it had, when the new TVIEW got another (the runtime's default); null when it kept it. */
    private static String restoreRefreshMode(Connection connection, InstalledTview tview) throws SQLException {
        return single(connection, REFRESH_MODE, tview.refreshMode(), tview.entity(), tview.refreshMode());
    }

    private static ReplaceResult refused(String tview, ErrorCode code, String message, String hint) {
        return new ReplaceResult(tview, false, List.of(), new Failure(tview, Role.REPLACED, tview, code.name(), message, hint, null, null));
    }

    /** The first column of the statement's first row, or null when it returns none. */
    private static String single(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private interface SqlStep {
        /** Runs the step; its message, or null when there was nothing to do. */
        String run() throws SQLException;
    }

    /** The steps done so far; a step's error ends the replacement as a failure of that step. */
    private static final class Steps {
        private final String replaced;
        private final List<Step> done = new ArrayList<>();

        Steps(String replaced) {
            this.replaced = replaced;
        }

        void run(Action action, String tview, Role role, SqlStep step) throws StepFailed {
            try {
                String message = step.run();
                if (message != null) {
                    done.add(new Step(action, tview, message));
                }
            } catch (SQLException e) {
                throw new StepFailed(failure(tview, role, e));
            }
        }

        private Failure failure(String tview, Role role, SQLException e) {
            DatabaseError error = DatabaseError.of(e);
            return new Failure(tview, role, replaced, error.sqlState(), error.message(), error.hint(), error.detail(), e);
        }
    }

    private static final class StepFailed extends Exception {
        private final transient Failure failure;

        StepFailed(Failure failure) {
            super(failure.message(), null, false, false);
            this.failure = failure;
        }
    }
}
