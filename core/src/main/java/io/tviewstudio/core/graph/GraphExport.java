package io.tviewstudio.core.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

/** The dependency graph as JSON (for tools) and as Graphviz DOT (for pictures). */
final class GraphExport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GraphExport() {
    }

    /**
     * {@code {"nodes":[{"name","kind"}], "edges":[{"source","reader","rules":[{"rule","sourceColumn","tviewColumn"}]}],
     * "cycles":[["tv_a","tv_b","tv_a"]], "creationOrder":[...]}}; creationOrder is absent when there is a cycle.
     */
    static String toJson(DependencyGraph graph) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode nodes = root.putArray("nodes");
        for (String node : graph.nodes()) {
            nodes.addObject().put("name", node).put("kind", graph.kind(node).name().toLowerCase(Locale.ROOT));
        }
        ArrayNode edges = root.putArray("edges");
        for (ReadEdge edge : graph.edges()) {
            ObjectNode json = edges.addObject().put("source", edge.source()).put("reader", edge.reader());
            ArrayNode rules = json.putArray("rules");
            edge.rules().forEach(rule -> rules.addObject().put("rule", rule.rule())
                    .put("sourceColumn", rule.sourceColumn()).put("tviewColumn", rule.tviewColumn()));
        }
        ArrayNode cycles = root.putArray("cycles");
        graph.cycles().forEach(cycle -> cycle.forEach(cycles.addArray()::add));
        if (graph.cycles().isEmpty()) {
            ArrayNode order = root.putArray("creationOrder");
            graph.creationOrder().forEach(order::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Tables as boxes, TVIEWs as bold ellipses, edges labelled with their rules; edges of a cycle in red. */
    static String toDot(DependencyGraph graph) {
        java.util.Set<String> inCycle = new java.util.HashSet<>();
        for (var cycle : graph.cycles()) {
            for (int i = 0; i + 1 < cycle.size(); i++) {
                inCycle.add(cycle.get(i + 1) + "->" + cycle.get(i));
            }
        }
        StringBuilder dot = new StringBuilder("digraph tviews {\n  rankdir=LR;\n");
        for (String node : graph.nodes()) {
            dot.append("  ").append(quote(node)).append(graph.kind(node) == NodeKind.TVIEW
                    ? " [shape=ellipse, style=bold];\n" : " [shape=box];\n");
        }
        for (ReadEdge edge : graph.edges()) {
            String label = String.join("\\n", edge.rules().stream()
                    .map(r -> r.rule() + ": " + r.sourceColumn() + " -> " + r.tviewColumn()).toList());
            dot.append("  ").append(quote(edge.source())).append(" -> ").append(quote(edge.reader()))
                    .append(" [label=").append(quote(label))
                    .append(inCycle.contains(edge.source() + "->" + edge.reader()) ? ", color=red" : "").append("];\n");
        }
        return dot.append("}\n").toString();
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\\\\n", "\\n") + '"';
    }
}
