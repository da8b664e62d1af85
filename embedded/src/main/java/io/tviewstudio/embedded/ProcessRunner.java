package io.tviewstudio.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PostgreSQL server programs, as an unprivileged operating-system user when the JVM
 * runs as root (PostgreSQL refuses to run as root: "initdb: cannot be run as root").
 */
final class ProcessRunner {

    private final ServerUser user;

    ProcessRunner(ServerUser user) {
        this.user = user;
    }

    /** Runs the command to completion and returns its combined output; fails on a non-zero exit. */
    String run(Path workingDirectory, long timeoutSeconds, String... command) throws IOException {
        List<String> full = new ArrayList<>();
        if (user.needsSwitch()) {
            full.addAll(List.of("runuser", "-u", user.name(), "--"));
        }
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true);
        // The server must not inherit a client's connection settings.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        Process process = builder.start();
        try {
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!finished) {
                process.destroyForcibly();
                throw new IOException("timed out after " + timeoutSeconds + " s: " + String.join(" ", full));
            }
            if (process.exitValue() != 0) {
                throw new IOException("exit code " + process.exitValue() + " from " + String.join(" ", full)
                        + System.lineSeparator() + output);
            }
            return output;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", full), e);
        }
    }

    /** Runs a command as root (used only to prepare the unprivileged user and its files). */
    static void runAsIs(String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IOException("exit code " + process.exitValue() + " from " + String.join(" ", command)
                        + System.lineSeparator() + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + String.join(" ", command), e);
        }
    }
}
