package io.tviewstudio.cli;

import io.tviewstudio.core.migrate.ConversionProposal;
import io.tviewstudio.core.migrate.MaterializedView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@Command(name = "list",
        header = "List the materialized views with their cost and whether they can become a TVIEW.",
        description = {"List the materialized views: estimated rows, size, the relations they read, and whether they can",
                "become a TVIEW (else the first TV code that blocks it). --time-refresh also times REFRESH MATERIALIZED VIEW",
                "in a transaction that is rolled back: it holds an ACCESS EXCLUSIVE lock on each one while it runs."})
final class MigrateListCommand extends DatabaseCommand {

    @Option(names = "--time-refresh", description = "Time a refresh of each (rolled back; locks out its readers meanwhile).")
    boolean timeRefresh;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "5",
            description = "With --time-refresh: give up on a materialized view whose lock is not granted in time (default 5).")
    int lockTimeout;

    record Entry(String matview, long estimatedRows, long totalBytes, List<String> sources, boolean convertible, String tview,
                 List<String> blockers, Long refreshMillis) {
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    int run(Session session) throws SQLException {
        Output output = session.output();
        List<Entry> entries = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        rows.add(timeRefresh ? List.of("matview", "rows", "size", "refresh", "reads", "TVIEW")
                : List.of("matview", "rows", "size", "reads", "TVIEW"));
        for (MaterializedView matview : session.studio().materializedViews()) {
            ConversionProposal proposal = session.studio().proposeConversion(matview);
            Long millis = null;
            if (timeRefresh) {
                output.progress("timing REFRESH MATERIALIZED VIEW " + matview.name() + " (rolled back)");
                millis = session.studio().timeRefresh(matview, Duration.ofSeconds(lockTimeout)).toMillis();
            }
            String verdict = proposal.convertible() ? "yes: " + proposal.tview()
                    : "no: " + proposal.blockers().getFirst().code() + " " + proposal.blockers().getFirst().code().errorName();
            List<String> row = new ArrayList<>(List.of(matview.name(),
                    matview.estimatedRowsText(),
                    matview.totalBytes() / 1024 + " kB"));
            if (timeRefresh) {
                row.add(millis + " ms");
            }
            row.add(String.join(", ", matview.sources()));
            row.add(verdict);
            rows.add(row);
            entries.add(new Entry(matview.name(), matview.estimatedRows(), matview.totalBytes(), matview.sources(),
                    proposal.convertible(), proposal.tview(), proposal.blockers().stream().map(Object::toString).toList(), millis));
        }
        if (entries.isEmpty()) {
            output.line("no materialized views in database \"" + session.target().database() + "\"");
        } else {
            TextTable.print(rows, output);
            output.line("details and the proposed definition: tviews migrate propose NAME");
        }
        output.result(entries);
        return ExitCode.OK;
    }
}
