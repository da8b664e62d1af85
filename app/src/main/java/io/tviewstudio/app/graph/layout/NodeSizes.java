package io.tviewstudio.app.graph.layout;

import io.tviewstudio.app.graph.model.NodeText;
import io.tviewstudio.core.graph.GraphNode;

/**
 * Node box sizes, estimated from the label lengths so that layout needs no JavaFX text
 * measurement (it runs off the FX thread). The painters draw with fonts whose average glyph width
 * stays under these per-character widths.
 */
public final class NodeSizes {

    public static final double TABLE_HEIGHT = 40;
    public static final double TVIEW_HEIGHT = 48;
    static final double MIN_WIDTH = 128;
    static final double TITLE_CHAR = 7.6;
    static final double SUBTITLE_CHAR = 6.4;
    static final double PADDING = 32;

    private NodeSizes() {
    }

    public static double width(GraphNode node) {
        double title = node.name().length() * TITLE_CHAR;
        double subtitle = NodeText.subtitle(node).length() * SUBTITLE_CHAR;
        return Math.ceil(Math.max(MIN_WIDTH, Math.max(title, subtitle) + PADDING));
    }

    public static double height(GraphNode node) {
        return node.isTview() ? TVIEW_HEIGHT : TABLE_HEIGHT;
    }
}
