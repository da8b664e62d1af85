package io.tviewstudio.core.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's SQL files as shipped in the {@code sql} module's jar. {@code install.sql} is the
 * single list of pieces (psql {@code \ir} lines); the Java installer follows the same list, so
 * psql and the application always install identical objects.
 */
public final class RuntimeScripts {

    static final String BASE = "io/tviewstudio/sql/";

    private RuntimeScripts() {
    }

    /** One runtime piece: its path relative to {@code sql/} and its SQL text. */
    public record Piece(String path, String sql) {
    }

    /** The pieces {@code install.sql} includes, in order. */
    public static List<Piece> installPieces() {
        List<Piece> pieces = new ArrayList<>();
        for (String line : read("install.sql").split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("\\ir ") || trimmed.startsWith("\\include_relative ")) {
                String path = trimmed.substring(trimmed.indexOf(' ') + 1).strip();
                pieces.add(new Piece(path, read(path)));
            }
        }
        if (pieces.isEmpty()) {
            throw new IllegalStateException("install.sql includes no runtime pieces");
        }
        return pieces;
    }

    /** The SQL of {@code uninstall.sql} without its psql meta-commands and transaction control. */
    public static String uninstallSql() {
        StringBuilder sql = new StringBuilder();
        for (String line : read("uninstall.sql").split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("\\") || trimmed.equalsIgnoreCase("BEGIN;") || trimmed.equalsIgnoreCase("COMMIT;")) {
                continue;
            }
            sql.append(line).append('\n');
        }
        return sql.toString();
    }

    /** A file of the sql module by its path relative to {@code sql/}, e.g. {@code install.sql}. */
    public static String read(String path) {
        try (InputStream in = RuntimeScripts.class.getClassLoader().getResourceAsStream(BASE + path)) {
            if (in == null) {
                throw new IllegalStateException("runtime file missing from the classpath: " + BASE + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
