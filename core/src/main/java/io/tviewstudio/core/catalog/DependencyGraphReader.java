package io.tviewstudio.core.catalog;

import io.tviewstudio.core.analysis.LineageRule;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import io.tviewstudio.core.graph.NodeKind;
import io.tviewstudio.core.graph.ReadEdge;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the dependency graph of the TVIEWs installed in a database from the runtime's catalog
 * (as {@link TviewCatalog} reads it), and names relations the way its nodes are named.
 */
public final class DependencyGraphReader {

    private DependencyGraphReader() {
    }

    /** The TVIEWs of the database and what they read. */
    public static DependencyGraph read(Connection connection) throws SQLException {
        Map<String, List<LineageRule>> rulesByTview = new LinkedHashMap<>();
        new TviewCatalog(connection).lineage().forEach((tview, sources) ->
                rulesByTview.put(tview, sources.stream().map(TviewSource::lineageRule).toList()));
        return DependencyGraph.fromLineage(rulesByTview);
    }

    /**
     * The graph of TVIEWs already read from the catalog (by {@link TviewCatalog}), knowing each TVIEW's
     * rows, size, refresh mode, depth and definition: a node per TVIEW and per relation they read, an
     * edge from each source relation to the TVIEW reading it, with its lineage rules. Tables come
     * first, in the order first read, then the TVIEWs in the order given.
     */
    public static DependencyGraph graphOf(List<TviewInfo> tviews) {
        Map<String, GraphNode> tviewNodes = new LinkedHashMap<>();
        tviews.forEach(tview -> tviewNodes.put(tview.table(), new GraphNode(tview.table(), NodeKind.TVIEW,
                tview.rowCount(), tview.totalBytes() < 0 ? GraphNode.UNKNOWN : tview.totalBytes(),
                tview.refreshMode(), tview.definition(), tview.depth())));
        Map<String, GraphNode> tables = new LinkedHashMap<>();
        Map<List<String>, List<LineageRule>> edges = new LinkedHashMap<>();
        for (TviewInfo tview : tviews) {
            for (TviewSource source : tview.sources()) {
                if (!tviewNodes.containsKey(source.relation())) {
                    tables.computeIfAbsent(source.relation(), GraphNode::table);
                }
                edges.computeIfAbsent(List.of(source.relation(), tview.table()), edge -> new ArrayList<>())
                        .add(source.lineageRule());
            }
        }
        List<GraphNode> nodes = new ArrayList<>(tables.values());
        nodes.addAll(tviewNodes.values());
        return DependencyGraph.of(nodes, edges.entrySet().stream()
                .map(edge -> new ReadEdge(edge.getKey().get(0), edge.getKey().get(1), edge.getValue())).toList());
    }

    /**
     * The node name of a relation: nodes are named as {@code regclass} prints relations, so
     * {@code public.tb_user} is {@code tb_user} while {@code public} is on the search_path. Empty when
     * no such relation exists or the text is no relation name at all.
     */
    public static Optional<String> nodeName(Connection connection, String relation) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT to_regclass(?)::text")) {
            statement.setString(1, relation);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return Optional.ofNullable(rows.getString(1));
            }
        } catch (SQLException invalidName) {
            return Optional.empty();
        }
    }
}
