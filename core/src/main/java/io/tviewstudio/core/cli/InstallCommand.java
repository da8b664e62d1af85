package io.tviewstudio.core.cli;

import io.tviewstudio.core.runtime.RuntimeInstaller;
import io.tviewstudio.core.runtime.RuntimeScripts;
import io.tviewstudio.core.runtime.RuntimeVersion;
import picocli.CommandLine.Command;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

@Command(name = "install", aliases = {"install-runtime", "upgrade-runtime"},
        description = {"Install the TVIEW runtime into the database, or re-install/upgrade it in place (every TVIEW is kept).",
                "Runs in one transaction: on any error nothing is changed."})
final class InstallCommand extends DatabaseCommand {

    record Result(String database, String previousVersion, String version, String action) {
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    int run(Session session) throws SQLException {
        Optional<String> before = RuntimeVersion.installed(session.connection());
        String shipped = RuntimeVersion.shipped();
        List<RuntimeScripts.Piece> pieces = RuntimeScripts.installPieces();
        Output output = session.output();
        output.progress("Installing TVIEW runtime " + shipped + " into " + session.target().target()
                + before.map(version -> " (installed now: " + version + ")").orElse("") + ", one transaction");
        AtomicInteger done = new AtomicInteger();
        try {
            RuntimeInstaller.install(session.connection(), piece -> output.progress(
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
}
