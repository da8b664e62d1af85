package io.tviewstudio.app;

import io.tviewstudio.app.connection.ConnectionBanner;
import io.tviewstudio.app.editor.DefinitionEditorView;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.graph.DependencyGraphView;
import io.tviewstudio.app.load.LoadGeneratorView;
import io.tviewstudio.app.metrics.MetricsView;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** The main window's layout: menu bar, the three work areas and the status bar. Forwards events only. */
public final class MainWindowView extends BorderPane {

    private final DependencyGraphView graph;
    private final DefinitionEditorView editor;

    public MainWindowView(MainWindowViewModel viewModel) {
        setId("mainWindow");
        graph = new DependencyGraphView(viewModel.dependencyGraph());
        editor = new DefinitionEditorView(viewModel.editor());
        setTop(new VBox(menuBar(viewModel, graph, editor, this::window), new ConnectionBanner(viewModel.database())));
        setCenter(tabs(viewModel, workArea(graph, editor), new MetricsView(viewModel.metrics(),
                new LoadGeneratorView(viewModel.loadGenerator()))));
        setBottom(statusBar(viewModel));
        viewModel.dependencyGraph().setOnInspectRows(table -> DatabaseMenu.inspector(viewModel, window(), table).show());
        viewModel.setOnBringForward(() -> {
            if (window() instanceof Stage stage) {
                stage.toFront();
            }
        });
    }

    /** The window showing this view; null before it is shown. */
    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    public DependencyGraphView graph() {
        return graph;
    }

    public DefinitionEditorView editor() {
        return editor;
    }

    private static MenuBar menuBar(MainWindowViewModel viewModel, DependencyGraphView graph, DefinitionEditorView editor,
                                   Supplier<Window> window) {
        MenuItem connect = item("connectMenuItem", "Connect\u2026", viewModel::connect);
        connect.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+C"));
        MenuItem openDemo = item("openDemoMenuItem", "Open demo database", viewModel::openDemoDatabase);
        MenuItem info = item("connectionInfoMenuItem", "Connection info\u2026", viewModel::showConnectionInfo);
        openDemo.disableProperty().bind(viewModel.openDemoDisabledProperty());
        MenuItem quit = item("quitMenuItem", "Quit", viewModel::quit);
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        Menu file = new Menu("File", null, connect, openDemo, info, new SeparatorMenuItem(), quit);
        file.setId("fileMenu");

        MenuItem documentation = item("documentationMenuItem", "Documentation", viewModel::showDocumentation);
        documentation.setAccelerator(KeyCombination.keyCombination("F1"));
        Menu help = new Menu("Help", null, documentation, new SeparatorMenuItem(),
                item("aboutMenuItem", "About", viewModel::showAbout));
        help.setId("helpMenu");

        MenuBar menuBar = new MenuBar(file, definitionMenu(viewModel, editor), graphMenu(viewModel, graph),
                DatabaseMenu.create(viewModel, window), help);
        menuBar.setId("menuBar");
        return menuBar;
    }

    private static Menu definitionMenu(MainWindowViewModel viewModel, DefinitionEditorView editor) {
        MenuItem open = item("definitionOpenMenuItem", "Open\u2026", editor::chooseAndOpen);
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        MenuItem save = item("definitionSaveMenuItem", "Save", editor::save);
        save.setAccelerator(KeyCombination.keyCombination("Shortcut+S"));
        MenuItem saveAs = item("definitionSaveAsMenuItem", "Save as\u2026", editor::saveAs);
        saveAs.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+S"));
        MenuItem validate = item("definitionValidateMenuItem", "Check now", viewModel.editor()::validateNow);
        MenuItem preview = item("definitionPreviewMenuItem", "Preview", editor::preview);
        preview.setAccelerator(KeyCombination.keyCombination("Shortcut+P"));
        MenuItem install = item("definitionInstallMenuItem", "Install", editor::install);
        install.textProperty().bind(viewModel.editor().installLabelProperty());
        install.setAccelerator(KeyCombination.keyCombination("Shortcut+Shift+I"));
        preview.disableProperty().bind(viewModel.editor().noDatabaseProperty());
        install.disableProperty().bind(viewModel.editor().noDatabaseProperty());
        Menu menu = new Menu("Definition", null, open, save, saveAs, new SeparatorMenuItem(), validate, preview, install);
        menu.setId("definitionMenu");
        return menu;
    }

