package io.tviewstudio.core.cli;

import io.tviewstudio.core.runtime.RuntimeInstaller;
import io.tviewstudio.core.runtime.RuntimeVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

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
        Optional<String> before = RuntimeVersion.installed(session.connection());
        String database = session.target().database();
        if (before.isEmpty()) {
            session.output().line("The TVIEW runtime is not installed in database \"" + database + "\"; nothing to do");
            session.output().result(new Result(database, null, 0));
            return ExitCode.OK;
        }
        long tviews;
        try (Statement statement = session.connection().createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM public.pg_tview_meta")) {
            rows.next();
            tviews = rows.getLong(1);
        }
        try {
            RuntimeInstaller.uninstall(session.connection());
        } catch (SQLException e) {
            throw new CliException(databaseFailure(e, session.connection()));
        }
        session.output().line("TVIEW runtime " + before.get() + " removed from database \"" + database + "\" ("
                + tviews + " TVIEW(s) dropped; base tables kept)");
        session.output().result(new Result(database, before.get(), tviews));
        return ExitCode.OK;
    }
}
