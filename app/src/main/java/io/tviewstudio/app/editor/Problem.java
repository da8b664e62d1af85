package io.tviewstudio.app.editor;

import io.tviewstudio.core.analysis.Diagnostic;
import io.tviewstudio.core.analysis.Severity;

/**
 * One line of the problems panel: a diagnostic of the analyzer at its place in the editor text.
 *
 * @param code e.g. {@code TV041}
 */
public record Problem(int line, int column, Severity severity, String code, String message, String hint) {

    public static Problem of(Diagnostic diagnostic) {
        return new Problem(diagnostic.line(), diagnostic.column(), diagnostic.severity(), diagnostic.code().name(),
                diagnostic.message(), diagnostic.hint());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** {@code TV041 unknown column ... — hint}, for tooltips. */
    public String describe() {
        return code + "  " + message + (hint == null ? "" : "\n" + hint);
    }
}
