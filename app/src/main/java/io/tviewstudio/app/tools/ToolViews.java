package io.tviewstudio.app.tools;

import java.io.File;
import java.nio.file.Path;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/** Pieces the tool windows share: the job bar (progress, step, Cancel), the error box, a path field. */
public final class ToolViews {

    private static final String TOOLS_CSS = "tools.css";

    private ToolViews() {
    }

    /** A window of its own beside the main window, styled like it. */
    public static Stage window(Window owner, String id, String title, javafx.scene.Parent content, double width, double height) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(title);
        Scene scene = new Scene(content, width, height);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().addAll(owner.getScene().getStylesheets());
        }
        scene.getStylesheets().add(ToolViews.class.getResource(TOOLS_CSS).toExternalForm());
        content.setId(id);
        stage.setScene(scene);
        return stage;
    }

    /** Progress bar, the step being done and Cancel, shown while the job runs; the outcome message stays. */
    public static HBox jobBar(JobState job, String idPrefix) {
        ProgressBar progress = new ProgressBar();
        progress.setId(idPrefix + "Progress");
        progress.setPrefWidth(220);
        progress.progressProperty().bind(job.progressProperty());
        progress.visibleProperty().bind(job.runningProperty());
        progress.managedProperty().bind(job.runningProperty());
        Label message = new Label();
        message.setId(idPrefix + "Message");
        message.getStyleClass().add("tool-message");
        message.textProperty().bind(job.messageProperty());
        message.setWrapText(true);
        // No empty line while idle: the bar takes room only while a job runs or its outcome is shown.
        message.visibleProperty().bind(job.runningProperty().or(job.messageProperty().isNotEmpty()));
        message.managedProperty().bind(message.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setId(idPrefix + "Cancel");
        cancel.setOnAction(event -> job.cancel());
        cancel.visibleProperty().bind(job.runningProperty());
        cancel.managedProperty().bind(job.runningProperty());
        cancel.disableProperty().bind(job.cancellableProperty().not());
        HBox bar = new HBox(10, progress, message, cancel);
        HBox.setHgrow(message, Priority.ALWAYS);
        message.setMaxWidth(Double.MAX_VALUE);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.visibleProperty().bind(message.visibleProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** The failure of the last job: {@code category: message} and the hint; hidden when there is none. */
    public static VBox errorBox(JobState job, String idPrefix) {
        Label line = new Label();
        line.setId(idPrefix + "Error");
        line.getStyleClass().add("tool-error");
        line.setWrapText(true);
        line.textProperty().bind(job.errorLineProperty());
        Label hint = new Label();
        hint.setId(idPrefix + "ErrorHint");
        hint.getStyleClass().add("tool-hint");
        hint.setWrapText(true);
        hint.textProperty().bind(job.errorHintProperty());
        VBox box = new VBox(2, line, hint);
        box.getStyleClass().add("tool-error-box");
        box.visibleProperty().bind(job.errorLineProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** A text field bound to the path and a button that fills it from a chooser. */
    public static HBox pathField(StringProperty path, String id, String buttonText, java.util.function.Function<Window, File> chooser) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(path);
        HBox.setHgrow(field, Priority.ALWAYS);
        Button choose = new Button(buttonText);
        choose.setId(id + "Choose");
        choose.setOnAction(event -> {
            File chosen = chooser.apply(field.getScene().getWindow());
            if (chosen != null) {
                path.set(chosen.toPath().toString());
            }
        });
        HBox row = new HBox(6, field, choose);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A paragraph of explanation. */
    public static Label note(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("tool-message");
        return label;
    }

    public static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("tool-heading");
        return label;
    }

    public static Label bound(String id, javafx.beans.value.ObservableValue<String> text, String styleClass) {
        Label label = new Label();
        label.setId(id);
        label.setWrapText(true);
        label.textProperty().bind(text);
        if (styleClass != null) {
            label.getStyleClass().add(styleClass);
        }
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
