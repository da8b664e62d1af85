package io.tviewstudio.app.graph.render;

import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.GraphHighlight;
import io.tviewstudio.app.graph.model.NodeText;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a laid-out graph on a canvas: only what lies in the visible part of the drawing, and
 * without text once the zoom makes it unreadable, so that 1,000 nodes stay smooth.
 */
public final class DagPainter {

    /** Below this zoom the labels are too small to read and are not drawn. */
    static final double TEXT_MIN_SCALE = 0.35;
    private static final double GRID = 24;

    private final Font titleFont = Font.font("System", FontWeight.BOLD, GraphStyle.TITLE_SIZE);
    private final Font subtitleFont = Font.font("System", FontWeight.NORMAL, GraphStyle.SUBTITLE_SIZE);
    private final Font badgeFont = Font.font("System", FontWeight.BOLD, GraphStyle.BADGE_SIZE);
    private final Text measure = new Text();
    private final Map<String, Color> colors = new HashMap<>();
    private Map<String, Double> refreshRates = Map.of();
    private boolean grid = true;

    /** Whether to draw the dot grid behind the graph when zoomed in (on screen, not in exports). */
    public void setGrid(boolean show) {
        grid = show;
    }

    /** Live refreshes per second by TVIEW name; TVIEWs with a rate get a badge on their top edge. */
    public void setRefreshRates(Map<String, Double> rates) {
        refreshRates = Map.copyOf(rates);
    }

    /** What one frame drew, for the benchmark and tests. */
    public record Frame(int nodes, int edges, boolean text) {
    }

    /**
     * Paints the drawing scaled by {@code scale} and shifted by ({@code tx}, {@code ty}) into a
     * {@code width} x {@code height} area.
     */
    public Frame paint(GraphicsContext gc, DagLayout layout, GraphHighlight highlight,
                       double scale, double tx, double ty, double width, double height) {
        gc.save();
        gc.setGlobalAlpha(1);
        gc.setFill(color(GraphStyle.BACKGROUND));
        gc.fillRect(0, 0, width, height);

        double left = -tx / scale;
        double top = -ty / scale;
        double right = (width - tx) / scale;
        double bottom = (height - ty) / scale;
        if (grid && scale >= 0.6) {
            grid(gc, scale, tx, ty, left, top, right, bottom);
        }

        gc.translate(tx, ty);
        gc.scale(scale, scale);
        DependencyGraph dag = layout.dag();
        int edges = 0;
        gc.setLineJoin(StrokeLineJoin.ROUND);
        // Unlit edges first, so that highlighted and red ones are drawn on top.
        for (int pass = 0; pass < 2; pass++) {
            for (DagLayout.EdgePath path : layout.edges()) {
                boolean emphasised = highlight.isLit(path.edge()) || dag.cycleEdges().contains(path.edge());
                if (emphasised == (pass == 1) && path.intersects(left, top, right, bottom)) {
                    edge(gc, path, highlight, dag);
                    edges++;
                }
            }
        }
        boolean text = scale >= TEXT_MIN_SCALE;
        int nodes = 0;
        for (DagLayout.NodeBox box : layout.boxes()) {
            if (box.intersects(left, top, right, bottom)) {
                node(gc, box, highlight, dag, text);
                nodes++;
            }
        }
        gc.restore();
        return new Frame(nodes, edges, text);
    }

    private void grid(GraphicsContext gc, double scale, double tx, double ty,
                      double left, double top, double right, double bottom) {
        gc.setFill(color(GraphStyle.GRID_DOT));
        double dot = Math.max(1, 1.4 * scale);
        for (double x = Math.floor(left / GRID) * GRID; x <= right; x += GRID) {
            for (double y = Math.floor(top / GRID) * GRID; y <= bottom; y += GRID) {
                gc.fillRect(x * scale + tx, y * scale + ty, dot, dot);
            }
        }
    }

    private void edge(GraphicsContext gc, DagLayout.EdgePath path, GraphHighlight highlight, DependencyGraph dag) {
        Color color = color(GraphStyle.edgeColor(path.edge(), highlight, dag));
        gc.setGlobalAlpha(GraphStyle.edgeOpacity(path.edge(), highlight, dag));
        gc.setStroke(color);
        gc.setLineWidth(GraphStyle.edgeWidth(path.edge(), highlight, dag));
        List<DagLayout.Point> points = path.points();
        gc.beginPath();
        gc.moveTo(points.get(0).x(), points.get(0).y());
        for (int i = 1; i < points.size(); i++) {
            gc.lineTo(points.get(i).x(), points.get(i).y());
        }
        gc.stroke();
        double[] arrow = Arrow.head(points.get(points.size() - 2), points.get(points.size() - 1));
        gc.setFill(color);
        gc.fillPolygon(new double[] {arrow[0], arrow[2], arrow[4]}, new double[] {arrow[1], arrow[3], arrow[5]}, 3);
        gc.setGlobalAlpha(1);
    }

