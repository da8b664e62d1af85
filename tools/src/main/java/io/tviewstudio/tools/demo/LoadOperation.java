package io.tviewstudio.tools.demo;

/**
 * One kind of write the {@link LoadGenerator} makes to the demo blog. Each is a single statement
 * (its own transaction), so a stop or a failure never leaves half of an operation behind.
 */
public enum LoadOperation {
    INSERT_POST("insert post"),
    UPDATE_POST("update post"),
    DELETE_POST("delete post"),
    INSERT_COMMENT("insert comment"),
    UPDATE_COMMENT("update comment"),
    DELETE_COMMENT("delete comment"),
    RENAME_USER("rename user"),
    MOVE_POST("move post");

    private final String label;

    LoadOperation(String label) {
        this.label = label;
    }

    /** Words for a display, e.g. {@code rename user}. */
    public String label() {
        return label;
    }
}
