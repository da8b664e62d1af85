package io.tviewstudio.core.inspect;

import java.util.Objects;

/**
 * Which rows a page lists: all, those with a key ({@code pk_<entity>} number or {@code id} uuid),
 * or those whose {@code data} matches a SQL/JSON path ({@code data @? path}).
 */
public record RowFilter(Mode mode, String text) {

    public enum Mode { ALL, KEY, JSON_PATH }

    public static final RowFilter ALL = new RowFilter(Mode.ALL, "");

    public RowFilter {
        Objects.requireNonNull(mode);
        text = text == null ? "" : text.strip();
    }

    public static RowFilter key(String key) {
        return new RowFilter(Mode.KEY, key);
    }

    public static RowFilter jsonPath(String path) {
        return new RowFilter(Mode.JSON_PATH, path);
    }
}
