package io.tviewstudio.app.inspect;

import io.tviewstudio.app.tools.ToolViews;
import io.tviewstudio.core.inspect.RowFilter;
import io.tviewstudio.core.inspect.RowSummary;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The row inspector window: search and the page of rows above; the selected row's stored and
 * view trees side by side, its differences and source rows, and "Repair this row" below.
 * Forwards events only.
 */
public final class InspectorView extends VBox {

    public InspectorView(InspectorViewModel viewModel) {
        getStyleClass().add("tool-pane");
        SplitPane split = new SplitPane(rows(viewModel), row(viewModel));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.32);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(ToolViews.note("Read-only: pages are read in READ ONLY transactions, a page at a time by key. "
                        + "\u201cRepair this row\u201d is the only write, and asks first."),
                searchBar(viewModel), split,
                ToolViews.jobBar(viewModel.job(), "inspect"), ToolViews.errorBox(viewModel.job(), "inspect"),
                ToolViews.jobBar(viewModel.rowJob(), "inspectRow"), ToolViews.errorBox(viewModel.rowJob(), "inspectRow"));
    }

    private static HBox searchBar(InspectorViewModel viewModel) {
        ChoiceBox<String> tview = new ChoiceBox<>(viewModel.tviews());
        tview.setId("inspectTview");
        tview.valueProperty().bindBidirectional(viewModel.tviewProperty());
        ChoiceBox<RowFilter.Mode> mode = new ChoiceBox<>();
        mode.setId("inspectSearchMode");
        mode.getItems().addAll(RowFilter.Mode.KEY, RowFilter.Mode.JSON_PATH);
        mode.setConverter(new StringConverter<>() {
            @Override
            public String toString(RowFilter.Mode value) {
                return value == RowFilter.Mode.JSON_PATH ? "JSON path" : "Key (pk or id)";
            }

            @Override
            public RowFilter.Mode fromString(String text) {
                return "JSON path".equals(text) ? RowFilter.Mode.JSON_PATH : RowFilter.Mode.KEY;
            }
        });
        mode.valueProperty().bindBidirectional(viewModel.searchModeProperty());
        TextField field = new TextField();
        field.setId("inspectSearchField");
        field.setPromptText("42, a uuid, or $.author ? (@.name == \"alice\")");
        field.textProperty().bindBidirectional(viewModel.searchTextProperty());
        field.setOnAction(event -> viewModel.search());
        HBox.setHgrow(field, Priority.ALWAYS);
        Button search = button("inspectSearch", "Search", viewModel::search);
        Button all = button("inspectShowAll", "Show all", viewModel::showAll);
        search.disableProperty().bind(viewModel.job().runningProperty());
        all.disableProperty().bind(viewModel.job().runningProperty());
        HBox bar = new HBox(8, new Label("TVIEW"), tview, mode, field, search, all);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static VBox rows(InspectorViewModel viewModel) {
        TableView<RowSummary> table = new TableView<>(viewModel.rows());
        table.setId("inspectRows");
        table.getColumns().add(column("pk", 70, row -> Long.toString(row.pk())));
        table.getColumns().add(column("id", 270, RowSummary::id));
        table.getColumns().add(column("data", 560, RowSummary::summary));
        table.getColumns().add(column("bytes", 70, row -> Integer.toString(row.dataBytes())));
        table.setPlaceholder(new Label("No rows."));
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, row) -> viewModel.selectedProperty().set(row));
        viewModel.selectedProperty().addListener((observable, old, row) -> {
            if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        Button previous = button("inspectPrevious", "\u2190 Previous", viewModel::previousPage);
        previous.disableProperty().bind(viewModel.hasPreviousProperty().not().or(viewModel.job().runningProperty()));
        Button next = button("inspectNext", "Next \u2192", viewModel::nextPage);
        next.disableProperty().bind(viewModel.hasNextProperty().not().or(viewModel.job().runningProperty()));
        Label info = ToolViews.bound("inspectPageInfo", viewModel.pageInfoProperty(), "tool-source");
        ChoiceBox<Integer> size = new ChoiceBox<>();
        size.setId("inspectPageSize");
        size.getItems().setAll(InspectorViewModel.PAGE_SIZES);
        size.valueProperty().bindBidirectional(viewModel.pageSizeProperty());
        size.disableProperty().bind(viewModel.job().runningProperty());
        HBox pager = new HBox(8, previous, next, new Label("Rows per page"), size, info);
        pager.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, table, pager);
    }

    private static VBox row(InspectorViewModel viewModel) {
        JsonTreeView stored = new JsonTreeView("inspectStoredTree", viewModel.storedTreeProperty(),
                viewModel.differingPathsProperty(), "no stored row");
        JsonTreeView view = new JsonTreeView("inspectViewTree", viewModel.viewTreeProperty(),
                viewModel.differingPathsProperty(), "no row in the view");
        VBox storedBox = new VBox(4, ToolViews.heading("Stored row (tv_)"), stored);
        VBox viewBox = new VBox(4, ToolViews.heading("View's row now (v_)"), view);
        VBox.setVgrow(stored, Priority.ALWAYS);
        VBox.setVgrow(view, Priority.ALWAYS);
        SplitPane sideBySide = new SplitPane(storedBox, viewBox);
        sideBySide.setId("inspectSideBySide");

        ListView<String> differences = new ListView<>(viewModel.differences());
        differences.setId("inspectDifferences");
        differences.setPlaceholder(new Label("No differences."));
        ListView<String> sources = new ListView<>(viewModel.sources());
        sources.setId("inspectSources");
        sources.setPlaceholder(new Label("Select a row to see the source rows it was built from."));
        VBox.setVgrow(differences, Priority.ALWAYS);
        VBox.setVgrow(sources, Priority.ALWAYS);
        SplitPane lists = new SplitPane(new VBox(4, ToolViews.heading("Differences"), differences),
                new VBox(4, ToolViews.heading("Source rows (through the lineage rules)"), sources));
        lists.setDividerPositions(0.4);
        SplitPane trees = new SplitPane(sideBySide, lists);
        trees.setOrientation(Orientation.VERTICAL);
        trees.setDividerPositions(0.7);
        VBox.setVgrow(trees, Priority.ALWAYS);

        Button repair = button("inspectRepair", "Repair this row\u2026", viewModel::repairRow);
        repair.disableProperty().bind(viewModel.repairableProperty().not()
                .or(viewModel.job().runningProperty()).or(viewModel.rowJob().runningProperty()));
        Label state = ToolViews.bound("inspectRowState", viewModel.rowStateProperty(), null);
        // Green when current, red when the row needs a repair.
        viewModel.rowCurrentProperty().subscribe(current -> state.getStyleClass().setAll("label", current ? "tool-ok" : "tool-bad"));
        Label outcome = ToolViews.bound("inspectRepairOutcome", viewModel.repairOutcomeProperty(), "tool-message");
        HBox actions = new HBox(10, state, repair);
        actions.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, actions, outcome, trees);
    }

    private static TableColumn<RowSummary, String> column(String title, double width, Function<RowSummary, String> value) {
        TableColumn<RowSummary, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }
}
