package io.tviewstudio.app.editor;

import javafx.geometry.Pos;
import java.util.function.Consumer;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A row of the problems panel: severity mark, TV code, message and position, hint below. The code
 * is a link to its entry in the error reference. The row is as wide as the list: long messages and
 * hints wrap, and the position keeps its full width.
 */
final class ProblemCell extends ListCell<Problem> {

    private final Consumer<Problem> onCode;

    ProblemCell(Consumer<Problem> onCode) {
        this.onCode = onCode;
        // A cell asking for its text's width would make the list scroll sideways and hide the position.
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(Problem problem, boolean empty) {
        super.updateItem(problem, empty);
        setText(null);
        if (empty || problem == null) {
            setGraphic(null);
            return;
        }
        Label mark = new Label(problem.isError() ? "\u25cf" : "\u25b2");
        mark.getStyleClass().add(problem.isError() ? "problem-error-mark" : "problem-warning-mark");
        Hyperlink code = new Hyperlink(problem.code());
        code.getStyleClass().add("problem-code");
        code.setId("problemCode-" + problem.code());
        code.setTooltip(new Tooltip("What " + problem.code() + " means and how to fix it (Help)"));
        code.setOnAction(event -> onCode.accept(problem));
        Label message = new Label(problem.message());
        message.getStyleClass().add("problem-message");
        message.setWrapText(true);
        message.setMinWidth(0);
        message.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(message, Priority.ALWAYS);
        Label position = new Label("line " + problem.line() + ", col " + problem.column());
        position.getStyleClass().add("problem-position");
        for (Region fixed : new Region[] {mark, code, position}) {
            fixed.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox first = new HBox(8, mark, code, message, position);
        first.setAlignment(Pos.TOP_LEFT);
        VBox box = new VBox(1, first);
        if (problem.hint() != null) {
            Label hint = new Label(problem.hint());
            hint.getStyleClass().add("problem-hint");
            hint.setWrapText(true);
            hint.setMinWidth(0);
            box.getChildren().add(hint);
        }
        setGraphic(box);
    }
}
