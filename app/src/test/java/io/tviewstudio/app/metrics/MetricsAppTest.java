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
import org.testfx.service.query.NodeQuery;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole application in demo mode under load: the Metrics tab's charts receive points while
 * the load generator writes, and the graph's TVIEW nodes show their live refresh rates. Leaves
 * the screenshots for the user guide in target/screenshots.
 */
@ExtendWith(ApplicationExtension.class)
class MetricsAppTest {

    private TviewStudioApp app;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        app = new TviewStudioApp(StartupSettings.demo());
        app.start(stage);
    }

    @Stop
    void stop() {
        app.stop();
    }

    @Test
    void underLoadTheChartsMoveAndTheGraphShowsRefreshRates(FxRobot fx) throws TimeoutException {
        FxRobot robot = fx;
        Label status = here(fx).lookup("#statusBar #statusText").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS,
                () -> status.getText().startsWith("Connected") || status.getText().startsWith("Could not"));
        assertThat(status.getText()).startsWith("Connected");

        TabPane tabs = here(fx).lookup("#mainTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("metricsTab");
        assertThat(here(fx).lookup("#loadGeneratorPane").queryAs(LoadGeneratorView.class).isVisible()).isTrue();

        Slider rate = here(fx).lookup("#loadRate").queryAs(Slider.class);
        robot.interact(() -> rate.setValue(120));
        assertThat(here(fx).lookup("#loadRateValue").queryAs(Label.class).getText()).isEqualTo("120 ops/s");
        robot.clickOn(here(fx).lookup("#loadStart").queryButton());

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> refreshChart = here(fx).lookup("#refreshChartChart").queryAs(LineChart.class);
        FxThread.waitUntil(90, () -> refreshChart.getData().size() == 3
                && refreshChart.getData().stream().allMatch(line -> line.getData().size() >= 20));
        assertThat(refreshChart.getData()).extracting(line -> line.getName())
                .containsExactly("tv_category", "tv_comment", "tv_post");
        FxThread.screenshot(tabs.getScene().getWindow(), "metrics.png");

        robot.interact(() -> tabs.getSelectionModel().select(0));
        DagCanvas canvas = here(fx).lookup("#dagCanvas").queryAs(DagCanvas.class);
        FxThread.waitUntil(30, () -> canvas.refreshRates().getOrDefault("tv_post", 0.0) > 0);
        assertThat(canvas.refreshRates()).containsOnlyKeys("tv_post", "tv_category", "tv_comment");
        robot.interact(canvas::paintNow);
        FxThread.screenshot(tabs.getScene().getWindow(), "dependency-graph-live.png");

        robot.interact(() -> tabs.getSelectionModel().select(1));
        robot.clickOn(here(fx).lookup("#loadStop").queryButton());
        assertThat(here(fx).lookup("#loadState").queryAs(Label.class).getText()).isEqualTo("Stopped");
    }

    /** Looks up in this test's window only: windows of earlier tests in the JVM may hold nodes with the same ids. */
    private NodeQuery here(FxRobot fx) {
        return fx.from(stage.getScene().getRoot());
    }
}
