package io.tviewstudio.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's results go: human-readable text on stdout by default, one JSON document on
 * stdout with {@code --json}. Progress, warnings and errors go to stderr as text in both modes, so
 * that stdout stays parseable; with {@code --json} an error is also written to stdout as JSON.
 */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    boolean json() {
        return json;
    }

    /** Human text: printed unless --json. */
    void line(String text) {
        if (!json) {
            out.println(text);
            out.flush();
        }
    }

    /** Progress of a long step, on stderr in human mode only. */
    void progress(String text) {
        if (!json) {
            err.println(text);
            err.flush();
        }
    }

    /** A finding of the analysis that keeps a command from running: on stderr in both modes. */
    void diagnostic(String text) {
        err.println(text);
        err.flush();
    }

    void warning(String text) {
        err.println("warning: " + text);
        err.flush();
    }

    /** The command's result as JSON: printed only with --json. */
    void result(Object document) {
        if (json) {
            out.println(toJson(document));
            out.flush();
        }
    }

    void error(CliFailure failure) {
        err.println("error " + failure.label() + ": " + failure.message());
        if (failure.hint() != null) {
            err.println("hint: " + failure.hint());
        }
        err.flush();
        if (json) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", failure.code());
            error.put("sqlState", failure.sqlState());
            error.put("message", failure.message());
            error.put("hint", failure.hint());
            if (!failure.details().isEmpty()) {
                error.put("details", failure.details());
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("exitCode", failure.exitCode());
            document.put("error", error);
            out.println(toJson(document));
            out.flush();
        }
    }

    private static String toJson(Object document) {
        try {
            return JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
