package io.tviewstudio.core.graph;

import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.analysis.LineageRule;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.Graphs;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.cycle.JohnsonSimpleCycles;
import org.jgrapht.alg.shortestpath.AllDirectedPaths;
import org.jgrapht.graph.builder.GraphTypeBuilder;
import org.jgrapht.traverse.TopologicalOrderIterator;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Base tables and TVIEWs with read-from edges (pointing from the relation read to the TVIEW reading
 * it: the way a change flows), built from the lineage the runtime recorded, from unsaved definitions, or both.
 * Nodes are named as the runtime prints relations ({@code tv_post}, {@code app.tv_event}).
 *
 * <p>It does not assume the edges are acyclic: a definition set not yet installed may have a cycle,
 * which {@link #cycles()} spells out and {@link #cycleEdges()} marks. Immutable once built, so that
 * a graph read on one thread can be drawn on another; the nodes and edges keep the order they were
 * given in ({@link #graphNodes()}, {@link #graphEdges()}), which a layout of the graph may depend on.
 */
public final class DependencyGraph {

    private final Graph<String, ReadEdge> graph = GraphTypeBuilder.<String, ReadEdge>directed()
            .allowingMultipleEdges(false).allowingSelfLoops(true).weighted(false).buildGraph();
    private final Map<String, GraphNode> nodes = new LinkedHashMap<>();
    /** The edges that lie on a cycle, found once when first asked for. */
    private volatile Set<ReadEdge> cycleEdges;

    private DependencyGraph() {
    }

    public static DependencyGraph empty() {
        return new DependencyGraph();
    }

    /**
     * A graph of the given nodes, in this order, and edges (their lineage rules included); each edge
     * must name two of the nodes, an edge given twice counts once.
     */
    public static DependencyGraph of(Collection<GraphNode> nodes, Collection<ReadEdge> edges) {
        DependencyGraph result = new DependencyGraph();
        for (GraphNode node : nodes) {
            if (result.nodes.putIfAbsent(node.name(), node) != null) {
                throw new IllegalArgumentException("node " + node.name() + " is given twice");
            }
            result.graph.addVertex(node.name());
        }
        for (ReadEdge edge : edges) {
            if (!result.nodes.containsKey(edge.source()) || !result.nodes.containsKey(edge.reader())) {
                throw new IllegalArgumentException("edge " + edge + " names a node that is not in the graph");
            }
            ReadEdge copied = result.addEdge(edge.source(), edge.reader(), result.nodes.get(edge.source()).isTview());
            edge.rules().forEach(copied::add);
        }
        return result;
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

    /** The node's kind, null when the graph has no such node. */
    public NodeKind kind(String node) {
        GraphNode found = nodes.get(node);
        return found == null ? null : found.kind();
    }

    /** The node of that name with what is known of it. */
    public Optional<GraphNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /** Every node, in the order the graph was built. */
    public Collection<GraphNode> graphNodes() {
        return Collections.unmodifiableCollection(nodes.values());
    }

    /** Every edge, in the order the graph was built. */
    public List<ReadEdge> graphEdges() {
        return List.copyOf(graph.edgeSet());
    }

    public int size() {
        return nodes.size();
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /**
     * Whether the other graph has the same nodes (by name and kind) and edges, in the same order, so
     * that a layout of this one fits it; what is known of its nodes (rows, size) may differ.
     */
    public boolean sameShapeAs(DependencyGraph other) {
        if (!graphEdges().equals(other.graphEdges()) || !nodes.keySet().equals(other.nodes.keySet())) {
            return false;
        }
        return nodes.values().stream().allMatch(node -> other.nodes.get(node.name()).kind() == node.kind());
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

    /** The relations {@code node} reads directly, in the order the graph was built. */
    public List<String> sources(String node) {
        return graph.containsVertex(node) ? Graphs.predecessorListOf(graph, node) : List.of();
    }

    /** The TVIEWs that read {@code node} directly, in the order the graph was built. */
    public List<String> readers(String node) {
        return graph.containsVertex(node) ? Graphs.successorListOf(graph, node) : List.of();
    }

    /**
     * What a write to {@code node} refreshes: every TVIEW reachable along the edges, nearest first
     * ({@code node} itself only when it lies on a cycle). Unlike {@link #impact} it lists no paths,
     * so it stays cheap on graphs of thousands of nodes.
     */
    public Set<String> downstream(String node) {
        return reach(node, this::readers);
    }

    /** Every relation that {@code node} reads, directly or through other TVIEWs, nearest first. */
    public Set<String> upstream(String node) {
        return reach(node, this::sources);
    }

    private static Set<String> reach(String start, Function<String, List<String>> next) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(next.apply(start));
        while (!queue.isEmpty()) {
            String node = queue.poll();
            if (reached.add(node)) {
                queue.addAll(next.apply(node));
            }
        }
        return reached;
    }

    /**
     * The edges that lie on a cycle, in graph order (empty for a proper DAG): both ends in one strongly
     * connected component, a self-loop included. Found with an iterative algorithm, so a long chain of
     * TVIEWs cannot overflow the stack.
     */
    public Set<ReadEdge> cycleEdges() {
        Set<ReadEdge> found = cycleEdges;
        if (found == null) {
            Map<String, Integer> component = new HashMap<>();
            List<Set<String>> components = new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets();
            for (int i = 0; i < components.size(); i++) {
                for (String node : components.get(i)) {
                    component.put(node, i);
                }
            }
            Set<ReadEdge> onCycle = new LinkedHashSet<>();
            for (ReadEdge edge : graph.edgeSet()) {
                if (component.get(edge.source()).equals(component.get(edge.reader()))) {
                    onCycle.add(edge);
                }
            }
            found = Collections.unmodifiableSet(onCycle);
            cycleEdges = found;
        }
        return found;
    }

    public boolean hasCycle() {
        return !cycleEdges().isEmpty();
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
                    if (kind(node) == NodeKind.TVIEW) {
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
            if (!target.equals(relation) && kind(target) == NodeKind.TVIEW) {
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
        GraphNode known = nodes.get(name);
        // A relation first met as a source may turn out to be a TVIEW; what is known of it stays.
        if (known == null || kind == NodeKind.TVIEW && !known.isTview()) {
            nodes.put(name, GraphNode.of(name, kind));
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
        return of(nodes.values(), graph.edgeSet());
    }
}
