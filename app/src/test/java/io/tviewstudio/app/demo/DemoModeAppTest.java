package io.tviewstudio.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.TviewStudioApp;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/** The application as started without a configured server: it opens the real demo database. */
@ExtendWith(ApplicationExtension.class)
class DemoModeAppTest {

    private TviewStudioApp app;

    @Start
    void start(Stage stage) {
        app = new TviewStudioApp(StartupSettings.demo());
        app.start(stage);
        // Bindings that hang on weak listeners only would break here, as they did once.
        System.gc();
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void opensTheDemoDatabaseAndListsItsTviewsWithTheirSources(FxRobot robot) throws TimeoutException {
        Label status = robot.lookup("#statusBar #statusText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> status.getText().startsWith("Connected") || status.getText().startsWith("Could not"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(status.getText()).matches("Connected to demo database \\(PostgreSQL \\d+\\.\\d+\\) \u2014 3 TVIEWs");
        assertThat(robot.lookup("#statusProgress").queryAs(ProgressBar.class).isVisible()).isFalse();

        TreeView<String> tree = robot.lookup("#tviewTree").queryAs(TreeView.class);
        assertThat(tree.isVisible()).isTrue();
        assertThat(tree.getRoot().getChildren()).extracting(TreeItem::getValue)
                .containsExactly("tv_post \u2014 216 rows", "tv_category \u2014 6 rows", "tv_comment \u2014 648 rows");
        assertThat(tree.getRoot().getChildren().get(1).getChildren()).extracting(TreeItem::getValue)
                .containsExactly("tb_category \u2014 root, pk_category", "tv_post (TVIEW) \u2014 child, pk_category");
        assertThat(robot.lookup("#dependencyGraphHint").queryAs(Label.class).isVisible()).isFalse();

        MenuItem openDemo = robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(item -> "openDemoMenuItem".equals(item.getId())).findFirst().orElseThrow();
        assertThat(openDemo.isDisable()).isTrue();
    }
}
