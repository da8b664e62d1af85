package io.tviewstudio.cli;

import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.deploy.TviewCreator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.SQLException;
import java.util.List;

@Command(name = "apply", aliases = "create",
        header = "Create the TVIEWs of a file in one transaction.",
        description = {"Create the TVIEWs of a file in one transaction: CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...",
                "statements (one or more, separated by ;), or, with a NAME, one bare SELECT. The definitions are analysed",
                "against the database first (refused on errors unless --force) and created in dependency order.",
                "On any error nothing is created."})
final class ApplyCommand extends DefinitionFileCommand {

    @Option(names = "--print-sql", description = "Print the pg_tviews_create calls instead of running them (no connection).")
    boolean printSql;

    @Option(names = "--force", description = "Create even when the analysis finds errors: the runtime decides.")
    boolean force;

    private DefinitionSet definitions;

    record Result(String database, List<TviewCreator.Created> tviews) {
    }

    @Override
    Integer prepare() {
        definitions = definitions();
        if (printSql) {
            ordered(definitions).forEach(entry -> spec.commandLine().getOut().println(entry.analysis().createCall()));
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        ordered(definitions);
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        Output output = session.output();
        if (!force) {
            DefinitionSet analysed = session.studio().analyse(definitions);
            List<DefinitionSet.Finding> findings = analysed.findings();
            findings.forEach(finding -> output.diagnostic(finding.toString()));
            long errors = findings.stream().filter(f -> f.diagnostic().isError()).count();
            if (errors > 0) {
                throw new CliException(new CliFailure(ExitCode.PROBLEMS_FOUND, "analysis_failed", null,
                        file + ": " + errors + " error(s) found; nothing was created",
                        "Fix them, or add --force to let the runtime decide."));
            }
        }
        List<TviewCreator.Created> created = session.studio().apply(
                ordered(definitions).stream().map(DefinitionSet.Entry::analysis).toList(), output::progress);
        created.forEach(tview -> output.line(tview.message()));
        output.result(new Result(session.target().database(), created));
        return ExitCode.OK;
    }
}
