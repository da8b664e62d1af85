package io.tviewstudio.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.MainWindowView;
import io.tviewstudio.app.RecordingDialogService;
import io.tviewstudio.app.connection.DatabaseViewModel;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The problems list at the editor's width in the default window (1,200 px, the editor 44 % of it). */
@ExtendWith(ApplicationExtension.class)
class ProblemListLayoutAppTest {

    static final double DEFAULT_EDITOR_WIDTH = 1200 * 0.44;

    private DefinitionEditorViewModel editor;

    @Start
    void start(Stage stage) {
        editor = new DefinitionEditorViewModel(new DatabaseViewModel(Platform::runLater), new RecordingDialogService(),
                Runnable::run, Platform::runLater);
        Scene scene = new Scene(new DefinitionEditorView(editor), DEFAULT_EDITOR_WIDTH, 700);
        scene.getStylesheets().add(MainWindowView.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    void aLongMessageWrapsAndTheLineAndColumnStayWhollyVisible(FxRobot robot) {
        robot.interact(() -> {
            editor.textProperty().set("-- a comment\nCREATE TVIEW post_with_a_rather_long_name_that_is_not_valid AS SELECT 1 AS pk_post;");
            editor.validateNow();
        });
        FxThread.waitUntil(10, () -> !editor.problems().isEmpty());
        Problem problem = editor.problems().getFirst();
        assertThat(problem.message().length()).as("the message is longer than the row").isGreaterThan(60);

        ListView<Problem> list = robot.lookup("#problemList").queryListView();
        Label position = robot.from(list).lookup(".problem-position").queryAs(Label.class);
        Text shown = (Text) position.lookup(".text");
        assertThat(shown.getText()).isEqualTo("line " + problem.line() + ", col " + problem.column());
        assertThat(sceneBounds(position).getMaxX()).isLessThanOrEqualTo(sceneBounds(list).getMaxX());
        Label message = robot.from(list).lookup(".problem-message").queryAs(Label.class);
        assertThat(((Text) message.lookup(".text")).getText()).doesNotContain("\u2026");
    }

    private static Bounds sceneBounds(Node node) {
        return node.localToScene(node.getBoundsInLocal());
    }
}
