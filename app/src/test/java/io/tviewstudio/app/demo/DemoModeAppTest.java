package io.tviewstudio.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.TviewStudioApp;
import io.tviewstudio.app.graph.DagCanvas;
import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.render.PngWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
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
    void opensTheDemoDatabaseAndDrawsItsTablesAndTviewsAsAGraph(FxRobot robot) throws TimeoutException, IOException {
        Label status = robot.lookup("#statusBar #statusText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> status.getText().startsWith("Connected") || status.getText().startsWith("Could not"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(status.getText()).matches("Connected to demo database \\(PostgreSQL \\d+\\.\\d+\\) \u2014 3 TVIEWs");
        assertThat(robot.lookup("#statusProgress").queryAs(ProgressBar.class).isVisible()).isFalse();

        DagCanvas canvas = robot.lookup("#dagCanvas").queryAs(DagCanvas.class);
        assertThat(canvas.isVisible()).isTrue();
        assertThat(canvas.graphLayout().boxes()).extracting(box -> box.node().name()).containsExactlyInAnyOrder(
                "tb_category", "tb_post", "tb_user", "tb_comment", "tv_post", "tv_category", "tv_comment");
        assertThat(canvas.graphLayout().dag().node("tv_comment").orElseThrow().rowCount()).isEqualTo(648);
        assertThat(canvas.lastFrame().nodes()).as("all seven drawn").isEqualTo(7);
        assertThat(robot.lookup("#dependencyGraphHint").queryAs(Label.class).isVisible()).isFalse();

        // Select a node on screen: its details come from the real catalog.
        DagLayout.NodeBox category = canvas.graphLayout().box("tv_category").orElseThrow();
        robot.clickOn(canvas.localToScreen(canvas.toPaneX(category.centerX()), canvas.toPaneY(category.centerY())));
        assertThat(robot.lookup("#detailsName").queryAs(Label.class).getText()).isEqualTo("tv_category");
        assertThat(robot.lookup("#detailsRefreshMode").queryAs(Label.class).getText()).isEqualTo("immediate");
        assertThat(robot.lookup("#detailsRows").queryAs(Label.class).getText()).isEqualTo("6 rows");
        assertThat(robot.lookup("#detailsSize").queryAs(Label.class).getText()).endsWith("kB");
        assertThat(robot.lookup("#detailsSources").queryAs(VBox.class).getChildren()).extracting(
                node -> ((Label) node).getText()).containsExactly(
                "tb_category \u2014 root, pk_category", "tv_post (TVIEW) \u2014 child, pk_category");
        assertThat(robot.lookup("#detailsDefinition").queryAs(TextArea.class).getText()).contains("FROM tb_category");

        // The impact of a base table, and the picture of it for the user guide (docs/images/).
        DagLayout.NodeBox post = canvas.graphLayout().box("tb_post").orElseThrow();
        robot.clickOn(canvas.localToScreen(canvas.toPaneX(post.centerX()), canvas.toPaneY(post.centerY())));
        assertThat(robot.lookup("#detailsAWriteRefreshes").queryAs(Label.class).getText()).isEqualTo("3 TVIEWs");
        Path screenshot = Files.createDirectories(Path.of("target", "screenshots")).resolve("dependency-graph.png");
        robot.interact(() -> {
            try {
                PngWriter.write(canvas.getScene().snapshot(null), screenshot);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(screenshot).isNotEmptyFile();

        MenuItem openDemo = robot.lookup("#menuBar").queryAs(MenuBar.class).getMenus().get(0).getItems().stream()
                .filter(item -> "openDemoMenuItem".equals(item.getId())).findFirst().orElseThrow();
        assertThat(openDemo.isDisable()).isTrue();
    }
}
