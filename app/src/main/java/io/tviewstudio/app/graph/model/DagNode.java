package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.catalog.TviewInfo;
import java.util.Objects;

/**
 * A relation in the dependency graph: a base table or a TVIEW table. Plain data, no JavaFX, so
 * that any graph source (the catalog today, core's dependency graph later) can build it.
 *
 * @param name        the relation as regclass text ({@code tb_user}, {@code tv_post})
 * @param kind        table or TVIEW
 * @param rowCount    rows when read, or {@link #UNKNOWN}
 * @param totalBytes  size with indexes and TOAST, or {@link #UNKNOWN}
 * @param refreshMode {@code immediate} or {@code deferred} for a TVIEW, empty for a table
 * @param definition  a TVIEW's definition, empty when unknown or for a table
 * @param depth       a TVIEW's depth in the runtime catalog, or {@code -1}
 */
public record DagNode(String name, Kind kind, long rowCount, long totalBytes, String refreshMode,
                      String definition, int depth) {

    public enum Kind { TABLE, TVIEW }

    public static final long UNKNOWN = -1;

    public DagNode {
        Objects.requireNonNull(name);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(refreshMode);
        Objects.requireNonNull(definition);
    }

    /** A base table of which nothing but the name is known. */
    public static DagNode table(String name) {
        return new DagNode(name, Kind.TABLE, UNKNOWN, UNKNOWN, "", "", -1);
    }

    public static DagNode tview(TviewInfo tview) {
        return new DagNode(tview.table(), Kind.TVIEW, tview.rowCount(),
                tview.totalBytes() < 0 ? UNKNOWN : tview.totalBytes(), tview.refreshMode(), tview.definition(),
                tview.depth());
    }

    public boolean isTview() {
        return kind == Kind.TVIEW;
    }
}
