package io.tviewstudio.core.playbook;

import com.fasterxml.jackson.core.JacksonException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A playbook read back from its folder (or zip) for a restore: checked against its SHA256SUMS
 * before anything is used, so a damaged or edited playbook is refused rather than half-applied.
 */
public final class Playbook {

    static final String SUMS = "SHA256SUMS";
    static final String LIBRARY = "scripts/lib/playbook.sql";
    static final String RUNTIME = "runtime/runtime.sql";

    private final Path folder;
    private final Manifest manifest;
    private final String library;
    private final String runtime;

    private Playbook(Path folder, Manifest manifest, String library, String runtime) {
        this.folder = folder;
        this.manifest = manifest;
        this.library = library;
        this.runtime = runtime;
    }

    public Path folder() {
        return folder;
    }

    public Manifest manifest() {
        return manifest;
    }

    /** {@code scripts/lib/playbook.sql}: the exported TVIEWs and helper functions, as the scripts include it. */
    public String library() {
        return library;
    }

    /** {@code runtime/runtime.sql}: the runtime this playbook installs. */
    public String runtime() {
        return runtime;
    }

    /**
     * Reads a playbook folder, or a zip written by {@code --zip} (extracted into {@code workDir}).
     *
     * @throws PlaybookException {@code playbook_not_found}, {@code playbook_invalid} (no SHA256SUMS,
     *                           unreadable manifest, unknown format) or {@code playbook_damaged} (a file
     *                           missing or changed)
     */
    public static Playbook load(Path path, Path workDir) throws IOException, PlaybookException {
        if (!Files.exists(path)) {
            throw new PlaybookException("playbook_not_found", "no playbook at " + path + ": the folder does not exist",
                    "Give the folder written by tviews playbook export (or its .zip).");
        }
        Path folder = path;
        if (Files.isRegularFile(path) && path.getFileName().toString().endsWith(".zip")) {
            folder = unzip(path, workDir);
        } else if (!Files.isDirectory(path)) {
            throw new PlaybookException("playbook_invalid", path + " is neither a playbook folder nor a .zip",
                    "Give the folder written by tviews playbook export (or its .zip).");
        }
        Path sums = folder.resolve(SUMS);
        if (!Files.isRegularFile(sums)) {
            throw new PlaybookException("playbook_invalid", "not a playbook: " + folder + " has no " + SUMS,
                    "Give the folder written by tviews playbook export (or its .zip).");
        }
        List<String> damaged = new ArrayList<>();
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : Files.readAllLines(sums, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64) {
                throw new PlaybookException("playbook_invalid", "not a playbook: malformed line in " + SUMS + ": " + line,
                        "Export the playbook again.");
            }
            listed.put(line.substring(gap + 2), line.substring(0, gap));
        }
        for (var entry : listed.entrySet()) {
            Path file = folder.resolve(entry.getKey()).normalize();
            if (!file.startsWith(folder.normalize()) || !Files.isRegularFile(file)) {
                damaged.add(entry.getKey() + " (missing)");
            } else if (!Sha256.hex(Files.readAllBytes(file)).equals(entry.getValue())) {
                damaged.add(entry.getKey() + " (changed)");
            }
        }
        for (String required : List.of("manifest.json", LIBRARY, RUNTIME)) {
            if (!listed.containsKey(required)) {
                damaged.add(required + " (not listed)");
            }
        }
        if (!damaged.isEmpty()) {
            throw new PlaybookException("playbook_damaged", "playbook " + folder + " is damaged: checksum mismatch for "
                    + String.join(", ", damaged), "Use an intact copy (sha256sum -c SHA256SUMS shows the same), or export again.");
        }
        Manifest manifest;
        try {
            manifest = PlaybookExporter.JSON.readValue(folder.resolve("manifest.json").toFile(), Manifest.class);
        } catch (JacksonException e) {
            throw new PlaybookException("playbook_invalid", "not a playbook: manifest.json cannot be read: " + e.getOriginalMessage(),
                    "Export the playbook again.");
        }
        if (manifest.format() != Manifest.FORMAT) {
            throw new PlaybookException("playbook_invalid", "playbook format " + manifest.format()
                    + " is not supported (this tviews reads format " + Manifest.FORMAT + ")", "Use the tviews version that exported it.");
        }
        return new Playbook(folder, manifest, Files.readString(folder.resolve(LIBRARY)), Files.readString(folder.resolve(RUNTIME)));
    }

    private static Path unzip(Path zip, Path workDir) throws IOException, PlaybookException {
        Path target = Files.createTempDirectory(workDir, "playbook");
        Path root = null;
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new PlaybookException("playbook_invalid", "zip entry outside the playbook: " + entry.getName(),
                            "Use the zip written by tviews playbook export.");
                }
                if (!entry.isDirectory()) {
                    Files.createDirectories(file.getParent());
                    Files.copy(entries, file);
                    if (file.getFileName().toString().equals(SUMS)) {
                        root = file.getParent();
                    }
                }
            }
        }
        if (root == null) {
            throw new PlaybookException("playbook_invalid", "not a playbook: " + zip + " has no " + SUMS,
                    "Use the zip written by tviews playbook export.");
        }
        return root;
    }
}
