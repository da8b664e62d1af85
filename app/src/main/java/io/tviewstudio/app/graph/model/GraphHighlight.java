package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.ReadEdge;
import java.util.Set;

/**
 * What the drawing emphasises: the selected node and what a write to it refreshes (its impact).
 * Shared by the canvas and the SVG export so that both show the same thing.
 *
 * @param selected the selected node's name, or empty
 * @param impact   the nodes a write to the selected node refreshes, transitively
 */
public record GraphHighlight(String selected, Set<String> impact) {

    public static final GraphHighlight NONE = new GraphHighlight("", Set.of());

    public GraphHighlight {
        impact = Set.copyOf(impact);
    }

    public static GraphHighlight of(DependencyGraph dag, String selected) {
        return selected == null || selected.isEmpty() || dag.node(selected).isEmpty()
                ? NONE : new GraphHighlight(selected, dag.downstream(selected));
    }

    public boolean active() {
        return !selected.isEmpty();
    }

    public boolean isSelected(String name) {
        return selected.equals(name);
    }

    /** Selected or impacted. */
    public boolean isLit(String name) {
        return selected.equals(name) || impact.contains(name);
    }

    /** An edge along which the selected node's change travels. */
    public boolean isLit(ReadEdge edge) {
        return isLit(edge.source()) && impact.contains(edge.reader());
    }
}
