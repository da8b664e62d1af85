package io.tviewstudio.core.connect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * libpq's password file ({@code ~/.pgpass}, or {@code PGPASSFILE}): lines
 * {@code hostname:port:database:username:password}, {@code *} matching anything in the first four
 * fields, {@code \:} and {@code \\} escaping, {@code #} comments, the first matching line wins.
 *
 * <p>PgJDBC reads this file too, but only from the process's own environment and system properties,
 * and it does not say whether it found a password. We read it ourselves so that a failed login can
 * name where its password came from, and so that the file's location follows the {@link Environment}
 * we are given. Like libpq, a file that group or others may read is ignored, with a warning.
 */
public final class PgPassFile {

    private final Path path;
    private final List<List<Field>> entries;

    /** One de-escaped field; {@code wildcard} when it was written as a bare {@code *} (not {@code \*}). */
    record Field(String value, boolean wildcard) {
    }

    private PgPassFile(Path path, List<List<Field>> entries) {
        this.path = path;
        this.entries = entries;
    }

    /** The file libpq would read: {@code PGPASSFILE}, else {@code ~/.pgpass}. */
    public static Path location(Environment environment) {
        String configured = environment.get("PGPASSFILE");
        return configured != null ? Path.of(configured) : environment.home().resolve(".pgpass");
    }

    /**
     * Reads the file at {@code path}; empty when it does not exist, is not a regular file, or may be
     * read by group or others (then {@code warnings} hears why).
     */
    public static Optional<PgPassFile> read(Path path, Consumer<String> warnings) throws IOException {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(path)) {
            warnings.accept("password file " + path + " is not a plain file; ignored");
            return Optional.empty();
        }
        if (groupOrOthersMayAccess(path)) {
            warnings.accept("password file " + path + " has group or world access; permissions should be u=rw (0600) or less; ignored");
            return Optional.empty();
        }
        List<List<Field>> entries = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<Field> fields = split(line);
            if (fields.size() >= 5) {
                entries.add(fields);
            }
        }
        return Optional.of(new PgPassFile(path, entries));
    }

    public Path path() {
        return path;
    }

    /** The password of the first line matching all four values, if any. */
    public Optional<String> password(String host, int port, String database, String user) {
        String[] wanted = {host, Integer.toString(port), database, user};
        for (List<Field> fields : entries) {
            boolean matches = true;
            for (int i = 0; i < wanted.length && matches; i++) {
                Field field = fields.get(i);
                matches = field.wildcard() || field.value().equals(wanted[i]);
            }
            if (matches) {
                return Optional.of(fields.get(4).value());
            }
        }
        return Optional.empty();
    }

    /**
     * Splits a line at unescaped colons into de-escaped fields. The password is the fifth field and,
     * as in libpq, ends at the next unescaped colon.
     */
    static List<Field> split(String line) {
        List<Field> fields = new ArrayList<>();
        StringBuilder value = new StringBuilder();
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                value.append(line.charAt(++i));
            } else if (c == ':') {
                fields.add(new Field(value.toString(), line.substring(start, i).equals("*")));
                value.setLength(0);
                start = i + 1;
            } else {
                value.append(c);
            }
        }
        fields.add(new Field(value.toString(), line.substring(start).equals("*")));
        return fields;
    }

    private static boolean groupOrOthersMayAccess(Path path) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            permissions.retainAll(EnumSet.complementOf(EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
            return !permissions.isEmpty();
        } catch (UnsupportedOperationException notPosix) {
            return false;
        }
    }
}
