package io.tviewstudio.core.analysis;

import java.util.Objects;

/**
 * One finding about a definition.
 *
 * @param line     1-based line in the analysed source text
 * @param column   1-based column in that line
 * @param severity ERROR when the runtime would refuse the definition
 * @param code     the runtime's code for the same problem
 * @param message  what is wrong, worded like the runtime's message where the runtime has one
 * @param hint     what to change
 */
public record Diagnostic(int line, int column, Severity severity, ErrorCode code, String message, String hint) {

    public Diagnostic {
        Objects.requireNonNull(severity);
        Objects.requireNonNull(code);
        Objects.requireNonNull(message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code 3:14: error TV041: ...}, the form compilers print. */
    @Override
    public String toString() {
        return line + ":" + column + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + " " + code + ": " + message
                + (hint == null ? "" : " (hint: " + hint + ")");
    }
}
