package io.tviewstudio.app.graph.render;

import io.tviewstudio.app.graph.model.GraphHighlight;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import io.tviewstudio.core.graph.ReadEdge;

/**
 * Colours and strokes of the graph drawing, as CSS hex strings, so that the canvas and the SVG
 * export draw the same picture. Decides per node and edge; knows nothing of JavaFX.
 */
public final class GraphStyle {

    public static final String BACKGROUND = "#f6f7f9";
    public static final String GRID_DOT = "#dde1e6";

    public static final String TABLE_FILL = "#eceff3";
    public static final String TABLE_BORDER = "#a3adb8";
    public static final String TVIEW_FILL = "#ffffff";
    public static final String TVIEW_BORDER = "#8fb0d6";
    public static final String IMMEDIATE_ACCENT = "#2f6fb5";
    public static final String DEFERRED_ACCENT = "#8a56c2";
    public static final String TITLE = "#1f2933";
    public static final String SUBTITLE = "#616e7c";

    public static final String EDGE = "#9aa5b1";
    public static final String CYCLE = "#d32f2f";
    public static final String SELECTED = "#e8590c";
    public static final String IMPACT = "#f59f00";
    public static final String IMPACT_FILL = "#fff4e0";

    public static final double CORNER = 8;
    public static final double ACCENT_WIDTH = 5;
    public static final double EDGE_WIDTH = 1.2;
    public static final double LIT_EDGE_WIDTH = 2.2;
    public static final double ARROW = 7;
    /** Opacity of what is not part of the selection's impact while something is selected. */
    public static final double DIMMED = 0.32;

    /** The live refresh-rate badge of a TVIEW: accent colour while it refreshes, grey while idle. */
    public static final String BADGE_ACTIVE_TEXT = "#ffffff";
    public static final String BADGE_IDLE_FILL = "#e4e7eb";
    public static final String BADGE_IDLE_TEXT = "#616e7c";
    public static final double BADGE_SIZE = 10;
    public static final double BADGE_HEIGHT = 16;
    public static final double BADGE_PADDING = 7;

    public static final double TITLE_SIZE = 12.5;
    public static final double SUBTITLE_SIZE = 11;

    private GraphStyle() {
    }

    public static String fill(GraphNode node, GraphHighlight highlight) {
        if (highlight.impact().contains(node.name()) && !highlight.isSelected(node.name())) {
            return IMPACT_FILL;
        }
        return node.isTview() ? TVIEW_FILL : TABLE_FILL;
    }

    public static String border(GraphNode node, GraphHighlight highlight, DependencyGraph dag) {
        if (highlight.isSelected(node.name())) {
            return SELECTED;
        }
        if (highlight.impact().contains(node.name())) {
            return IMPACT;
        }
        if (onCycle(node, dag)) {
            return CYCLE;
        }
        return node.isTview() ? TVIEW_BORDER : TABLE_BORDER;
    }

    public static double borderWidth(GraphNode node, GraphHighlight highlight) {
        return highlight.isSelected(node.name()) ? 2.5 : highlight.impact().contains(node.name()) ? 2 : 1;
    }

    /** The refresh-mode stripe at a TVIEW's left edge, or null for a table. */
    public static String accent(GraphNode node) {
        if (!node.isTview()) {
            return null;
        }
        return "deferred".equals(node.refreshMode()) ? DEFERRED_ACCENT : IMMEDIATE_ACCENT;
    }

    public static double opacity(GraphNode node, GraphHighlight highlight) {
        return !highlight.active() || highlight.isLit(node.name()) ? 1 : DIMMED;
    }

    public static String edgeColor(ReadEdge edge, GraphHighlight highlight, DependencyGraph dag) {
        if (dag.cycleEdges().contains(edge)) {
            return CYCLE;
        }
        return highlight.isLit(edge) ? IMPACT : EDGE;
    }

    public static double edgeWidth(ReadEdge edge, GraphHighlight highlight, DependencyGraph dag) {
        return highlight.isLit(edge) || dag.cycleEdges().contains(edge) ? LIT_EDGE_WIDTH : EDGE_WIDTH;
    }

    public static double edgeOpacity(ReadEdge edge, GraphHighlight highlight, DependencyGraph dag) {
        return !highlight.active() || highlight.isLit(edge) || dag.cycleEdges().contains(edge) ? 1 : DIMMED;
    }

    private static boolean onCycle(GraphNode node, DependencyGraph dag) {
        if (!dag.hasCycle()) {
            return false;
        }
        return dag.cycleEdges().stream().anyMatch(edge -> edge.source().equals(node.name()));
    }
}
