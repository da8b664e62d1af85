package io.tviewstudio.app.graph.layout;

import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import io.tviewstudio.core.graph.ReadEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays a dependency graph out in layers with Eclipse ELK's layered (Sugiyama) algorithm: sources
 * on the left, each TVIEW right of everything it reads, crossings reduced, edges routed
 * orthogonally. ELK breaks cycles itself, so a graph with a cycle still gets a layout.
 * Thread-safe; call it off the FX thread for big graphs (1,000 nodes take about a second).
 */
public final class ElkLayeredLayout {

    private static final double MARGIN = 24;

    static {
        // Outside Eclipse nothing registers the algorithm; the engine looks it up by id.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    public DagLayout layout(DependencyGraph dag) {
        if (dag.isEmpty()) {
            return new DagLayout(dag, List.of(), List.of(), 0, 0);
        }
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 18.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 8.0);
        root.setProperty(LayeredOptions.SPACING_COMPONENT_COMPONENT, 36.0);
        if (dag.size() > 300) {
            // Fewer crossing-minimisation sweeps: the default (7) costs seconds at 1,000 nodes for
            // little visible gain.
            root.setProperty(LayeredOptions.THOROUGHNESS, 2);
        }

        Map<String, ElkNode> elkNodes = new HashMap<>();
        for (GraphNode node : dag.graphNodes()) {
            ElkNode elkNode = ElkGraphUtil.createNode(root);
            elkNode.setIdentifier(node.name());
            elkNode.setDimensions(NodeSizes.width(node), NodeSizes.height(node));
            elkNodes.put(node.name(), elkNode);
        }
        Map<ElkEdge, ReadEdge> elkEdges = new HashMap<>();
        for (ReadEdge edge : dag.graphEdges()) {
            elkEdges.put(ElkGraphUtil.createSimpleEdge(elkNodes.get(edge.source()), elkNodes.get(edge.reader())), edge);
        }

        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<DagLayout.NodeBox> boxes = new ArrayList<>(dag.size());
        for (GraphNode node : dag.graphNodes()) {
            ElkNode elkNode = elkNodes.get(node.name());
            boxes.add(new DagLayout.NodeBox(node, elkNode.getX() + MARGIN, elkNode.getY() + MARGIN,
                    elkNode.getWidth(), elkNode.getHeight()));
        }
        List<DagLayout.EdgePath> paths = new ArrayList<>(elkEdges.size());
        for (ElkEdge elkEdge : root.getContainedEdges()) {
            ReadEdge edge = elkEdges.get(elkEdge);
            if (edge != null && !elkEdge.getSections().isEmpty()) {
                paths.add(new DagLayout.EdgePath(edge, points(elkEdge.getSections().get(0))));
            }
        }
        return new DagLayout(dag, boxes, paths, root.getWidth() + 2 * MARGIN, root.getHeight() + 2 * MARGIN);
    }

    private static List<DagLayout.Point> points(ElkEdgeSection section) {
        List<DagLayout.Point> points = new ArrayList<>();
        points.add(new DagLayout.Point(section.getStartX() + MARGIN, section.getStartY() + MARGIN));
        for (ElkBendPoint bend : section.getBendPoints()) {
            points.add(new DagLayout.Point(bend.getX() + MARGIN, bend.getY() + MARGIN));
        }
        points.add(new DagLayout.Point(section.getEndX() + MARGIN, section.getEndY() + MARGIN));
        return points;
    }
}
