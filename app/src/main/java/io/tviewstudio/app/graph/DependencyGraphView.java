package io.tviewstudio.app.graph;

import io.tviewstudio.app.graph.render.PngWriter;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import javafx.stage.FileChooser;

/**
 * The "Dependency graph" pane: a toolbar (search, zoom, export), the graph canvas with the
 * selected node's details and a legend over it, or a hint while there is nothing to draw.
 * Forwards events to {@link DependencyGraphViewModel}; the canvas keeps only zoom and offset.
 */
public final class DependencyGraphView extends VBox {

    /** Between the graph's edges and what floats over it (legend, details). */
    private static final double MARGIN = 10;

    /** The search box never gets narrower than this (about ten characters). */
    static final double SEARCH_MIN_WIDTH = 90;

    /** The export formats the menu offers. */
    public enum Format { PNG, SVG }

    private final DependencyGraphViewModel viewModel;
    private final DagCanvas canvas = new DagCanvas();
    private final TextField search = new TextField();

    public DependencyGraphView(DependencyGraphViewModel viewModel) {
        this.viewModel = viewModel;
        setId("dependencyGraphPane");
        getStyleClass().addAll("placeholder-pane", "graph-pane");

        canvas.setOnNodeClicked(viewModel::select);
        canvas.setGraphLayout(viewModel.layoutProperty().get());
        viewModel.layoutProperty().addListener((observable, old, layout) -> canvas.setGraphLayout(layout));
        canvas.setHighlight(viewModel.highlightProperty().get());
        viewModel.highlightProperty().addListener((observable, old, highlight) -> canvas.setHighlight(highlight));
        canvas.visibleProperty().bind(viewModel.emptyProperty().not());
        viewModel.refreshRatesProperty().subscribe(canvas::setRefreshRates);

        Label hint = new Label();
        hint.setId("dependencyGraphHint");
        hint.getStyleClass().add("placeholder-hint");
        hint.setWrapText(true);
        hint.setTextAlignment(TextAlignment.CENTER);
        hint.textProperty().bind(viewModel.hintProperty());
        hint.visibleProperty().bind(viewModel.emptyProperty());

        Label layingOut = new Label("Laying out the graph\u2026");
        layingOut.setId("graphLayingOut");
        layingOut.getStyleClass().add("graph-busy");
        layingOut.visibleProperty().bind(viewModel.layingOutProperty());

        NodeDetailsView details = new NodeDetailsView(viewModel.detailsProperty(), () -> viewModel.select(""),
                viewModel::editSelectedDefinition, viewModel::inspectSelectedRows);
        GraphLegend legend = new GraphLegend();
        legend.visibleProperty().bind(viewModel.emptyProperty().not());
        StackPane.setAlignment(legend, Pos.BOTTOM_LEFT);
        StackPane.setMargin(legend, new Insets(MARGIN));
        StackPane.setAlignment(layingOut, Pos.TOP_CENTER);
        StackPane.setMargin(layingOut, new Insets(10));

        StackPane body = new StackPane(canvas, hint, layingOut, legend);
        body.setId("graphBody");
        body.widthProperty().subscribe(width -> legend.fitWithin(width.doubleValue() - 2 * MARGIN));
        body.setMinSize(0, 0);
        // The details beside the graph, not over it: the nodes they highlight stay in view.
        HBox.setHgrow(body, Priority.ALWAYS);
        HBox.setMargin(details, new Insets(MARGIN, MARGIN, MARGIN, 0));
        HBox graphAndDetails = new HBox(body, details);
        graphAndDetails.setMinSize(0, 0);
        VBox.setVgrow(graphAndDetails, Priority.ALWAYS);
        getChildren().addAll(header(), graphAndDetails);
    }

    private GraphToolbar header() {
        Label heading = new Label("Dependency graph");
        heading.setId("dependencyGraphPaneTitle");
        heading.getStyleClass().add("graph-title");

        search.setId("graphSearch");
        search.setPromptText("Find a table or TVIEW");
        search.setPrefColumnCount(16);
        search.setMinWidth(SEARCH_MIN_WIDTH);
        search.getStyleClass().add("graph-search");
        HBox.setHgrow(search, Priority.SOMETIMES);
        search.setOnAction(event -> find());

        Label message = new Label();
        message.setId("graphMessage");
        message.getStyleClass().add("graph-message");
        message.textProperty().bind(viewModel.messageProperty());
        message.setMinWidth(0);

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        List<Control> buttons = List.of(
                button("graphZoomOut", "\u2212", "Zoom out (Ctrl+\u2212)", this::zoomOut),
                button("graphZoomIn", "+", "Zoom in (Ctrl++)", this::zoomIn),
                button("graphFit", "Fit", "Show the whole graph (Ctrl+0)", this::fit),
                exportButton());
        // In a narrow pane the search box and the message give way, never the buttons' labels.
        buttons.forEach(button -> button.setMinWidth(Region.USE_PREF_SIZE));
        HBox tools = new HBox(6, search, message, spacer);
        tools.getChildren().addAll(buttons);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.disableProperty().bind(viewModel.emptyProperty());
        GraphToolbar header = new GraphToolbar(heading, tools);
        header.setId("graphToolbar");
        header.getStyleClass().addAll("placeholder-title", "graph-toolbar");
        return header;
    }

    private static Button button(String id, String text, String tooltip, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.getStyleClass().add("graph-tool");
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(event -> action.run());
        return button;
    }

    private MenuButton exportButton() {
        MenuItem png = new MenuItem("PNG image\u2026");
        png.setId("graphExportPng");
        png.setOnAction(event -> chooseAndExport(Format.PNG));
        MenuItem svg = new MenuItem("SVG drawing\u2026");
        svg.setId("graphExportSvg");
        svg.setOnAction(event -> chooseAndExport(Format.SVG));
        MenuButton export = new MenuButton("Export", null, png, svg);
        export.setId("graphExport");
        export.getStyleClass().add("graph-tool");
        return export;
    }

    public DagCanvas canvas() {
        return canvas;
    }

    /** Selects the best match for the search box's text and brings it into view. */
    public void find() {
        viewModel.search(search.getText()).ifPresent(canvas::centerOn);
    }

    /** Puts the cursor in the search box. */
    public void focusSearch() {
        search.requestFocus();
        search.selectAll();
    }

    public void zoomIn() {
        canvas.zoomIn();
    }

    public void zoomOut() {
        canvas.zoomOut();
    }

    public void fit() {
        canvas.fit();
    }

    /** Writes the whole graph as a PNG image (twice the screen resolution where it fits). */
    public boolean exportPng(Path file) {
        WritableImage image = canvas.renderWholeGraph();
        return viewModel.exportPng(file, () -> PngWriter.encode(image));
    }

    public boolean exportSvg(Path file) {
        return viewModel.exportSvg(file);
    }

    /** Asks for a file name, then exports. */
    public void chooseAndExport(Format format) {
        String extension = format.name().toLowerCase(java.util.Locale.ROOT);
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the dependency graph");
        chooser.setInitialFileName("tview-graph." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.name(), "*." + extension));
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file != null) {
            if (format == Format.PNG) {
                exportPng(file.toPath());
            } else {
                exportSvg(file.toPath());
            }
        }
    }
}
