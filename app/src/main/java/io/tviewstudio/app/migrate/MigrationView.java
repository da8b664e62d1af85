package io.tviewstudio.app.migrate;

import io.tviewstudio.app.tools.ToolViews;
import io.tviewstudio.core.migrate.Cutover;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The migration assistant window: the list of materialized views above, the selected one's definition and outcomes
 * below, and its buttons in a fixed footer. Forwards events only.
 */
public final class MigrationView extends VBox {

    public MigrationView(MigrationViewModel viewModel) {
        getStyleClass().add("tool-pane");

        Button reload = new Button("Reload");
        reload.setId("migrateReload");
        reload.setOnAction(event -> viewModel.load());
        reload.disableProperty().bind(viewModel.job().runningProperty());
        Label summary = ToolViews.bound("migrateSummary", viewModel.listSummaryProperty(), "tool-source");
        HBox top = new HBox(10, summary, reload);
        top.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(summary, Priority.ALWAYS);
        summary.setMaxWidth(Double.MAX_VALUE);

        TableView<MatviewItem> table = table(viewModel);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(details(viewModel));
        scroll.setFitToWidth(true);
        SplitPane split = new SplitPane(table, scroll);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.34);
        VBox.setVgrow(split, Priority.ALWAYS);

        // The buttons sit in a footer below everything that comes and goes (blockers, job messages, errors),
        // so they stay in place while the user moves through the list.
        getChildren().addAll(top, split, ToolViews.jobBar(viewModel.job(), "migrate"), ToolViews.errorBox(viewModel.job(), "migrate"),
                footer(viewModel));
    }

    private static TableView<MatviewItem> table(MigrationViewModel viewModel) {
        TableView<MatviewItem> table = new TableView<>(viewModel.items());
        table.setId("matviewTable");
        table.getColumns().add(column("Materialized view", 215, MatviewItem::name));
        table.getColumns().add(column("Rows (est.)", 120, MatviewItem::rows));
        table.getColumns().add(column("Size", 70, MatviewItem::size));
        table.getColumns().add(column("Source tables", 255, MatviewItem::sources));
        table.getColumns().add(column("Can become a TVIEW", 215, MatviewItem::verdict));
        TableColumn<MatviewItem, String> refresh = new TableColumn<>("Refresh");
        refresh.setPrefWidth(90);
        refresh.setCellValueFactory(cell -> cell.getValue().refreshTimeProperty());
        table.getColumns().add(refresh);
        table.setPlaceholder(new Label("No materialized views."));
        table.getSelectionModel().selectedItemProperty().addListener((observable, old, item) -> viewModel.selectedProperty().set(item));
        viewModel.selectedProperty().addListener((observable, old, item) -> {
            if (table.getSelectionModel().getSelectedItem() != item) {
                table.getSelectionModel().select(item);
            }
        });
        return table;
    }

    private static VBox details(MigrationViewModel viewModel) {
        TextArea definition = new TextArea();
        definition.setId("migrateDefinition");
        definition.setEditable(false);
        definition.setPrefRowCount(4);
        definition.getStyleClass().add("tool-code");
        definition.textProperty().bind(viewModel.definitionProperty());

        Label blockers = ToolViews.bound("migrateBlockers", viewModel.blockersProperty(), "tool-warning");
        blockers.setMaxWidth(Double.MAX_VALUE);

        ListView<String> differences = new ListView<>(viewModel.differences());
        differences.setId("migrateDifferences");
        differences.setPrefHeight(80);
        differences.getStyleClass().add("tool-code");
        differences.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.differences()));
        differences.managedProperty().bind(differences.visibleProperty());

        TextArea script = new TextArea();
        script.setId("migrateRollbackScript");
        script.setEditable(false);
        script.setPrefRowCount(5);
        script.getStyleClass().add("tool-code");
        script.textProperty().bind(viewModel.rollbackScriptProperty());
        script.visibleProperty().bind(viewModel.rollbackScriptProperty().isNotEmpty());
        script.managedProperty().bind(script.visibleProperty());

        VBox details = new VBox(8, definition, blockers,
                ToolViews.bound("migrateDefinitionSource", viewModel.definitionSourceProperty(), "tool-source"),
                ToolViews.bound("migrateComparison", viewModel.comparisonProperty(), null), differences,
                ToolViews.bound("migrateConversion", viewModel.conversionProperty(), "tool-summary"), script);
        details.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return details;
    }

    /** Time refresh, Propose, Check, the cut-over with Convert, and the rollback file: the same place whatever is selected. */
    private static VBox footer(MigrationViewModel viewModel) {
        Button time = button("migrateTimeRefresh", "Time refresh", viewModel::timeRefresh);
        time.disableProperty().bind(viewModel.nothingSelectedProperty());
        time.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label lock = ToolViews.note(MigrationViewModel.LOCK_WARNING);
        lock.setId("migrateLockWarning");
        HBox timing = new HBox(10, time, lock);
        timing.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(lock, Priority.ALWAYS);

        Button propose = button("migratePropose", "Propose \u2192 editor", viewModel::propose);
        Button check = button("migrateCheck", "Check consistency", viewModel::checkConsistency);
        ChoiceBox<Cutover> cutover = new ChoiceBox<>();
        cutover.setId("migrateCutover");
        cutover.getItems().setAll(Cutover.values());
        cutover.valueProperty().bindBidirectional(viewModel.cutoverProperty());
        cutover.setConverter(new StringConverter<>() {
            @Override
            public String toString(Cutover value) {
                return value == null ? "" : switch (value) {
                    case KEEP -> "keep (both stay)";
                    case VIEW -> "view (same name, reads the TVIEW)";
                    case DROP -> "drop the materialized view";
                };
            }

            @Override
            public Cutover fromString(String text) {
                return Cutover.valueOf(text.toUpperCase(Locale.ROOT));
            }
        });
        Button convert = button("migrateConvert", "Convert\u2026", viewModel::convert);
        for (Button button : new Button[] {propose, check, convert}) {
            button.disableProperty().bind(viewModel.noProposalProperty());
        }
        HBox actions = new HBox(8, propose, check, new Label("Cut-over:"), cutover, convert);
        actions.setAlignment(Pos.CENTER_LEFT);

        HBox rollback = ToolViews.pathField(viewModel.rollbackFileProperty(), "migrateRollbackFile", "Choose\u2026", owner -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save the rollback script as");
            return chooser.showSaveDialog(owner);
        });
        rollback.getChildren().addFirst(new Label("Rollback script:"));

        VBox footer = new VBox(8, timing, actions, rollback);
        footer.setId("migrateFooter");
        footer.setPadding(new javafx.geometry.Insets(8, 0, 0, 0));
        return footer;
    }

    private static Button button(String id, String text, Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }

    private static TableColumn<MatviewItem, String> column(String title, double width, java.util.function.Function<MatviewItem, String> value) {
        TableColumn<MatviewItem, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        return column;
    }
}
