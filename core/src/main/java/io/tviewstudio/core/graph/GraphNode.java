package io.tviewstudio.core.graph;

import java.util.Objects;

/**
 * A node of the dependency graph with what is known of its relation: a base table (or other relation
 * a TVIEW reads) or a TVIEW table. A graph built from lineage or definitions knows only names and
 * kinds; one built from the runtime's catalog also knows each TVIEW's rows, size, mode and definition.
 *
 * @param name        the relation as the runtime prints it ({@code tb_user}, {@code app.tv_event})
 * @param kind        table or TVIEW
 * @param rowCount    rows when read, or {@link #UNKNOWN}
 * @param totalBytes  size with indexes and TOAST, or {@link #UNKNOWN}
 * @param refreshMode {@code immediate} or {@code deferred} for a TVIEW; empty for a table or when unknown
 * @param definition  a TVIEW's definition; empty when unknown or for a table
 * @param depth       a TVIEW's depth in the runtime catalog, or {@code -1} when unknown
 */
public record GraphNode(String name, NodeKind kind, long rowCount, long totalBytes, String refreshMode,
                        String definition, int depth) {

    public static final long UNKNOWN = -1;

    public GraphNode {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(refreshMode);
        Objects.requireNonNull(definition);
    }

    /** A base table of which nothing but the name is known. */
    public static GraphNode table(String name) {
        return of(name, NodeKind.TABLE);
    }

    /** A node of which nothing but the name and kind is known. */
    public static GraphNode of(String name, NodeKind kind) {
        return new GraphNode(name, kind, UNKNOWN, UNKNOWN, "", "", -1);
    }

    public boolean isTview() {
        return kind == NodeKind.TVIEW;
    }
}
