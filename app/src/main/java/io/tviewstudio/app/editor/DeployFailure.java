package io.tviewstudio.app.editor;

/**
 * Why a preview or install did not happen: the code (a runtime {@code TVnnn} SQLSTATE, or the
 * analyzer's code), the message and a hint. Nothing was changed when this is thrown.
 */
public final class DeployFailure extends Exception {

    private final String code;
    private final String hint;

    public DeployFailure(String code, String message, String hint, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.hint = hint;
    }

    /** e.g. {@code TV040}; null when the server gave none. */
    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }

    /** {@code TV040: relation "tb_nope" does not exist}, as the window shows it. */
    public String describe() {
        return (code == null ? "" : code + ": ") + getMessage();
    }
}
