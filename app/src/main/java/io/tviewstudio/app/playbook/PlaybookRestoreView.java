package io.tviewstudio.app.playbook;

import static io.tviewstudio.app.playbook.PlaybookExportView.column;

import io.tviewstudio.app.tools.ToolViews;
import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/** The Restore playbook window: choose, read the plan, confirm, restore, see the verification. Forwards events only. */
public final class PlaybookRestoreView extends VBox {

    public PlaybookRestoreView(PlaybookRestoreViewModel viewModel) {
        getStyleClass().add("tool-pane");

        HBox path = ToolViews.pathField(viewModel.pathProperty(), "restorePath", "Folder\u2026", owner -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Playbook folder");
            return chooser.showDialog(owner);
        });
        Button zip = new Button("Zip\u2026");
        zip.setId("restorePathZip");
        zip.setOnAction(event -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Playbook zip");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Playbook zip", "*.zip"));
            File chosen = chooser.showOpenDialog(getScene().getWindow());
            if (chosen != null) {
                viewModel.pathProperty().set(chosen.toPath().toString());
            }
        });
        Button read = new Button("Show plan");
        read.setId("restoreReadPlan");
        read.setDefaultButton(true);
        read.disableProperty().bind(viewModel.readDisabledProperty());
        read.setOnAction(event -> viewModel.readPlan());
        path.getChildren().addAll(zip, read);

        CheckBox replace = new CheckBox("Replace the runtime if another version is installed");
        replace.setId("restoreReplaceRuntime");
        replace.selectedProperty().bindBidirectional(viewModel.replaceRuntimeProperty());
        Button restore = new Button("Restore\u2026");
        restore.setId("restoreButton");
        restore.disableProperty().bind(viewModel.restoreDisabledProperty());
        restore.setOnAction(event -> viewModel.restore());
        HBox actions = new HBox(12, restore, replace);
        actions.setAlignment(Pos.CENTER_LEFT);

        TableView<PlanStep> plan = new TableView<>(viewModel.steps());
        plan.setId("restorePlan");
        plan.getColumns().add(column("#", 32, step -> Integer.toString(step.order())));
        plan.getColumns().add(column("TVIEW", 150, PlanStep::tview));
        plan.getColumns().add(column("State now", 100, PlanStep::state));
        plan.getColumns().add(column("Action", 150, PlanStep::action));
        plan.getColumns().add(column("Rows after", 95, step -> Long.toString(step.expectedRows())));
        plan.getColumns().add(column("Checksum expected", 310, PlanStep::expectedChecksum));
        plan.setPlaceholder(new Label("Choose a playbook and press Show plan: reading the plan changes nothing."));
        plan.setPrefHeight(150);

        ListView<String> problems = new ListView<>(viewModel.problems());
        problems.setId("restoreProblems");
        problems.setPrefHeight(90);
        problems.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(viewModel.problems()));
        problems.managedProperty().bind(problems.visibleProperty());

        TableView<ChecksumRow> checksums = new TableView<>(viewModel.checksums());
        checksums.setId("restoreChecksums");
        checksums.getColumns().add(column("TVIEW", 150, ChecksumRow::tview));
        checksums.getColumns().add(column("Rows at export", 120, row -> Long.toString(row.exportedRows())));
        checksums.getColumns().add(column("Rows now", 85, ChecksumRow::currentRows));
        checksums.getColumns().add(column("Checksum now", 295, ChecksumRow::currentChecksum));
        checksums.getColumns().add(column("Equal", 60, row -> row.matches() ? "yes" : "NO"));
        checksums.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(ChecksumRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("tool-bad");
                if (!empty && row != null && !row.matches()) {
                    getStyleClass().add("tool-bad");
                }
            }
        });
        checksums.setPrefHeight(130);
        checksums.visibleProperty().bind(viewModel.resultProperty().isNotNull());
        checksums.managedProperty().bind(checksums.visibleProperty());

        Label verification = ToolViews.bound("restoreVerification", viewModel.verificationProperty(), "tool-ok");
        viewModel.resultProperty().addListener((observable, old, result) -> {
            verification.getStyleClass().removeAll("tool-ok", "tool-bad");
            verification.getStyleClass().add(result != null && !result.committed() ? "tool-bad" : "tool-ok");
        });

        getChildren().addAll(ToolViews.heading("Restore a playbook"),
                ToolViews.bound("restoreTarget", viewModel.targetProperty(), "tool-source"),
                ToolViews.note("The playbook folder (or its .zip). It is checked against its SHA256SUMS before anything is used; "
                        + "the plan shows what the restore would do to this database before anything changes."),
                path, ToolViews.errorBox(viewModel.job(), "restore"),
                ToolViews.bound("restorePlanSummary", viewModel.planSummaryProperty(), null),
                ToolViews.bound("restorePlanWarning", viewModel.planWarningProperty(), "tool-warning"),
                plan, actions, ToolViews.jobBar(viewModel.job(), "restore"),
                verification, problems,
                ToolViews.bound("restoreChecksumSummary", viewModel.checksumSummaryProperty(), null), checksums);
        VBox.setVgrow(plan, Priority.ALWAYS);
    }
}
