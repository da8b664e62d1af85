package io.tviewstudio.cli;

import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.migrate.MaterializedView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.sql.SQLException;
import java.util.concurrent.Callable;

@Command(name = "migrate",
        header = "Migration assistant for materialized views: list, propose, convert.",
        description = {"Migration assistant for materialized views: list them with cost and convertibility, propose",
                "a TVIEW definition, convert one with a consistency check and a cut-over (see docs/guides/migrating-from-materialized-views.md)."},
        subcommands = {MigrateListCommand.class, MigrateProposeCommand.class, MigrateConvertCommand.class})
final class MigrateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The materialized view of that name, or a usage failure (exit 2) naming the ones there are. */
    static MaterializedView find(TviewStudio studio, String name) throws SQLException {
        var found = studio.materializedView(name);
        if (found.isPresent()) {
            return found.get();
        }
        var all = studio.materializedViews().stream().map(MaterializedView::name).toList();
        throw CliException.usage("matview_not_found", "no materialized view " + name + " in this database",
                all.isEmpty() ? "The database has no materialized views." : "Materialized views: " + String.join(", ", all));
    }
}
