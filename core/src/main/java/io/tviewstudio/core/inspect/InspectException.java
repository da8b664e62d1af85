package io.tviewstudio.core.inspect;

import java.util.Objects;

/**
 * A request the row inspector refuses, with a stable code: {@code invalid_json_path} (the
 * server's jsonpath parser refused the text), {@code invalid_key} (neither a number nor a uuid),
 * {@code not_a_tview}, {@code no_root_source} (a single row cannot be recomputed through the API).
 */
public final class InspectException extends Exception {

    private final String code;

    public InspectException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code);
    }

    public InspectException(String code, String message) {
        this(code, message, null);
    }

    public String code() {
        return code;
    }
}
