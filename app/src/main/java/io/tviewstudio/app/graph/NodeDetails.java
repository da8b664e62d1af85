package io.tviewstudio.app.graph;

import io.tviewstudio.app.graph.model.NodeText;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the details panel shows for the selected node, as text. Plain data.
 *
 * @param name       the relation
 * @param kind       {@code TVIEW} or {@code Base table}
 * @param facts      label/value lines (refresh mode, rows, size, depth)
 * @param sources    what it reads, with the lineage rule where the catalog gave one
 * @param readers    the TVIEWs that read it directly
 * @param impact     every TVIEW a write to it refreshes, transitively
 * @param definition the TVIEW's definition, empty when unknown or for a table
 */
public record NodeDetails(String name, String kind, List<Fact> facts, List<String> sources, List<String> readers,
                          List<String> impact, String definition) {

    public record Fact(String label, String value) {
    }

    public NodeDetails {
        facts = List.copyOf(facts);
        sources = List.copyOf(sources);
        readers = List.copyOf(readers);
        impact = List.copyOf(impact);
    }

    static NodeDetails of(DependencyGraph dag, GraphNode node, Map<String, TviewInfo> catalog) {
        List<Fact> facts = new ArrayList<>();
        if (node.isTview()) {
            facts.add(new Fact("Refresh mode", node.refreshMode().isEmpty() ? "unknown" : node.refreshMode()));
            facts.add(new Fact("Rows", node.rowCount() < 0 ? "unknown" : NodeText.rows(node.rowCount())));
            facts.add(new Fact("Size", NodeText.bytes(node.totalBytes())));
            if (node.depth() >= 0) {
                facts.add(new Fact("Depth", Integer.toString(node.depth())));
            }
        }
        int impacted = dag.downstream(node.name()).size();
        facts.add(new Fact("A write refreshes", impacted == 0 ? "no TVIEW"
                : impacted + (impacted == 1 ? " TVIEW" : " TVIEWs")));
        TviewInfo tview = catalog.get(node.name());
        List<String> sources = tview != null
                ? DependencyGraphViewModel.sourceLabels(tview)
                : dag.sources(node.name());
        return new NodeDetails(node.name(), node.isTview() ? "TVIEW" : "Base table", facts, sources,
                dag.readers(node.name()), List.copyOf(dag.downstream(node.name())), node.definition().strip());
    }
}
