package io.tviewstudio.core.connect;

/**
 * A connection that could not be made, or a database the tool cannot work with, in words a DBA
 * understands: the {@link #category()}, the SQLSTATE when the server or driver gave one, and a hint.
 */
public final class ConnectionFailure extends Exception {

    private final FailureCategory category;
    private final String sqlState;
    private final String hint;

    /** The message and hint are masked ({@link Secrets#mask}): a driver's text may quote the URL it was given. */
    public ConnectionFailure(FailureCategory category, String sqlState, String message, String hint, Throwable cause) {
        super(Secrets.mask(message), cause);
        this.category = category;
        this.sqlState = sqlState;
        this.hint = Secrets.mask(hint);
    }

    public FailureCategory category() {
        return category;
    }

    /** The SQLSTATE, or null when the failure did not come from the server or driver (e.g. a version check). */
    public String sqlState() {
        return sqlState;
    }

    /** What to do about it; may be null. */
    public String hint() {
        return hint;
    }
}
