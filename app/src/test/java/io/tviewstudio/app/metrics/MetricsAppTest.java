package io.tviewstudio.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.TviewStudioApp;
import io.tviewstudio.app.demo.StartupSettings;
import io.tviewstudio.app.graph.DagCanvas;
import io.tviewstudio.app.graph.render.PngWriter;
import io.tviewstudio.app.load.LoadGeneratorView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole application in demo mode under load: the Metrics tab's charts receive points while
 * the load generator writes, and the graph's TVIEW nodes show their live refresh rates. Leaves
 * the screenshots for the user guide in target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class MetricsAppTest {

    private TviewStudioApp app;

    @Start
    void start(Stage stage) {
        app = new TviewStudioApp(StartupSettings.demo());
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void underLoadTheChartsMoveAndTheGraphShowsRefreshRates(FxRobot robot) throws TimeoutException {
        Label status = robot.lookup("#statusBar #statusText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> status.getText().startsWith("Connected") || status.getText().startsWith("Could not"));
        assertThat(status.getText()).startsWith("Connected");

        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        robot.clickOn(robot.lookup(".tab").nth(1).queryAs(javafx.scene.Node.class));
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("metricsTab");
        assertThat(robot.lookup("#loadGeneratorPane").queryAs(LoadGeneratorView.class).isVisible()).isTrue();

        robot.interact(() -> robot.lookup("#loadRate").queryAs(Slider.class).setValue(120));
        assertThat(robot.lookup("#loadRateValue").queryAs(Label.class).getText()).isEqualTo("120 ops/s");
        robot.clickOn("#loadStart");

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> refreshChart = robot.lookup("#refreshChartChart").queryAs(LineChart.class);
        FxThread.waitUntil(90, () -> refreshChart.getData().size() == 3
                && refreshChart.getData().stream().allMatch(line -> line.getData().size() >= 20));
        assertThat(refreshChart.getData()).extracting(line -> line.getName())
                .containsExactly("tv_category", "tv_comment", "tv_post");
        screenshot(robot, tabs, "metrics.png");

        robot.clickOn(robot.lookup(".tab").nth(0).queryAs(javafx.scene.Node.class));
        DagCanvas canvas = robot.lookup("#dagCanvas").queryAs(DagCanvas.class);
        FxThread.waitUntil(30, () -> canvas.refreshRates().getOrDefault("tv_post", 0.0) > 0);
        assertThat(canvas.refreshRates()).containsOnlyKeys("tv_post", "tv_category", "tv_comment");
        robot.interact(canvas::paintNow);
        screenshot(robot, tabs, "dependency-graph-live.png");

        robot.clickOn(robot.lookup(".tab").nth(1).queryAs(javafx.scene.Node.class));
        robot.clickOn("#loadStop");
        assertThat(robot.lookup("#loadState").queryAs(Label.class).getText()).isEqualTo("Stopped");
    }

    private static void screenshot(FxRobot robot, TabPane tabs, String name) {
        robot.interact(() -> {
            try {
                Path file = Files.createDirectories(Path.of("target", "screenshots")).resolve(name);
                PngWriter.write(tabs.getScene().snapshot(null), file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        assertThat(Path.of("target", "screenshots", name)).isNotEmptyFile();
    }
}
