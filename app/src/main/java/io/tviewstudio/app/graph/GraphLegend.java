package io.tviewstudio.app.graph;

import io.tviewstudio.app.graph.render.GraphStyle;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/**
 * The key in the graph's bottom left corner: what the node and edge colours mean. One line where
 * the pane is wide enough, wrapped onto more lines (never cut off) where it is not.
 */
final class GraphLegend extends FlowPane {

    private double available = Double.MAX_VALUE;

    GraphLegend() {
        setId("graphLegend");
        getStyleClass().add("graph-legend");
        setAlignment(Pos.CENTER_LEFT);
        setRowValignment(javafx.geometry.VPos.CENTER);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setMouseTransparent(true);
        getChildren().addAll(
                entry(box(GraphStyle.TABLE_FILL, GraphStyle.TABLE_BORDER), "base table"),
                entry(box(GraphStyle.IMMEDIATE_ACCENT, GraphStyle.IMMEDIATE_ACCENT), "TVIEW, immediate"),
                entry(box(GraphStyle.DEFERRED_ACCENT, GraphStyle.DEFERRED_ACCENT), "TVIEW, deferred"),
                entry(line(GraphStyle.IMPACT), "impact of selection"),
                entry(line(GraphStyle.CYCLE), "cycle"));
    }

    /** The width the legend may take (the graph's width less its margins); it wraps to fit. */
    void fitWithin(double width) {
        available = Math.max(0, width);
        setPrefWrapLength(available);
        requestLayout();
    }

    /** As wide as its entries on one line, or the width it may take when that is less. */
    @Override
    protected double computePrefWidth(double height) {
        double oneLine = snappedLeftInset() + snappedRightInset() + getHgap() * (getChildren().size() - 1);
        for (Node entry : getChildren()) {
            oneLine += entry.prefWidth(-1);
        }
        double widest = snappedLeftInset() + snappedRightInset()
                + getChildren().stream().mapToDouble(entry -> entry.prefWidth(-1)).max().orElse(0);
        return Math.max(widest, Math.min(oneLine, available));
    }

    private static HBox entry(Node swatch, String text) {
        Label label = new Label(text);
        label.getStyleClass().add("graph-legend-label");
        label.setMinWidth(USE_PREF_SIZE);
        HBox entry = new HBox(5, swatch, label);
        entry.setAlignment(Pos.CENTER_LEFT);
        entry.setMinWidth(USE_PREF_SIZE);
        return entry;
    }

    private static Rectangle box(String fill, String stroke) {
        Rectangle box = new Rectangle(12, 10, Color.web(fill));
        box.setStroke(Color.web(stroke));
        box.setArcWidth(4);
        box.setArcHeight(4);
        return box;
    }

    private static Line line(String color) {
        Line line = new Line(0, 0, 16, 0);
        line.setStroke(Color.web(color));
        line.setStrokeWidth(2.2);
        return line;
    }
}
