package io.tviewstudio.app.connection;

import io.tviewstudio.core.connect.FailureCategory;

/** The headline the window shows for each kind of connection failure core reports. */
public final class FailureText {

    private FailureText() {
    }

    public static String headline(FailureCategory category) {
        return switch (category) {
            case WRONG_PASSWORD -> "Wrong password";
            case PASSWORD_MISSING -> "Password needed";
            case AUTHENTICATION_REJECTED -> "Login rejected";
            case UNKNOWN_DATABASE -> "Unknown database";
            case INSUFFICIENT_PRIVILEGE -> "No permission to connect";
            case SERVER_UNREACHABLE -> "Server unreachable";
            case TIMEOUT -> "No answer from the server";
            case SSL_FAILURE -> "SSL failed";
            case INVALID_SETTINGS -> "Invalid connection settings";
            case CONNECTION_FAILED -> "Cannot connect";
            case UNSUPPORTED_SERVER_VERSION -> "Unsupported PostgreSQL version";
            case RUNTIME_NOT_INSTALLED -> "TVIEW runtime not installed";
            case RUNTIME_VERSION_MISMATCH -> "TVIEW runtime outdated";
        };
    }
}
