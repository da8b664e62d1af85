package io.tviewstudio.cli;

import io.tviewstudio.core.connect.Environment;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of {@code tviews}: exit code and everything printed on stdout and stderr. */
record CliRun(int exit, String out, String err) {

    static CliRun run(Map<String, String> variables, Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = TviewsCli.execute(args, new Environment(variables, home), new PrintWriter(out), new PrintWriter(err));
        return new CliRun(exit, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
