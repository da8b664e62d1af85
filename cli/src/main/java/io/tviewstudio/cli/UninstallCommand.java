package io.tviewstudio.cli;

import io.tviewstudio.core.install.RuntimeRemoval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.SQLException;

@Command(name = "uninstall-runtime", aliases = "uninstall",
        header = "Drop every TVIEW (base tables and their data stay) and every runtime object.",
        description = {"Drop every TVIEW (base tables and their data stay) and every runtime object, in one transaction.",
                "Needs --yes."})
final class UninstallCommand extends DatabaseCommand {

    @Option(names = "--yes", description = "Confirm: every TVIEW of the database is dropped.")
    boolean yes;

    record Result(String database, String previousVersion, long droppedTviews) {
    }

    @Override
    Integer prepare() {
        if (!yes) {
            throw CliException.usage("confirmation_required",
                    "uninstall drops every TVIEW and the runtime; nothing was done",
                    "Add --yes to confirm.");
        }
        return null;
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    int run(Session session) throws SQLException {
        RuntimeRemoval removal = session.studio().uninstallRuntime();
        String database = session.target().database();
        if (!removal.removed()) {
            session.output().line("The TVIEW runtime is not installed in database \"" + database + "\"; nothing to do");
        } else {
            session.output().line("TVIEW runtime " + removal.removedVersion() + " removed from database \"" + database + "\" ("
                    + removal.droppedTviews() + " TVIEW(s) dropped; base tables kept)");
        }
        session.output().result(new Result(database, removal.removedVersion(), removal.droppedTviews()));
        return ExitCode.OK;
    }
}
