package io.tviewstudio.core.graph;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.LineageRule;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.cycle.JohnsonSimpleCycles;
import org.jgrapht.alg.shortestpath.AllDirectedPaths;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Base tables and TVIEWs with read-from edges (pointing from the relation read to the TVIEW reading
 * it: the way a change flows), built from the lineage the runtime recorded, from unsaved definitions, or both.
 * Nodes are named as the runtime prints relations ({@code tv_post}, {@code app.tv_event}).
 */
public final class DependencyGraph {

    private final Graph<String, ReadEdge> graph = GraphTypeBuilder.<String, ReadEdge>directed()
            .allowingMultipleEdges(false).allowingSelfLoops(true).weighted(false).buildGraph();
    private final Map<String, NodeKind> kinds = new LinkedHashMap<>();

    private DependencyGraph() {
    }

    /**
     * The graph of installed TVIEWs: each TVIEW, named as the runtime prints it, with the lineage
     * rules the runtime recorded for it (pg_tview_source; none for a TVIEW that reads no relation).
     * The catalog package reads them from a database.
     */
    public static DependencyGraph fromLineage(Map<String, List<LineageRule>> rulesByTview) {
        DependencyGraph result = new DependencyGraph();
        rulesByTview.forEach((tview, rules) -> {
            result.addNode(tview, NodeKind.TVIEW);
            rules.forEach(rule -> result.addRule(tview, rule));
        });
        return result;
    }

    /** The graph of analysed (possibly unsaved) definitions; see {@link #withDefinitions}. */
    public static DependencyGraph fromDefinitions(Collection<AnalysisResult> definitions) {
        return new DependencyGraph().withDefinitions(definitions);
    }

    /**
     * This graph plus the given definitions: a definition of a TVIEW already in the graph replaces
     * its edges (an edited definition). Definitions with an invalid name are left out.
     */
    public DependencyGraph withDefinitions(Collection<AnalysisResult> definitions) {
        DependencyGraph result = copy();
        for (AnalysisResult definition : definitions) {
            if (definition.name() == null) {
                continue;
            }
            String tview = definition.name().toString();
            if (result.graph.containsVertex(tview)) {
                result.graph.removeAllEdges(List.copyOf(result.graph.incomingEdgesOf(tview)));
            }
            result.addNode(tview, NodeKind.TVIEW);
            for (String source : definition.sources()) {
                // A source without a lineage rule (an error the analysis reports) still is a dependency.
                result.addEdge(source, tview, source.substring(source.lastIndexOf('.') + 1).startsWith("tv_"));
            }
            definition.lineage().forEach(rule -> result.addRule(tview, rule));
        }
        return result;
    }

    /** Every node name, tables and TVIEWs, sorted. */
    public Set<String> nodes() {
        return new TreeSet<>(graph.vertexSet());
    }

    public NodeKind kind(String node) {
        return kinds.get(node);
    }

    /** Every edge, by source then reader. */
    public List<ReadEdge> edges() {
        return graph.edgeSet().stream()
                .sorted(Comparator.comparing(ReadEdge::source).thenComparing(ReadEdge::reader)).toList();
    }

    /** The relations a TVIEW reads directly. */
    public List<String> reads(String tview) {
        return graph.containsVertex(tview) ? graph.incomingEdgesOf(tview).stream().map(ReadEdge::source).sorted().toList() : List.of();
    }

    /** Every cycle, each spelled from its smallest name, each TVIEW reading the next: [tv_a, tv_b, tv_a]. */
    public List<List<String>> cycles() {
        List<List<String>> cycles = new ArrayList<>();
        for (List<String> cycle : new JohnsonSimpleCycles<>(graph).findSimpleCycles()) {
            // Johnson lists vertices along the edges (source before reader); readers read their predecessor.
            List<String> reading = new ArrayList<>(cycle.reversed());
            int start = reading.indexOf(reading.stream().min(String::compareTo).orElseThrow());
            List<String> rotated = new ArrayList<>(reading.subList(start, reading.size()));
            rotated.addAll(reading.subList(0, start));
            rotated.add(rotated.getFirst());
            cycles.add(rotated);
        }
        cycles.sort(Comparator.comparing(List::toString));
        return cycles;
    }

