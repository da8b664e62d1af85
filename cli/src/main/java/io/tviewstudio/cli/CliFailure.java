package io.tviewstudio.cli;

import java.util.List;

/**
 * A failure the command reports and exits with: the exit code, a stable code (TVnnn, SQLSTATE or a
 * category such as {@code wrong_password}) and the message, optionally a hint.
 *
 * @param sqlState the SQLSTATE when there is one besides the code (e.g. 28P01 for wrong_password)
 * @param details  structured items behind the message, printed with {@code --json} (e.g. the missing rights); may be empty
 */
record CliFailure(int exitCode, String code, String sqlState, String message, String hint, List<?> details) {

    CliFailure {
        details = List.copyOf(details);
    }

    CliFailure(int exitCode, String code, String sqlState, String message, String hint) {
        this(exitCode, code, sqlState, message, hint, List.of());
    }

    /** {@code [28P01 wrong_password]}, {@code [TV010 invalid_definition]}, {@code [file_not_found]}. */
    String label() {
        return "[" + (sqlState == null || sqlState.equals(code) ? code : sqlState + " " + code) + "]";
    }
}
