package io.tviewstudio.cli;

import io.tviewstudio.core.analysis.Diagnostic;
import io.tviewstudio.core.analysis.Severity;
import io.tviewstudio.core.deploy.DefinitionSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Command(name = "check",
        header = "Analyse CREATE TVIEW files without creating anything.",
        description = {"Analyse CREATE TVIEW files without creating anything: file:line:col: severity TVnnn: message (hint).",
                "Offline by default (no connection); with --catalog against the database's catalog (unknown tables and",
                "columns, types, keys, complete lineage). Exit code 1 when an error is found."})
final class CheckCommand extends DatabaseCommand {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files of CREATE TVIEW statements (UTF-8).")
    List<Path> files;

    @Option(names = "--catalog", description = "Connect and check against the database's catalog (connection options as for the other commands).")
    boolean catalog;

    private DefinitionSet definitions;

    record Finding(String file, int line, int column, String severity, String code, String message, String hint) {
    }

    record Definition(String file, int line, int column, String tview) {
    }

    record Result(List<Definition> definitions, List<Finding> diagnostics, long errors, long warnings, boolean catalog) {
    }

    @Override
    Integer prepare() {
        definitions = InputFiles.scripts(files);
        if (!catalog) {
            return report(definitions, new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json));
        }
        return null;
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    int run(Session session) {
        return report(session.studio().analyse(definitions), session.output());
    }

    private int report(DefinitionSet set, Output output) {
        List<DefinitionSet.Finding> findings = set.findings();
        findings.forEach(finding -> output.line(finding.toString()));
        long errors = findings.stream().filter(f -> f.diagnostic().isError()).count();
        long warnings = findings.stream().filter(f -> f.diagnostic().severity() == Severity.WARNING).count();
        output.line(files.size() + " file(s), " + set.entries().size() + " definition(s): " + errors + " error(s), "
                + warnings + " warning(s)" + (catalog ? "" : " (offline)"));
        output.result(new Result(
                set.entries().stream().map(e -> new Definition(e.file(), e.analysis().line(), e.analysis().column(),
                        e.analysis().tviewName())).toList(),
                findings.stream().map(f -> json(f.file(), f.diagnostic())).toList(), errors, warnings, catalog));
        return errors > 0 ? ExitCode.PROBLEMS_FOUND : ExitCode.OK;
    }

    private static Finding json(String file, Diagnostic d) {
        return new Finding(file, d.line(), d.column(), d.severity().name().toLowerCase(Locale.ROOT), d.code().name(),
                d.message(), d.hint());
    }
}
