package io.tviewstudio.cli;

import io.tviewstudio.core.migrate.ConversionProposal;
import io.tviewstudio.core.migrate.ConversionResult;
import io.tviewstudio.core.migrate.Cutover;
import io.tviewstudio.core.migrate.MaterializedView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

@Command(name = "convert",
        header = "Convert a materialized view to a TVIEW in one transaction, with a consistency check.",
        description = {"Convert a materialized view in one transaction: create its TVIEW (the proposal, or -f FILE),",
                "compare the TVIEW's data with the materialized view's rows, and only when equal cut over:",
                "keep (both stay), view (the materialized view becomes a plain view of the same name and columns over",
                "the tv_ table), drop. Writes or prints the rollback script. Exit code 1 when blocked or the contents differ."})
final class MigrateConvertCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "MATVIEW", description = "The materialized view.")
    String name;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "The CREATE TVIEW definition to use (default: the proposal).")
    Path file;

    @Option(names = "--cutover", paramLabel = "keep|view|drop", defaultValue = "keep",
            description = "What to do with the materialized view once the TVIEW equals it (default keep).")
    String cutover;

    @Option(names = "--rollback-file", paramLabel = "FILE", description = "Write the rollback script to FILE (default: print it).")
    Path rollbackFile;

    @Option(names = "--dry-run", description = "Do everything, then roll back.")
    boolean dryRun;

    private Cutover mode;
    private String definition;

    @Override
    Integer prepare() {
        try {
            mode = Cutover.valueOf(cutover.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid_argument", "--cutover must be keep, view or drop, not " + cutover, null);
        }
        if (file != null) {
            try {
                definition = Files.readString(file).strip().replaceAll(";$", "");
            } catch (IOException e) {
                throw CliException.usage("file_not_found", "cannot read " + file + ": " + e.getMessage(), null);
            }
        }
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        Output output = session.output();
        MaterializedView matview = MigrateCommand.find(session.studio(), name);
        if (definition == null) {
            ConversionProposal proposal = session.studio().proposeConversion(matview);
            if (!proposal.convertible()) {
                MigrateProposeCommand.report(proposal, output);
                output.line(matview.name() + " cannot be converted as proposed: nothing was changed");
                output.result(proposal.blockers());
                return ExitCode.PROBLEMS_FOUND;
            }
            definition = proposal.createTview();
        }
        ConversionResult result = session.studio().convert(matview, definition, mode, dryRun);
        output.line(result.created());
        output.line("compare: " + matview.name() + " " + result.matviewRows() + " rows, " + result.tview() + " "
                + result.tviewRows() + " rows; only in the materialized view: " + result.onlyInMatview()
                + ", only in the TVIEW: " + result.onlyInTview());
        if (!result.contentsEqual()) {
            output.line("the contents differ: rolled back, nothing was changed (refresh the materialized view if it is stale, "
                    + "or edit the definition: tviews migrate propose " + name + " -o FILE, then convert -f FILE)");
            output.result(result);
            return ExitCode.PROBLEMS_FOUND;
        }
        output.line("cut-over: " + switch (mode) {
            case KEEP -> "keep: both stay; readers move to " + result.tview() + " when ready";
            case VIEW -> matview.name() + " is now a view over " + result.tview() + ": readers need no change";
            case DROP -> matview.name() + " dropped; readers must read " + result.tview();
        });
        if (rollbackFile != null) {
            try {
                Files.writeString(rollbackFile, result.rollbackSql());
            } catch (IOException e) {
                throw CliException.usage("io_error", "cannot write " + rollbackFile + ": " + e.getMessage(), null);
            }
            output.line("rollback script: " + rollbackFile);
        } else {
            output.line("rollback script (psql):");
            output.line(result.rollbackSql());
        }
        output.line(dryRun ? "dry run: rolled back, nothing was changed" : "converted: committed");
        output.result(result);
        return ExitCode.OK;
    }
}
