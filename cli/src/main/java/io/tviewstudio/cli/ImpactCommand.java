package io.tviewstudio.cli;

import io.tviewstudio.core.graph.Impact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.sql.SQLException;

@Command(name = "impact",
        header = "Show which TVIEWs a change in TABLE refreshes, and through which rows.",
        description = {"Show what a change in TABLE refreshes: every TVIEW, each row path from the changed row's key to the",
                "TVIEW rows, and the cascade depth. From the database's TVIEWs, plus definitions from files (-f), or only",
                "those (--offline)."})
final class ImpactCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "TABLE", description = "The changed table (or TVIEW), e.g. tb_user or app.tb_order.")
    String table;

    @Mixin
    GraphSource source;

    @Override
    Integer prepare() {
        source.read();
        if (source.offline) {
            return print(source.offlineGraph().impact(table), new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json));
        }
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        Impact impact = session.studio().impact(source.liveGraph(session.studio()), table)
                .orElseThrow(() -> new CliException(new CliFailure(ExitCode.USAGE, "TV040 unknown_relation", null,
                        "relation \"" + table + "\" does not exist in database \"" + session.target().database() + "\"",
                        "Name a table as psql's \\dt lists it, schema-qualified when it is not on the search_path.")));
        return print(impact, session.output());
    }

    private int print(Impact impact, Output output) {
        if (impact.tviews().isEmpty()) {
            output.line("a change in " + impact.relation() + " refreshes no TVIEW");
        } else {
            output.line("a change in " + impact.relation() + " refreshes " + impact.tviews().size()
                    + " TVIEW(s), cascade depth " + impact.cascadeDepth() + ":");
            for (Impact.ImpactedTview tview : impact.tviews()) {
                output.line("  " + tview.tview() + " (distance " + tview.distance() + ")");
                tview.rowPaths().forEach(path -> output.line("    " + path));
            }
        }
        output.result(impact);
        return ExitCode.OK;
    }
}
