package io.tviewstudio.core.playbook;

/**
 * A playbook that cannot be used, or a target it cannot be applied to. {@link #code()} is stable:
 * {@code playbook_not_found}, {@code playbook_invalid}, {@code playbook_damaged},
 * {@code runtime_version_mismatch}, {@code source_missing}, {@code restore_not_consistent}.
 */
public final class PlaybookException extends Exception {

    private final String code;
    private final String hint;

    public PlaybookException(String code, String message, String hint) {
        super(message);
        this.code = code;
        this.hint = hint;
    }

    public String code() {
        return code;
    }

    public String hint() {
        return hint;
    }
}
