package io.tviewstudio.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javafx.scene.Scene;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class JavaFxDialogServiceTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        // A window with a scene, as the main window is: a dialog owned by a stage without one fails
        // to copy its stylesheets (this test passed only after another test had left one around).
        stage.setScene(new Scene(new StackPane(), 320, 120));
        stage.show();
    }

    @Test
    void showErrorOpensAnAlertWithTheMessageAndTheStackTrace(FxRobot robot) {
        robot.interact(() -> new JavaFxDialogService(stage).showError("Demo database",
                "Could not open the demo database", new IOException("no binaries")));

        DialogPane alert = robot.lookup("#errorDialog").queryAs(DialogPane.class);
        assertThat(alert.getHeaderText()).isEqualTo("Could not open the demo database");
        assertThat(alert.getContentText()).isEqualTo("no binaries");
        assertThat(((TextArea) alert.getExpandableContent()).getText())
                .startsWith("java.io.IOException: no binaries")
                .contains("JavaFxDialogServiceTest");

        robot.clickOn("OK");
        assertThat(robot.lookup("#errorDialog").tryQuery()).isEmpty();
    }
}
