package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finding a node by what the user typed in the graph pane's search field. */
public final class NodeSearch {

    private NodeSearch() {
    }

    /**
     * The nodes whose name contains {@code text} (ignoring case): the exact name first, then names
     * starting with it, then the rest, each group by name. Empty for blank text.
     */
    public static List<String> matches(DependencyGraph graph, String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return List.of();
        }
        Comparator<String> rank = Comparator.comparingInt((String name) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals(needle) ? 0 : lower.startsWith(needle) ? 1 : 2;
        }).thenComparing(Comparator.naturalOrder());
        return graph.graphNodes().stream()
                .map(GraphNode::name)
                .filter(name -> name.toLowerCase(Locale.ROOT).contains(needle))
                .sorted(rank)
                .toList();
    }
}
