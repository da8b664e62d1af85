package io.tviewstudio.app.graph;

import io.tviewstudio.app.graph.render.GraphStyle;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;

/** The key in the graph's bottom left corner: what the node and edge colours mean. */
final class GraphLegend extends HBox {

    GraphLegend() {
        super(14);
        setId("graphLegend");
        getStyleClass().add("graph-legend");
        setAlignment(Pos.CENTER_LEFT);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        setMouseTransparent(true);
        getChildren().addAll(
                entry(box(GraphStyle.TABLE_FILL, GraphStyle.TABLE_BORDER), "base table"),
                entry(box(GraphStyle.IMMEDIATE_ACCENT, GraphStyle.IMMEDIATE_ACCENT), "TVIEW, immediate"),
                entry(box(GraphStyle.DEFERRED_ACCENT, GraphStyle.DEFERRED_ACCENT), "TVIEW, deferred"),
                entry(line(GraphStyle.IMPACT), "impact of selection"),
                entry(line(GraphStyle.CYCLE), "cycle"));
    }

    private static HBox entry(javafx.scene.Node swatch, String text) {
        Label label = new Label(text);
        label.getStyleClass().add("graph-legend-label");
        HBox entry = new HBox(5, swatch, label);
        entry.setAlignment(Pos.CENTER_LEFT);
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
