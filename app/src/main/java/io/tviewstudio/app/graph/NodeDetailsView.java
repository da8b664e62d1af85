package io.tviewstudio.app.graph;

import java.util.List;
import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The panel beside the graph that describes the selected node, as tall as the graph; what does not
 * fit scrolls, and the definition shows all its lines.
 */
final class NodeDetailsView extends VBox {

    private final Label name = new Label();
    private final Label kind = new Label();
    private final GridPane facts = new GridPane();
    private final VBox sections = new VBox(10);

    private final Runnable edit;
    private final Runnable inspect;

    static final double WIDTH = 300;

    NodeDetailsView(ObservableValue<NodeDetails> details, Runnable close, Runnable edit, Runnable inspect) {
        this.edit = edit;
        this.inspect = inspect;
        setId("graphDetails");
        getStyleClass().add("graph-details");
        setMinWidth(WIDTH);
        setMaxWidth(WIDTH);
        setPrefWidth(WIDTH);

        name.setId("detailsName");
        name.getStyleClass().add("graph-details-name");
        name.setWrapText(true);
        kind.setId("detailsKind");
        kind.getStyleClass().add("graph-details-kind");
        Button closeButton = new Button("\u2715");
        closeButton.setId("detailsClose");
        closeButton.getStyleClass().add("graph-details-close");
        closeButton.setOnAction(event -> close.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, kind, spacer, closeButton);
        header.setAlignment(Pos.CENTER_LEFT);

        facts.setId("detailsFacts");
        facts.getStyleClass().add("graph-details-facts");
        facts.setHgap(12);
        facts.setVgap(4);

        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("graph-details-scroll");
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        VBox.setVgrow(scroll, Priority.ALWAYS);

        getChildren().addAll(header, name, facts, scroll);
        visibleProperty().bind(details.map(value -> true).orElse(false));
        managedProperty().bind(visibleProperty());
        details.addListener((observable, old, value) -> show(value));
        show(details.getValue());
    }

    private void show(NodeDetails details) {
        if (details == null) {
            return;
        }
        name.setText(details.name());
        kind.setText(details.kind().toUpperCase(Locale.ROOT));
        kind.getStyleClass().setAll("graph-details-kind",
                "TVIEW".equals(details.kind()) ? "graph-details-kind-tview" : "graph-details-kind-table");
        facts.getChildren().clear();
        int row = 0;
        for (NodeDetails.Fact fact : details.facts()) {
            Label label = new Label(fact.label());
            label.getStyleClass().add("graph-details-label");
            Label value = new Label(fact.value());
            value.setId(factId(fact.label()));
            value.getStyleClass().add("graph-details-value");
            facts.addRow(row++, label, value);
        }
        sections.getChildren().clear();
        if ("TVIEW".equals(details.kind())) {
            Button inspectButton = new Button("Inspect rows");
            inspectButton.setId("detailsInspectRows");
            inspectButton.getStyleClass().add("graph-details-edit");
            inspectButton.setOnAction(event -> inspect.run());
            sections.getChildren().add(inspectButton);
        }
        section("detailsSources", "Reads", details.sources());
        section("detailsReaders", "Read by", details.readers());
        section("detailsImpact", "A write here refreshes", details.impact());
        if (!details.definition().isEmpty()) {
            TextArea definition = new TextArea(details.definition());
            definition.setId("detailsDefinition");
            definition.getStyleClass().add("graph-details-definition");
            definition.setEditable(false);
            definition.setWrapText(false);
            // Every line (the panel scrolls), and two rows' room for the scroll bar of lines wider than
            // the box: one row of DejaVu Sans Mono (the Monospaced font on Debian) is lower than the bar.
            definition.setPrefRowCount((int) details.definition().lines().count() + 2);
            definition.setMinHeight(Region.USE_PREF_SIZE);
            Button editButton = new Button("Edit definition");
            editButton.setId("detailsEditDefinition");
            editButton.getStyleClass().add("graph-details-edit");
            editButton.setOnAction(event -> edit.run());
            // The action above the text, so that it is in view without scrolling a long panel.
            sections.getChildren().addAll(heading("Definition"), editButton, definition);
        }
    }

    /** {@code Refresh mode} becomes {@code detailsRefreshMode}. */
    static String factId(String label) {
        StringBuilder id = new StringBuilder("details");
        for (String word : label.split(" ")) {
            if (!word.isEmpty()) {
                id.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return id.toString();
    }

    private void section(String id, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        VBox list = new VBox(2);
        list.setId(id);
        for (String line : lines) {
            Label item = new Label(line);
            item.getStyleClass().add("graph-details-item");
            item.setWrapText(true);
            list.getChildren().add(item);
        }
        sections.getChildren().addAll(heading(title), list);
    }

    private static Label heading(String text) {
        Label heading = new Label(text);
        heading.getStyleClass().add("graph-details-heading");
        return heading;
    }
}
