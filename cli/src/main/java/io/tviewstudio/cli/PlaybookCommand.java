package io.tviewstudio.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "playbook",
        header = "Disaster recovery: export a database's TVIEW playbook, or restore TVIEWs from one.",
        description = {"Disaster recovery: export a database's TVIEW playbook (a folder that needs only psql),",
                "or restore TVIEWs from one (see docs/guides/disaster-recovery.md)."},
        subcommands = {PlaybookExportCommand.class, PlaybookRestoreCommand.class})
final class PlaybookCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-?", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE;
    }

    /** The failure for a playbook that cannot be used or applied: exit 2, or 5 for a runtime version, 4 for a missing table. */
    static CliException failure(io.tviewstudio.core.playbook.PlaybookException e) {
        int exit = switch (e.code()) {
            case "runtime_version_mismatch", "runtime_not_installed" -> ExitCode.RUNTIME_MISSING;
            case "source_missing", "tview_broken" -> ExitCode.DATABASE_ERROR;
            default -> ExitCode.USAGE;
        };
        return new CliException(new CliFailure(exit, e.code(), null, e.getMessage(), e.hint()));
    }

}
