package io.tviewstudio.app.graph.render;

import io.tviewstudio.app.graph.model.DagLayout;

/** The arrowhead at an edge's end. */
final class Arrow {

    private Arrow() {
    }

    /** The triangle's corners {x0,y0,x1,y1,x2,y2}: the tip at {@code to}, pointing from {@code from}. */
    static double[] head(DagLayout.Point from, DagLayout.Point to) {
        double dx = to.x() - from.x();
        double dy = to.y() - from.y();
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            dx = 1;
            length = 1;
        }
        double ux = dx / length;
        double uy = dy / length;
        double size = GraphStyle.ARROW;
        double baseX = to.x() - ux * size;
        double baseY = to.y() - uy * size;
        double half = size * 0.5;
        return new double[] {to.x(), to.y(), baseX - uy * half, baseY + ux * half, baseX + uy * half, baseY - ux * half};
    }
}
