package io.tviewstudio.app.playbook;

import io.tviewstudio.app.tools.ToolViews;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/** The Export playbook window: folder, zip option, Export with progress, then the summary. Forwards events only. */
public final class PlaybookExportView extends VBox {

    public PlaybookExportView(PlaybookExportViewModel viewModel) {
        getStyleClass().add("tool-pane");

        Label source = ToolViews.bound("exportSource", viewModel.sourceProperty(), "tool-source");
        HBox folder = ToolViews.pathField(viewModel.folderProperty(), "exportFolder", "Choose\u2026", owner -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Folder for the playbook (new or empty)");
            return chooser.showDialog(owner);
        });
        CheckBox zip = new CheckBox("Also write a .zip of the folder");
        zip.setId("exportZip");
        zip.selectedProperty().bindBidirectional(viewModel.zipProperty());
        Button export = new Button("Export");
        export.setId("exportButton");
        export.setDefaultButton(true);
        export.disableProperty().bind(viewModel.exportDisabledProperty());
        export.setOnAction(event -> viewModel.export());
        HBox actions = new HBox(12, zip, export);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label summary = ToolViews.bound("exportSummary", viewModel.summaryProperty(), "tool-summary");
        Label zipText = ToolViews.bound("exportZipPath", viewModel.zipTextProperty(), null);
        TableView<ExportedTview> table = table(viewModel);
        Button open = new Button("Open folder");
        open.setId("exportOpenFolder");
        open.visibleProperty().bind(viewModel.resultProperty().isNotNull());
        open.managedProperty().bind(open.visibleProperty());
        open.setOnAction(event -> viewModel.openFolder());

        getChildren().addAll(ToolViews.heading("Disaster-recovery playbook"), source,
                ToolViews.note("A self-contained folder that needs only psql: runtime, definitions in dependency order, "
                        + "row counts and checksums, verify/rebuild/re-create scripts and the guide (README.md, playbook.html)."),
                new Label("Folder (must be new or empty):"), folder, actions,
                ToolViews.jobBar(viewModel.job(), "export"), ToolViews.errorBox(viewModel.job(), "export"),
                summary, zipText, table, open);
        VBox.setVgrow(table, Priority.ALWAYS);
    }

    private static TableView<ExportedTview> table(PlaybookExportViewModel viewModel) {
        TableView<ExportedTview> table = new TableView<>(viewModel.tviews());
        table.setId("exportTable");
        table.getColumns().add(column("#", 40, row -> Integer.toString(row.order())));
        table.getColumns().add(column("TVIEW", 180, ExportedTview::tview));
        table.getColumns().add(column("Rows", 80, row -> Long.toString(row.rows())));
        table.getColumns().add(column("Size", 80, row -> (row.bytes() + 1023) / 1024 + " kB"));
        table.getColumns().add(column("Checksum (md5)", 280, ExportedTview::checksum));
        table.setPlaceholder(new Label("Nothing exported yet."));
        table.setPrefHeight(180);
        return table;
    }

    static <T> TableColumn<T, String> column(String title, double width, java.util.function.Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setSortable(false);
        return column;
    }
}
