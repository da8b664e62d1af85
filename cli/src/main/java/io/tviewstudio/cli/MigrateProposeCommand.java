package io.tviewstudio.cli;

import io.tviewstudio.core.migrate.Blocker;
import io.tviewstudio.core.migrate.ConversionProposal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

@Command(name = "propose",
        header = "Propose a TVIEW definition for a materialized view.",
        description = {"Propose a TVIEW for a materialized view: CREATE TVIEW text with the trinity columns and a",
                "jsonb_build_object read model holding its columns, analysed against the database. Blockers are printed",
                "with their TV code and a workaround; exit code 1 when there are any."})
final class MigrateProposeCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "MATVIEW", description = "The materialized view.")
    String name;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Also write the proposal to FILE (to edit, then convert -f FILE).")
    Path file;

    record Result(String matview, String tview, boolean convertible, String createTview, List<Blocker> blockers) {
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    int run(Session session) throws SQLException {
        ConversionProposal proposal = session.studio().proposeConversion(MigrateCommand.find(session.studio(), name));
        Output output = session.output();
        if (proposal.createTview() != null) {
            output.line(proposal.createTview() + ";");
            if (file != null) {
                try {
                    Files.writeString(file, proposal.createTview() + ";\n");
                } catch (IOException e) {
                    throw CliException.usage("io_error", "cannot write " + file + ": " + e.getMessage(), null);
                }
            }
        }
        report(proposal, output);
        output.result(new Result(proposal.matview().name(), proposal.tview(), proposal.convertible(), proposal.createTview(),
                proposal.blockers()));
        return proposal.convertible() ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }

    static void report(ConversionProposal proposal, Output output) {
        for (Blocker blocker : proposal.blockers()) {
            output.diagnostic("error " + blocker.code() + " " + blocker.code().errorName() + ": " + blocker.message());
            if (blocker.workaround() != null) {
                output.diagnostic("  workaround: " + blocker.workaround());
            }
        }
        if (proposal.convertible()) {
            output.progress(proposal.matview().name() + " can become " + proposal.tview()
                    + ": review the definition, then tviews migrate convert " + proposal.matview().name());
        }
    }
}
