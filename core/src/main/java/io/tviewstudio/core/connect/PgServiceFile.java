package io.tviewstudio.core.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * libpq's connection service file: {@code [service]} sections of {@code key=value} lines. A service
 * is looked up in the user's file ({@code PGSERVICEFILE}, else {@code ~/.pg_service.conf}) and then in
 * the system file ({@code PGSYSCONFDIR/pg_service.conf}); the first file that has the section wins.
 * PgJDBC can read services too, but only from the process's own environment; we read the file
 * ourselves so that the settings merge with command-line options in libpq's order.
 */
public final class PgServiceFile {

    private PgServiceFile() {
    }

    /** The files searched, in order; files that do not exist are skipped by {@link #lookup}. */
    public static List<Path> locations(Environment environment) {
        List<Path> files = new ArrayList<>();
        String user = environment.get("PGSERVICEFILE");
        files.add(user != null ? Path.of(user) : environment.home().resolve(".pg_service.conf"));
        String sysconf = environment.get("PGSYSCONFDIR");
        if (sysconf != null) {
            files.add(Path.of(sysconf, "pg_service.conf"));
        }
        return files;
    }

    /** The settings of the service, keyed by libpq parameter name ({@code host}, {@code dbname}, ...). */
    public static Optional<Map<String, String>> lookup(String service, Environment environment) throws IOException {
        for (Path file : locations(environment)) {
            if (Files.isRegularFile(file)) {
                Optional<Map<String, String>> found = section(Files.readAllLines(file, StandardCharsets.UTF_8), service, file);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Map<String, String>> section(List<String> lines, String service, Path file) throws IOException {
        Map<String, String> settings = null;
        int number = 0;
        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (settings != null) {
                    break;
                }
                if (line.equals("[" + service + "]")) {
                    settings = new LinkedHashMap<>();
                }
                continue;
            }
            if (settings != null) {
                int equals = line.indexOf('=');
                if (equals < 1) {
                    throw new IOException("syntax error in service file " + file + ", line " + number + ": " + raw);
                }
                settings.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip());
            }
        }
        return Optional.ofNullable(settings);
    }
}