    private void node(GraphicsContext gc, DagLayout.NodeBox box, GraphHighlight highlight, DependencyGraph dag,
                      boolean text) {
        GraphNode node = box.node();
        gc.setGlobalAlpha(GraphStyle.opacity(node, highlight));
        double r = GraphStyle.CORNER * 2;
        if (highlight.isSelected(node.name())) {
            gc.setFill(color(GraphStyle.SELECTED).deriveColor(0, 1, 1, 0.18));
            gc.fillRoundRect(box.x() - 4, box.y() - 4, box.width() + 8, box.height() + 8, r + 8, r + 8);
        }
        gc.setFill(color(GraphStyle.fill(node, highlight)));
        gc.fillRoundRect(box.x(), box.y(), box.width(), box.height(), r, r);
        String accent = GraphStyle.accent(node);
        if (accent != null) {
            // A path, not a clip: canvas clips cost a full-size mask each and make 1,000 nodes crawl.
            double radius = GraphStyle.CORNER;
            double x = box.x();
            double y = box.y();
            double right = x + GraphStyle.ACCENT_WIDTH;
            gc.setFill(color(accent));
            gc.beginPath();
            gc.moveTo(right, y);
            gc.lineTo(x + radius, y);
            gc.arcTo(x, y, x, y + radius, radius);
            gc.lineTo(x, y + box.height() - radius);
            gc.arcTo(x, y + box.height(), x + radius, y + box.height(), radius);
            gc.lineTo(right, y + box.height());
            gc.closePath();
            gc.fill();
        }
        gc.setStroke(color(GraphStyle.border(node, highlight, dag)));
        gc.setLineWidth(GraphStyle.borderWidth(node, highlight));
        gc.strokeRoundRect(box.x(), box.y(), box.width(), box.height(), r, r);
        if (text) {
            double x = box.x() + NodeGeometry.textInset(node);
            gc.setTextAlign(TextAlignment.LEFT);
            gc.setTextBaseline(VPos.BASELINE);
            gc.setFont(titleFont);
            gc.setFill(color(GraphStyle.TITLE));
            gc.fillText(node.name(), x, NodeGeometry.titleBaseline(box));
            gc.setFont(subtitleFont);
            gc.setFill(color(GraphStyle.SUBTITLE));
            gc.fillText(NodeText.subtitle(node), x, NodeGeometry.subtitleBaseline(box));
            Double rate = node.isTview() ? refreshRates.get(node.name()) : null;
            if (rate != null) {
                rateBadge(gc, box, rate);
            }
        }
        gc.setGlobalAlpha(1);
    }

    /**
     * A pill on the node's top edge, right-aligned, with the live refresh rate: coloured while the
     * TVIEW refreshes, grey while idle. It sits over the border (half outside the box) so that it
     * needs no room in the layout, which does not change as the numbers do.
     */
    private void rateBadge(GraphicsContext gc, DagLayout.NodeBox box, double rate) {
        String text = NodeText.refreshRate(rate);
        measure.setFont(badgeFont);
        measure.setText(text);
        double width = Math.ceil(measure.getLayoutBounds().getWidth()) + 2 * GraphStyle.BADGE_PADDING;
        double height = GraphStyle.BADGE_HEIGHT;
        double x = box.x() + box.width() - width - 8;
        double y = box.y() - height / 2;
        boolean active = rate > 0;
        gc.setFill(color(active ? GraphStyle.accent(box.node()) : GraphStyle.BADGE_IDLE_FILL));
        gc.fillRoundRect(x, y, width, height, height, height);
        gc.setFill(color(active ? GraphStyle.BADGE_ACTIVE_TEXT : GraphStyle.BADGE_IDLE_TEXT));
        gc.setFont(badgeFont);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, x + width / 2, y + height / 2);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.BASELINE);
    }

    private Color color(String hex) {
        return colors.computeIfAbsent(hex, Color::web);
    }
}
