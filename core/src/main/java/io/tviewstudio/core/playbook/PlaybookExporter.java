package io.tviewstudio.core.playbook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the disaster-recovery playbook of a database: a folder that needs only psql (scripts, the
 * runtime, the definitions, the manifest with counts and checksums, the guide as Markdown and HTML,
 * SHA256SUMS), and optionally a zip of it.
 */
public final class PlaybookExporter {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlaybookExporter() {
    }

    /** What was written. */
    public record Export(Path folder, Path zip, Manifest manifest, List<String> files) {
    }

    /**
     * Reads the database and writes the playbook into {@code folder}, which must not exist or be empty.
     *
     * @param database the database's name, as the guide and scripts show it
     * @param tool     who exports, e.g. {@code tviews 0.1.0}
     * @param zip      also write {@code <folder>.zip}
     */
    public static Export export(Connection connection, String database, String tool, Path folder, boolean zip,
                                PlaybookProgress progress) throws SQLException, IOException, PlaybookException {
        if (Files.exists(folder) && (!Files.isDirectory(folder) || !isEmpty(folder))) {
            throw new PlaybookException("playbook_exists", "cannot export into " + folder + ": it exists and is not an empty folder",
                    "Choose a new folder; a playbook is never written over another one.");
        }
        Manifest manifest = SnapshotReader.read(connection, database, tool, progress);
        progress.step(manifest.tviews().size(), manifest.tviews().size() + 1, "writing " + folder);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("manifest.json", JSON.writeValueAsString(manifest) + "\n");
        GuideDocument guide = PlaybookGuide.build(manifest);
        files.put("README.md", GuideMarkdownRenderer.render(guide));
        files.put("playbook.html", GuideHtmlRenderer.render(guide));
        files.put("runtime/install.sql", PlaybookSql.runtimeInstall(manifest));
        files.put("runtime/runtime.sql", PlaybookSql.runtime());
        for (TviewSnapshot tview : manifest.tviews()) {
            files.put("definitions/" + PlaybookSql.definitionFileName(tview), PlaybookSql.definition(manifest, tview));
        }
        files.put("scripts/lib/playbook.sql", PlaybookSql.library(manifest));
        files.put("scripts/verify.sql", PlaybookSql.verify(manifest));
        files.put("scripts/rebuild-one.sql", PlaybookSql.rebuildOne(manifest));
        files.put("scripts/rebuild-all.sql", PlaybookSql.rebuildAll(manifest));
        files.put("scripts/recreate-all.sql", PlaybookSql.recreateAll(manifest));
        files.put("scripts/checksums.sql", PlaybookSql.checksums(manifest));
        Files.createDirectories(folder);
        StringBuilder sums = new StringBuilder();
        for (var file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
            Files.write(path, bytes);
            sums.append(Sha256.hex(bytes)).append("  ").append(file.getKey()).append('\n');
        }
        Files.writeString(folder.resolve(Playbook.SUMS), sums.toString());
        List<String> written = new ArrayList<>(files.keySet());
        written.add(Playbook.SUMS);
        Path zipFile = zip ? zip(folder) : null;
        return new Export(folder, zipFile, manifest, written);
    }

    /** Writes {@code <folder>.zip} with the folder's files under the folder's name. */
    static Path zip(Path folder) throws IOException {
        Path zipFile = folder.resolveSibling(folder.getFileName() + ".zip");
        try (OutputStream out = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(out);
             Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(folder.getFileName() + "/" + folder.relativize(path).toString().replace('\\', '/')));
                Files.copy(path, zip);
                zip.closeEntry();
            }
        }
        return zipFile;
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }
}
