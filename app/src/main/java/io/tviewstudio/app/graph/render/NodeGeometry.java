package io.tviewstudio.app.graph.render;

import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.core.graph.GraphNode;

/** Where a node's two text lines sit inside its box. */
final class NodeGeometry {

    private NodeGeometry() {
    }

    static double textInset(GraphNode node) {
        return node.isTview() ? GraphStyle.ACCENT_WIDTH + 11 : 12;
    }

    static double titleBaseline(DagLayout.NodeBox box) {
        return box.y() + box.height() / 2 - 2;
    }

    static double subtitleBaseline(DagLayout.NodeBox box) {
        return box.y() + box.height() / 2 + 13;
    }
}
