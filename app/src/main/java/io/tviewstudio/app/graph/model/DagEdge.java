package io.tviewstudio.app.graph.model;

import java.util.Objects;

/** "{@code target} reads {@code source}": a write to the source refreshes the target. */
public record DagEdge(String source, String target) {

    public DagEdge {
        Objects.requireNonNull(source);
        Objects.requireNonNull(target);
    }
}
