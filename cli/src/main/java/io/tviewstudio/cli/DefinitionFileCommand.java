package io.tviewstudio.cli;

import io.tviewstudio.core.deploy.DefinitionSet;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/**
 * A command that works on the TVIEW definitions of one file: {@code CREATE TVIEW} statements, or one
 * bare SELECT with the TVIEW name given on the command line.
 */
abstract class DefinitionFileCommand extends DatabaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
            description = "The TVIEW to create from the file's bare SELECT, e.g. tv_post.")
    String name;

    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE", description = "The definition file (UTF-8).")
    Path file;

    /**
     * The file's definitions; a statement that is not a definition (neither CREATE TVIEW nor, with a
     * NAME, one SELECT), or a NAME that does not match, is a usage error.
     */
    DefinitionSet definitions() {
        DefinitionSet set = name == null ? InputFiles.scripts(List.of(file)) : DefinitionSet.ofSelect(InputFiles.read(file), name);
        if (set.isEmpty()) {
            throw invalid(file + ": the file holds no SQL statement");
        }
        for (DefinitionSet.Entry entry : set.entries()) {
            if (!entry.translatable()) {
                String first = entry.source().lines().skip(entry.analysis().line() - 1).findFirst().orElse("")
                        .substring(entry.analysis().column() - 1).strip();
                throw invalid(file + ":" + entry.analysis().line() + ":" + entry.analysis().column()
                        + ": not CREATE TVIEW [IF NOT EXISTS] name AS SELECT ...: "
                        + (first.length() > 60 ? first.substring(0, 60) + "..." : first));
            }
        }
        if (name != null && set.entries().size() > 1) {
            throw invalid(file + ": with a TVIEW name the file must hold exactly one statement, but it holds " + set.entries().size());
        }
        if (name != null && !set.entries().getFirst().analysis().tviewName().equals(name)) {
            throw invalid(file + ": the file creates TVIEW " + set.entries().getFirst().analysis().tviewName() + ", not " + name);
        }
        return set;
    }

    /** The definitions in creation order; a dependency cycle among them is exit code 1 (TV030). */
    List<DefinitionSet.Entry> ordered(DefinitionSet set) {
        List<List<String>> cycles = set.cycles();
        if (!cycles.isEmpty()) {
            throw new CliException(new CliFailure(ExitCode.PROBLEMS_FOUND, "TV030 dependency_cycle", null,
                    file + ": dependency cycle: " + io.tviewstudio.core.graph.DependencyGraph.spell(cycles.getFirst())
                            + "; nothing was done",
                    DefinitionSet.CYCLE_HINT));
        }
        return set.inCreationOrder();
    }

    private static CliException invalid(String message) {
        return CliException.usage("invalid_create_statement", message,
                "Write CREATE TVIEW tv_name AS SELECT ...; or give the name of a bare SELECT: tviews apply tv_name -f FILE");
    }
}
