package io.tviewstudio.core.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine's psql, run against a test database the way the docs tell users to run it. */
public final class Psql {

    private Psql() {
    }

    /** Exit code and everything psql printed (stdout and stderr merged). */
    public record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "psql exit " + exitCode + "\n" + output;
        }
    }

    /** {@code psql -X -v ON_ERROR_STOP=1 [-v name=value...] -f file}, run in {@code directory}. */
    public static Result runFile(TestDatabase db, Path directory, String file, String... variables)
            throws IOException, InterruptedException {
        List<String> command = base(db);
        for (String variable : variables) {
            command.add("-v");
            command.add(variable);
        }
        command.add("-f");
        command.add(file);
        return run(command, directory);
    }

    /** {@code psql -X -v ON_ERROR_STOP=1 -c sql}. */
    public static Result runSql(TestDatabase db, String sql) throws IOException, InterruptedException {
        List<String> command = base(db);
        command.add("-c");
        command.add(sql);
        return run(command, Path.of("."));
    }

    private static List<String> base(TestDatabase db) {
        return new ArrayList<>(List.of("psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                "-p", String.valueOf(db.server().port()), "-U", "postgres", "-d", db.name()));
    }

    private static Result run(List<String> command, Path directory) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(300, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("psql did not finish: " + command);
        }
        return new Result(process.exitValue(), output);
    }
}
