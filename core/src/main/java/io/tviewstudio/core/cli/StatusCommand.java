package io.tviewstudio.core.cli;

import io.tviewstudio.core.catalog.TviewStatus;
import io.tviewstudio.core.catalog.TviewStatusReader;
import io.tviewstudio.core.runtime.RuntimeVersion;
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
        Optional<String> installed = RuntimeVersion.installed(session.connection());
        String shipped = RuntimeVersion.shipped();
        String server = session.connection().getMetaData().getDatabaseProductVersion();
        List<TviewStatus> tviews = installed.isPresent() ? TviewStatusReader.read(session.connection()) : List.of();
        Output output = session.output();
        output.line("server:   PostgreSQL " + server + " at " + session.target().target());
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
        output.result(new Result(session.target().database(), server, installed.orElse(null), shipped, tviews));
        return installed.filter(shipped::equals).isPresent() ? ExitCode.OK : ExitCode.RUNTIME_MISSING;
    }
}
