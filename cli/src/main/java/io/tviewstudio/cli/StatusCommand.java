package io.tviewstudio.cli;

import io.tviewstudio.core.api.DatabaseStatus;
import io.tviewstudio.core.catalog.TviewStatus;
import picocli.CommandLine.Command;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "status",
        header = "Show the server, the runtime version and every TVIEW with its mode, rows and size.",
        description = {"Show the server, the installed runtime version and every TVIEW with its refresh mode, rows and size.",
                "Exit code 5 when the runtime is not installed or is another version than this tviews'."})
final class StatusCommand extends DatabaseCommand {

    record Result(String database, String server, String runtimeVersion, String expectedRuntimeVersion,
                  List<TviewStatus> tviews) {
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    int run(Session session) throws SQLException {
        DatabaseStatus status = session.studio().status();
        Optional<String> installed = Optional.ofNullable(status.installedRuntime());
        String shipped = status.shippedRuntime();
        List<TviewStatus> tviews = status.tviews();
        Output output = session.output();
        output.line("server:   PostgreSQL " + status.server() + " at " + session.target().target());
        output.line("runtime:  " + installed.map(version -> version.equals(shipped) ? version
                        : version + " (this tviews works with " + shipped + ": run tviews install)")
                .orElse("not installed (run tviews install)"));
        if (installed.isPresent()) {
            output.line("TVIEWs:   " + tviews.size());
            if (!tviews.isEmpty()) {
                List<List<String>> rows = new ArrayList<>();
                rows.add(List.of("tview", "mode", "depth", "rows", "size"));
                for (TviewStatus tview : tviews) {
                    rows.add(List.of(tview.table(), tview.refreshMode(), Integer.toString(tview.depth()),
                            Long.toString(tview.rows()), TextTable.size(tview.totalBytes())));
                }
                TextTable.print(rows, output);
            }
        }
        output.result(new Result(session.target().database(), status.server(), status.installedRuntime(), shipped, tviews));
        return status.runtimeCurrent() ? ExitCode.OK : ExitCode.RUNTIME_MISSING;
    }
}