    private static Menu graphMenu(MainWindowViewModel viewModel, DependencyGraphView graph) {
        MenuItem find = item("graphFindMenuItem", "Find\u2026", graph::focusSearch);
        find.setAccelerator(KeyCombination.keyCombination("Shortcut+F"));
        MenuItem zoomIn = item("graphZoomInMenuItem", "Zoom in", graph::zoomIn);
        zoomIn.setAccelerator(KeyCombination.keyCombination("Shortcut+Equals"));
        MenuItem zoomOut = item("graphZoomOutMenuItem", "Zoom out", graph::zoomOut);
        zoomOut.setAccelerator(KeyCombination.keyCombination("Shortcut+Minus"));
        MenuItem fit = item("graphFitMenuItem", "Fit to window", graph::fit);
        fit.setAccelerator(KeyCombination.keyCombination("Shortcut+0"));
        MenuItem png = item("graphExportPngMenuItem", "Export as PNG\u2026",
                () -> graph.chooseAndExport(DependencyGraphView.Format.PNG));
        MenuItem svg = item("graphExportSvgMenuItem", "Export as SVG\u2026",
                () -> graph.chooseAndExport(DependencyGraphView.Format.SVG));
        Menu menu = new Menu("Graph", null, find, new SeparatorMenuItem(), zoomIn, zoomOut, fit,
                new SeparatorMenuItem(), png, svg);
        menu.setId("graphMenu");
        menu.getItems().forEach(menuItem -> menuItem.disableProperty()
                .bind(viewModel.dependencyGraph().emptyProperty()));
        // Refresh works on an empty graph too: TVIEWs created elsewhere appear.
        MenuItem refresh = item("graphRefreshMenuItem", "Refresh", viewModel::refreshCatalog);
        refresh.setAccelerator(KeyCombination.keyCombination("F5"));
        refresh.disableProperty().bind(viewModel.database().stateProperty().isNotEqualTo(DatabaseViewModel.State.CONNECTED));
        menu.getItems().addAll(new SeparatorMenuItem(), refresh);
        return menu;
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(event -> action.run());
        return item;
    }

    /**
     * Design (graph and editor) and Metrics (live charts, the demo's load generator) as two tabs; the
     * selected one follows the view-model's work area, and a tab the user picks sets it.
     */
    private static TabPane tabs(MainWindowViewModel viewModel, SplitPane design, MetricsView metrics) {
        Tab designTab = new Tab("Design", design);
        designTab.setId("designTab");
        Tab metricsTab = new Tab("Metrics", metrics);
        metricsTab.setId("metricsTab");
        TabPane tabs = new TabPane(designTab, metricsTab);
        tabs.setId("mainTabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        ObjectProperty<MainWindowViewModel.WorkArea> workArea = viewModel.workAreaProperty();
        workArea.subscribe(area -> tabs.getSelectionModel().select(area == MainWindowViewModel.WorkArea.METRICS ? metricsTab : designTab));
        tabs.getSelectionModel().selectedItemProperty().subscribe(tab -> workArea.set(
                tab == metricsTab ? MainWindowViewModel.WorkArea.METRICS : MainWindowViewModel.WorkArea.DESIGN));
        return tabs;
    }


    private static SplitPane workArea(DependencyGraphView graph, DefinitionEditorView editor) {
        SplitPane workArea = new SplitPane(graph, editor);
        workArea.setId("workArea");
        // The graph is the widest content: it gets most of the window.
        workArea.setDividerPositions(0.56);
        return workArea;
    }

    private static HBox statusBar(MainWindowViewModel viewModel) {
        Label status = new Label();
        status.setId("statusText");
        status.textProperty().bind(viewModel.statusTextProperty());

        ProgressBar progress = new ProgressBar();
        progress.setId("statusProgress");
        progress.setPrefWidth(160);
        progress.progressProperty().bind(viewModel.progressProperty());
        progress.visibleProperty().bind(viewModel.busyProperty());
        progress.managedProperty().bind(viewModel.busyProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        HBox statusBar = new HBox(8, status, spacer, progress);
        statusBar.setAlignment(Pos.CENTER_LEFT);
        statusBar.setId("statusBar");
        statusBar.getStyleClass().add("status-bar");
        return statusBar;
    }
}
