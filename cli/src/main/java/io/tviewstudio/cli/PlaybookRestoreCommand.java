package io.tviewstudio.cli;

import io.tviewstudio.core.playbook.Playbook;
import io.tviewstudio.core.playbook.PlaybookException;
import io.tviewstudio.core.playbook.PlaybookRestore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

@Command(name = "restore",
        header = "Restore the TVIEWs of a playbook (folder or .zip) in one transaction, then verify.",
        description = {"Restore the TVIEWs of a playbook (folder or .zip) into the database: install its runtime when none",
                "is installed, re-create missing or broken TVIEWs, recompute the others, in dependency order, in one",
                "transaction; then verify and compare checksums with the export. --dry-run does all of it and rolls back.",
                "Exit code 1 when the verification finds problems (then nothing is changed)."})
final class PlaybookRestoreCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The playbook folder (or the .zip written by export --zip).")
    Path path;

    @Option(names = "--dry-run", description = "Show the plan, run the restore in a transaction and roll it back.")
    boolean dryRun;

    @Option(names = "--replace-runtime", description = "Install the playbook's runtime over another installed version.")
    boolean replaceRuntime;

    private Playbook playbook;

    record Result(String database, boolean dryRun, boolean committed, PlaybookRestore.Plan plan, List<String> performed,
                  List<String> problems, List<PlaybookRestore.ChecksumComparison> checksums) {
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    Integer prepare() {
        try {
            playbook = Playbook.load(path, Files.createTempDirectory("tviews-playbook"));
        } catch (PlaybookException e) {
            throw PlaybookCommand.failure(e);
        } catch (IOException e) {
            throw CliException.usage("io_error", "cannot read " + path + ": " + e.getMessage(), null);
        }
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        Output output = session.output();
        var manifest = playbook.manifest();
        PlaybookRestore.Plan plan = session.studio().planPlaybookRestore(playbook);
        output.line("playbook: " + path + " (database " + manifest.database() + ", exported " + manifest.exportedAt()
                + ", runtime " + manifest.runtimeVersion() + ", " + manifest.tviews().size() + " TVIEWs)");
        output.line("target:   " + session.target().target() + ", runtime "
                + (plan.installedRuntime() == null ? "not installed" : plan.installedRuntime())
                + " (" + plan.runtimeAction() + (plan.runtimeAction().equals("keep") ? "" : " " + plan.playbookRuntime()) + ")");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("#", "tview", "state", "action"));
        plan.steps().forEach(step -> rows.add(List.of(Integer.toString(step.order()), step.tview(), step.state(), step.action())));
        TextTable.print(rows, output);
        plan.notInPlaybook().forEach(tview -> output.line("not in the playbook, left alone: " + tview));
        PlaybookRestore.Result result;
        try {
            result = session.studio().restorePlaybook(playbook, new PlaybookRestore.Options(dryRun, replaceRuntime),
                    (done, total, message) -> output.progress("  [" + (done + 1) + "/" + total + "] " + message));
        } catch (PlaybookException e) {
            throw PlaybookCommand.failure(e);
        }
        result.performed().forEach(done -> output.line((dryRun ? "would: " : "done: ") + done));
        if (result.problems().isEmpty()) {
            output.line("verify: every exported TVIEW is in place and equal to its view");
        } else {
            output.line("verify: " + result.problems().size() + " problem(s) left, the restore was rolled back:");
            result.problems().forEach(problem -> output.line("  " + problem));
        }
        long differing = result.checksums().stream().filter(c -> !c.matches()).count();
        if (differing == 0) {
            output.line("checksums: all " + result.checksums().size() + " TVIEWs match the export");
        } else {
            result.checksums().stream().filter(c -> !c.matches()).forEach(c -> output.warning(c.tview()
                    + " differs from the export (rows " + c.exportedRows() + " -> " + c.currentRows()
                    + "): expected where the base data changed since the export"));
            output.line("checksums: " + differing + " of " + result.checksums().size() + " TVIEWs differ from the export");
        }
        output.line(dryRun ? "dry run: rolled back, nothing was changed"
                : result.committed() ? "restored: committed" : "not restored: rolled back, nothing was changed");
        output.result(new Result(session.target().database(), dryRun, result.committed(), plan, result.performed(),
                result.problems(), result.checksums()));
        return result.problems().isEmpty() ? ExitCode.OK : ExitCode.PROBLEMS_FOUND;
    }
}
