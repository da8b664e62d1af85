package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The relations of a database and which reads which, as the graph pane shows them. Immutable.
 * It does not assume the edges are acyclic: a definition set not yet installed may have a cycle,
 * which the pane draws in red.
 */
public final class DependencyDag {

    private final Map<String, DagNode> nodes;
    private final List<DagEdge> edges;
    private final Map<String, List<String>> readers = new HashMap<>();
    private final Map<String, List<String>> sources = new HashMap<>();
    private final Set<DagEdge> cycleEdges;

    private DependencyDag(Collection<DagNode> nodes, Collection<DagEdge> edges) {
        Map<String, DagNode> byName = new LinkedHashMap<>();
        for (DagNode node : nodes) {
            if (byName.putIfAbsent(node.name(), node) != null) {
                throw new IllegalArgumentException("node " + node.name() + " is given twice");
            }
        }
        this.nodes = Collections.unmodifiableMap(byName);
        this.edges = List.copyOf(new LinkedHashSet<>(edges));
        for (DagEdge edge : this.edges) {
            if (!byName.containsKey(edge.source()) || !byName.containsKey(edge.target())) {
                throw new IllegalArgumentException("edge " + edge.source() + " -> " + edge.target()
                        + " names a node that is not in the graph");
            }
            readers.computeIfAbsent(edge.source(), key -> new ArrayList<>()).add(edge.target());
            sources.computeIfAbsent(edge.target(), key -> new ArrayList<>()).add(edge.source());
        }
        this.cycleEdges = Collections.unmodifiableSet(new StronglyConnected(this).cycleEdges());
    }

    /** A graph of the given nodes and edges; every edge must name two of the nodes. */
    public static DependencyDag of(Collection<DagNode> nodes, Collection<DagEdge> edges) {
        return new DependencyDag(nodes, edges);
    }

    public static DependencyDag empty() {
        return new DependencyDag(List.of(), List.of());
    }

    /**
     * The graph of the catalog's TVIEWs: a node per TVIEW and per relation they read, an edge from
     * each source relation to the TVIEW reading it. Tables come first, in the order first read.
     */
    public static DependencyDag fromCatalog(List<TviewInfo> tviews) {
        Map<String, DagNode> tviewNodes = new LinkedHashMap<>();
        tviews.forEach(tview -> tviewNodes.put(tview.table(), DagNode.tview(tview)));
        Map<String, DagNode> tables = new LinkedHashMap<>();
        List<DagEdge> edges = new ArrayList<>();
        for (TviewInfo tview : tviews) {
            for (TviewSource source : tview.sources()) {
                if (!tviewNodes.containsKey(source.relation())) {
                    tables.computeIfAbsent(source.relation(), DagNode::table);
                }
                edges.add(new DagEdge(source.relation(), tview.table()));
            }
        }
        List<DagNode> nodes = new ArrayList<>(tables.values());
        nodes.addAll(tviewNodes.values());
        return new DependencyDag(nodes, edges);
    }

    public Collection<DagNode> nodes() {
        return nodes.values();
    }

    public List<DagEdge> edges() {
        return edges;
    }

    public int size() {
        return nodes.size();
    }

    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    public Optional<DagNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /**
     * Whether the other graph has the same nodes (by name and kind) and edges, so that a layout of
     * this one fits it; the facts of its nodes (rows, size) may differ.
     */
    public boolean sameShapeAs(DependencyDag other) {
        if (!edges.equals(other.edges) || !nodes.keySet().equals(other.nodes.keySet())) {
            return false;
        }
        return nodes.values().stream().allMatch(node -> other.nodes.get(node.name()).kind() == node.kind());
    }

    /** The relations that {@code name} reads directly. */
    public List<String> sourcesOf(String name) {
        return sources.getOrDefault(name, List.of());
    }

    /** The TVIEWs that read {@code name} directly. */
    public List<String> readersOf(String name) {
        return readers.getOrDefault(name, List.of());
    }

    /**
     * What a write to {@code name} refreshes: every TVIEW reachable along the edges, nearest first
     * ({@code name} itself only when it lies on a cycle).
     */
    public Set<String> impactOf(String name) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> queue = new ArrayDeque<>(readersOf(name));
        while (!queue.isEmpty()) {
            String next = queue.poll();
            if (reached.add(next)) {
                queue.addAll(readersOf(next));
            }
        }
        return reached;
    }

    /** The edges that lie on a cycle (empty for a proper DAG). */
    public Set<DagEdge> cycleEdges() {
        return cycleEdges;
    }

    public boolean hasCycle() {
        return !cycleEdges.isEmpty();
    }

    /**
     * The nodes whose name contains {@code text} (ignoring case): the exact name first, then names
     * starting with it, then the rest, each group by name. Empty for blank text.
     */
    public List<String> search(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return List.of();
        }
        Comparator<String> rank = Comparator.comparingInt((String name) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            return lower.equals(needle) ? 0 : lower.startsWith(needle) ? 1 : 2;
        }).thenComparing(Comparator.naturalOrder());
        return nodes.keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).contains(needle))
                .sorted(rank)
                .toList();
    }
}
