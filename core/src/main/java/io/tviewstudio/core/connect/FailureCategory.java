package io.tviewstudio.core.connect;

/**
 * The kinds of "cannot work with this database" a DBA needs told apart. The {@link #code()} is
 * stable: scripts may match on it (it appears in the command line's messages and JSON output).
 */
public enum FailureCategory {
    WRONG_PASSWORD("wrong_password"),
    PASSWORD_MISSING("password_missing"),
    AUTHENTICATION_REJECTED("authentication_rejected"),
    UNKNOWN_DATABASE("unknown_database"),
    INSUFFICIENT_PRIVILEGE("insufficient_privilege"),
    SERVER_UNREACHABLE("server_unreachable"),
    TIMEOUT("timeout"),
    SSL_FAILURE("ssl_failure"),
    INVALID_SETTINGS("invalid_connection_settings"),
    CONNECTION_FAILED("connection_failed"),
    UNSUPPORTED_SERVER_VERSION("unsupported_server_version"),
    RUNTIME_NOT_INSTALLED("runtime_not_installed"),
    RUNTIME_VERSION_MISMATCH("runtime_version_mismatch");

    private final String code;

    FailureCategory(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** True for the runtime checks made after a successful login. */
    public boolean isRuntimeProblem() {
        return this == RUNTIME_NOT_INSTALLED || this == RUNTIME_VERSION_MISMATCH;
    }
}