    /** {@code tv_a -> tv_b -> tv_a}. */
    public static String spell(List<String> cycle) {
        return String.join(" -> ", cycle);
    }

    /** The TVIEWs in an order they can be created in: every TVIEW after all TVIEWs it reads. */
    public List<String> creationOrder() {
        List<List<String>> cycles = cycles();
        if (!cycles.isEmpty()) {
            throw new DependencyCycleException(cycles.getFirst());
        }
        List<String> order = new ArrayList<>();
        new TopologicalOrderIterator<>(graph, Comparator.<String>naturalOrder())
                .forEachRemaining(node -> {
                    if (kinds.get(node) == NodeKind.TVIEW) {
                        order.add(node);
                    }
                });
        return order;
    }

    /** What a change in the relation refreshes: every TVIEW downstream, with its row paths and the cascade depth. */
    public Impact impact(String relation) {
        if (!graph.containsVertex(relation)) {
            return new Impact(relation, List.of(), 0);
        }
        List<GraphPath<String, ReadEdge>> paths = new ArrayList<>();
        AllDirectedPaths<String, ReadEdge> finder = new AllDirectedPaths<>(graph);
        for (String target : graph.vertexSet()) {
            if (!target.equals(relation) && kinds.get(target) == NodeKind.TVIEW) {
                paths.addAll(finder.getAllPaths(relation, target, true, graph.vertexSet().size()));
            }
        }
        Map<String, List<GraphPath<String, ReadEdge>>> byTview = new LinkedHashMap<>();
        for (GraphPath<String, ReadEdge> path : paths) {
            byTview.computeIfAbsent(path.getEndVertex(), key -> new ArrayList<>()).add(path);
        }
        List<Impact.ImpactedTview> tviews = new ArrayList<>();
        int depth = 0;
        for (var entry : byTview.entrySet()) {
            int distance = entry.getValue().stream().mapToInt(GraphPath::getLength).min().orElse(0);
            depth = Math.max(depth, entry.getValue().stream().mapToInt(GraphPath::getLength).max().orElse(0));
            List<String> rowPaths = entry.getValue().stream()
                    .sorted(Comparator.comparingInt((GraphPath<String, ReadEdge> p) -> p.getLength()).thenComparing(p -> p.getVertexList().toString()))
                    .map(p -> String.join(" => ", p.getEdgeList().stream().map(ReadEdge::rowPath).toList())).toList();
            tviews.add(new Impact.ImpactedTview(entry.getKey(), distance, rowPaths));
        }
        tviews.sort(Comparator.comparingInt(Impact.ImpactedTview::distance).thenComparing(Impact.ImpactedTview::tview));
        return new Impact(relation, tviews, depth);
    }

    /** The graph as JSON; see {@link GraphExport#toJson}. */
    public String toJson() {
        return GraphExport.toJson(this);
    }

    /** The graph in Graphviz DOT; see {@link GraphExport#toDot}. */
    public String toDot() {
        return GraphExport.toDot(this);
    }

    private void addNode(String name, NodeKind kind) {
        graph.addVertex(name);
        if (kind == NodeKind.TVIEW || !kinds.containsKey(name)) {
            kinds.put(name, kind);
        }
    }

    private void addRule(String tview, LineageRule rule) {
        addEdge(rule.source(), tview, rule.sourceIsTview()).add(rule);
    }

    private ReadEdge addEdge(String source, String tview, boolean sourceIsTview) {
        addNode(source, sourceIsTview ? NodeKind.TVIEW : NodeKind.TABLE);
        ReadEdge edge = graph.getEdge(source, tview);
        if (edge == null) {
            edge = new ReadEdge(source, tview);
            graph.addEdge(source, tview, edge);
        }
        return edge;
    }

    private DependencyGraph copy() {
        DependencyGraph copy = new DependencyGraph();
        kinds.forEach(copy::addNode);
        for (ReadEdge edge : graph.edgeSet()) {
            ReadEdge copied = copy.addEdge(edge.source(), edge.reader(), kinds.get(edge.source()) == NodeKind.TVIEW);
            edge.rules().forEach(copied::add);
        }
        return copy;
    }
}
