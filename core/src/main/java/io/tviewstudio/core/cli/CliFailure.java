package io.tviewstudio.core.cli;

/**
 * A failure the command reports and exits with: the exit code, a stable code (TVnnn, SQLSTATE or a
 * category such as {@code wrong_password}) and the message, optionally a hint.
 *
 * @param sqlState the SQLSTATE when there is one besides the code (e.g. 28P01 for wrong_password)
 */
record CliFailure(int exitCode, String code, String sqlState, String message, String hint) {

    /** {@code [28P01 wrong_password]}, {@code [TV010 invalid_definition]}, {@code [file_not_found]}. */
    String label() {
        return "[" + (sqlState == null || sqlState.equals(code) ? code : sqlState + " " + code) + "]";
    }
}
