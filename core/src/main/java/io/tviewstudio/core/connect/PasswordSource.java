package io.tviewstudio.core.connect;

/** Where the password of a connection attempt came from, so that a failed login can say so. */
public enum PasswordSource {
    EXPLICIT("given explicitly"),
    SERVICE_FILE("from the connection service file"),
    PGPASSWORD("from PGPASSWORD"),
    PASSWORD_FILE("from the password file"),
    NONE("none given");

    private final String description;

    PasswordSource(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
