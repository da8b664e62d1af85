package io.tviewstudio.cli;

import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.catalog.SchemaObjects;
import io.tviewstudio.core.install.InstallPlan;
import io.tviewstudio.core.install.MissingPrivilegesException;
import io.tviewstudio.core.install.RuntimeScripts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "install-runtime", aliases = "install",
        header = "Install the TVIEW runtime, or re-install/upgrade it in place (every TVIEW is kept).",
        description = {"Install the TVIEW runtime into the database, or re-install/upgrade it in place (every TVIEW is kept).",
                "Runs in one transaction: on any error nothing is changed. --dry-run shows what would change.",
                "First checks the role's rights: exit code 6 lists each missing one with the GRANT that gives it."})
class InstallCommand extends DatabaseCommand {

    @Option(names = "--dry-run", description = "Run the install in a transaction that is rolled back and report the "
            + "installed and shipped versions and every object it would create, replace or drop. Nothing is changed.")
    boolean dryRun;

    record Plan(String database, String installedVersion, String shippedVersion, String action,
                List<SchemaObjects.SchemaObject> create, List<SchemaObjects.SchemaObject> replace,
                List<SchemaObjects.SchemaObject> drop) {
    }

    record Result(String database, String previousVersion, String version, String action) {
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    /** Checks the installed runtime before anything runs; upgrade-runtime requires one. */
    void checkInstalled(Optional<String> installed, Session session) {
    }

    @Override
    int run(Session session) throws SQLException {
        Optional<String> before = session.studio().installedRuntimeVersion();
        checkInstalled(before, session);
        // Checked here too (the installer checks again) so that nothing, not even progress, precedes the list.
        try {
            session.studio().requireInstallPrivileges();
        } catch (MissingPrivilegesException e) {
            throw missingPrivileges(e);
        }
        if (dryRun) {
            return dryRun(session);
        }
        String shipped = TviewStudio.shippedRuntimeVersion();
        List<RuntimeScripts.Piece> pieces = RuntimeScripts.installPieces();
        Output output = session.output();
        output.progress("Installing TVIEW runtime " + shipped + " into " + session.target().target()
                + before.map(version -> " (installed now: " + version + ")").orElse("") + ", one transaction");
        AtomicInteger done = new AtomicInteger();
        try {
            session.studio().installRuntime(piece -> output.progress(
                    "  [" + done.incrementAndGet() + "/" + pieces.size() + "] " + piece.path()));
        } catch (SQLException e) {
            throw new CliException(databaseFailure(e, null));
        }
        String action = before.isEmpty() ? "installed"
                : before.get().equals(shipped) ? "re-installed" : "upgraded from " + before.get();
        output.line("TVIEW runtime " + shipped + " " + action + " in database \"" + session.target().database() + "\"");
        output.result(new Result(session.target().database(), before.orElse(null), shipped, action));
        return ExitCode.OK;
    }

    private int dryRun(Session session) throws SQLException {
        InstallPlan plan;
        try {
            plan = session.studio().planRuntimeInstall();
        } catch (SQLException e) {
            throw new CliException(databaseFailure(e, null));
        }
        Output output = session.output();
        output.line("installed: " + (plan.installedVersion() == null ? "none" : plan.installedVersion()));
        output.line("shipped:   " + plan.shippedVersion());
        output.line("action:    " + plan.action() + (plan.changesNothing() ? " (changes nothing)" : ""));
        output.line("rights:    ok (the role has every right the install needs)");
        list(output, "create", plan.created());
        list(output, "replace", plan.changed());
        list(output, "drop", plan.dropped());
        output.line("dry run: nothing was changed");
        output.result(new Plan(session.target().database(), plan.installedVersion(), plan.shippedVersion(), plan.action(),
                plan.created(), plan.changed(), plan.dropped()));
        return ExitCode.OK;
    }

    /** Exit code 6: the message lists each missing right and its GRANT; --json adds them as details. */
    private CliException missingPrivileges(MissingPrivilegesException e) {
        return new CliException(new CliFailure(ExitCode.MISSING_PRIVILEGES, "missing_privileges", e.getSQLState(),
                e.getMessage(), "Run the GRANT statements above as a superuser or the owner of each object, then run tviews "
                + spec.name() + " again.", e.missing()));
    }

    private static void list(Output output, String verb, List<SchemaObjects.SchemaObject> objects) {
        if (!objects.isEmpty()) {
            output.line(verb + " (" + objects.size() + "):");
            objects.forEach(object -> output.line("  " + object.kind() + " " + object.name()));
        }
    }
}
