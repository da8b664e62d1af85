package io.tviewstudio.cli;

import io.tviewstudio.core.playbook.PlaybookException;
import io.tviewstudio.core.playbook.PlaybookExporter;
import io.tviewstudio.core.playbook.TviewSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

@Command(name = "export",
        header = "Write the disaster-recovery playbook of the database into DIR.",
        description = {"Write the disaster-recovery playbook of the database into DIR (a new or empty folder): runtime,",
                "definitions in dependency order, row counts and checksums, psql scripts, and the guide as README.md",
                "and playbook.html. Reads in one snapshot; changes nothing."})
final class PlaybookExportCommand extends DatabaseCommand {

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to write; must not exist or be empty.")
    Path folder;

    @Option(names = "--zip", description = "Also write DIR.zip.")
    boolean zip;

    record Exported(String tview, int order, long rows, long bytes, String checksum) {
    }

    record Result(String database, String folder, String zip, String runtimeVersion, List<Exported> tviews, List<String> files) {
    }

    @Override
    Integer prepare() {
        try {
            if (Files.exists(folder) && (!Files.isDirectory(folder) || !isEmpty(folder))) {
                throw CliException.usage("playbook_exists", "cannot export into " + folder + ": it exists and is not an empty folder",
                        "Choose a new folder; a playbook is never written over another one.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        Output output = session.output();
        PlaybookExporter.Export export;
        try {
            export = session.studio().exportPlaybook(session.target().database(),
                    "tviews " + TviewsCli.Version.buildVersion(), folder, zip,
                    (done, total, message) -> output.progress("  [" + (done + 1) + "/" + total + "] " + message));
        } catch (PlaybookException e) {
            throw PlaybookCommand.failure(e);
        } catch (IOException e) {
            throw new CliException(new CliFailure(ExitCode.USAGE, "io_error", null, "cannot write " + folder + ": " + e.getMessage(), null));
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("#", "tview", "rows", "checksum"));
        List<Exported> exported = new ArrayList<>();
        for (TviewSnapshot tview : export.manifest().tviews()) {
            rows.add(List.of(Integer.toString(tview.order()), tview.tview(), Long.toString(tview.rowCount()), tview.checksum()));
            exported.add(new Exported(tview.tview(), tview.order(), tview.rowCount(), tview.totalBytes(), tview.checksum()));
        }
        output.line("playbook of database \"" + session.target().database() + "\" (runtime " + export.manifest().runtimeVersion()
                + ", " + exported.size() + " TVIEWs) written to " + folder);
        TextTable.print(rows, output);
        if (export.zip() != null) {
            output.line("zip: " + export.zip());
        }
        output.line("open README.md or playbook.html; check the folder with: sha256sum -c SHA256SUMS");
        output.result(new Result(session.target().database(), folder.toString(), export.zip() == null ? null : export.zip().toString(),
                export.manifest().runtimeVersion(), exported, export.files()));
        return ExitCode.OK;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
