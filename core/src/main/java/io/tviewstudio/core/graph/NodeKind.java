package io.tviewstudio.core.graph;

/** A node of the dependency graph: a base table (or other relation a TVIEW reads) or a TVIEW table. */
public enum NodeKind {
    TABLE, TVIEW
}
