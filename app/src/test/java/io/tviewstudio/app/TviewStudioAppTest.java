package io.tviewstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.demo.StartupSettings;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class TviewStudioAppTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        new TviewStudioApp(StartupSettings.manual()).start(stage);
    }

    @Test
    void mainWindowIsTitledTviewStudio() {
        assertThat(stage.getTitle()).isEqualTo("TVIEW Studio");
        assertThat(stage.isShowing()).isTrue();
    }

    @Test
    void statusBarSaysNotConnected(FxRobot robot) {
        Label status = robot.lookup("#statusBar #statusText").queryAs(Label.class);

        assertThat(status.getText()).isEqualTo("Not connected");
    }

    @Test
    void showsTheThreeWorkAreas(FxRobot robot) {
        assertThat(title(robot, "dependencyGraphPane")).isEqualTo("Dependency graph");
        assertThat(robot.lookup("#editorTitle").queryAs(Label.class).getText()).isEqualTo("untitled.tview.sql");
        assertThat(title(robot, "metricsPane")).isEqualTo("Metrics");
    }

    @Test
    void fileConnectOpensTheConnectDialog(FxRobot robot) {
        robot.clickOn("File").clickOn("#connectMenuItem");

        assertThat(robot.lookup("#connectionDialog").tryQuery()).isPresent();
        robot.clickOn("Cancel");
        assertThat(robot.lookup("#connectionDialog").tryQuery()).isEmpty();
        assertThat(robot.lookup("#statusText").queryAs(Label.class).getText()).isEqualTo("Not connected");
    }

    /** Issue #20, item 11: closing the window (title bar or Ctrl+Q) with unsaved editor text asks first. */
    @Test
    void closingWithUnsavedTextAsksAndNoKeepsTheWindow(FxRobot robot) {
        robot.clickOn("#definitionArea").write("SELECT 1");
        // Not interact(): the question waits for an answer on the FX thread, which the robot gives below.
        Platform.runLater(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        WaitForAsyncUtils.waitForFxEvents();

        DialogPane question = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        assertThat(question.getContentText()).isEqualTo("untitled.tview.sql has unsaved changes. Discard them?");
        robot.clickOn("No");
        assertThat(stage.isShowing()).isTrue();

        robot.clickOn("#definitionArea").press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        assertThat(robot.lookup("#confirmDialog").tryQuery()).isPresent();
        robot.clickOn("Yes");
        assertThat(stage.isShowing()).isFalse();
    }

    @Test
    void helpAboutShowsTheVersion(FxRobot robot) {
        robot.clickOn("Help").clickOn("#aboutMenuItem");

        DialogPane about = robot.lookup("#aboutDialog").queryAs(DialogPane.class);
        assertThat(robot.from(about).lookup("#aboutHeading").queryAs(Label.class).getText())
                .isEqualTo("TVIEW Studio");
        assertThat(robot.from(about).lookup("#aboutVersion").queryAs(Label.class).getText())
                .isEqualTo("Version " + System.getProperty("tviewstudio.expectedVersion"));
        assertThat(robot.from(about).lookup("#aboutRuntime").queryAs(Label.class).getText()).startsWith("TVIEW runtime ");
        assertThat(robot.from(about).lookup("#aboutPlatform").queryAs(Label.class).getText()).startsWith("Java ");

        robot.clickOn("Close");
        assertThat(robot.lookup("#aboutDialog").tryQuery()).isEmpty();
    }

    private static String title(FxRobot robot, String paneId) {
        return robot.lookup("#" + paneId + "Title").queryAs(Label.class).getText();
    }
}
