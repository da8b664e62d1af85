package io.tviewstudio.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.load.LoadGeneratorView;
import io.tviewstudio.app.load.LoadGeneratorViewModel;
import io.tviewstudio.tools.demo.DemoDatabase;
import io.tviewstudio.tools.demo.DemoProgress;
import io.tviewstudio.tools.demo.LoadGenerator;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.service.query.NodeQuery;

/**
 * The metrics pane and the load generator panel on a real demo database: the panel starts the
 * generator, the sampler's real snapshots move the charts, pause holds them, a killed sampler
 * connection shows its error and sampling resumes.
 */
@ExtendWith(ApplicationExtension.class)
class MetricsPaneTest {

    private static final String SAMPLER = "metrics-pane-test";
    private static DemoDatabase demo;

    private MetricsViewModel metrics;
    private LoadGeneratorViewModel load;
    private Stage stage;

    @BeforeAll
    static void startDemo() throws IOException, SQLException {
        demo = DemoDatabase.start(DemoProgress.NONE);
    }

    @AfterAll
    static void stopDemo() throws IOException {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        metrics = new MetricsViewModel(Platform::runLater);
        load = new LoadGeneratorViewModel();
        stage.setScene(new Scene(new MetricsView(metrics, new LoadGeneratorView(load)), 1100, 720));
        stage.show();
        metrics.connect(() -> {
            Connection connection = demo.connect();
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET application_name = '" + SAMPLER + "'");
            }
            return connection;
        });
        load.attach(demo::connect);
    }

    @Stop
    void stop() {
        load.close();
        metrics.close();
    }

    /** Looks up in this test's window only: windows of earlier tests in the JVM may hold nodes with the same ids. */
    private NodeQuery here(FxRobot robot) {
        return robot.from(stage.getScene().getRoot());
    }

    @Test
    void theLoadPanelStartsAndStopsTheGeneratorAndTheChartsFollowTheWrites(FxRobot robot) throws SQLException {
        assertThat(here(robot).lookup("#loadGeneratorPane").query().isVisible()).isTrue();
        robot.clickOn(here(robot).lookup("#loadStart").queryButton());
        assertThat(load.stateProperty().get()).isEqualTo(LoadGenerator.State.RUNNING);

        FxThread.waitUntil(60, () -> metrics.refreshes().points("tv_post") >= 3
                && metrics.rows().size() == 4 && metrics.latency().points(MetricsViewModel.P95) >= 1);
        FxThread.run(() -> { });
        assertThat(metrics.refreshes().series()).extracting(line -> line.getName())
                .containsExactly("tv_category", "tv_comment", "tv_post");
        assertThat(metrics.refreshes().line("tv_post").getData()).anyMatch(point -> point.getYValue().doubleValue() > 0);
        @SuppressWarnings("unchecked")
        TableView<TviewMetricsRow> table = here(robot).lookup("#metricsTable").queryAs(TableView.class);
        assertThat(table.getItems()).extracting(TviewMetricsRow::tview)
                .containsExactly(TviewMetricsRow.ALL, "tv_category", "tv_comment", "tv_post");
        assertThat(here(robot).lookup("#refreshChartHeadline").queryAs(Label.class).getText()).endsWith(" rows/s");
        assertThat(here(robot).lookup("#metricsStatus").queryAs(Label.class).getText()).isEqualTo("Live \u00b7 every 1 s");
        FxThread.waitUntil(30, () -> {
            load.refresh();
            return !here(robot).lookup("#loadOperations").queryAs(Label.class).getText().equals("0");
        });

        robot.clickOn(here(robot).lookup("#loadStop").queryButton());
        FxThread.waitUntil(30, () -> load.stats().state() == LoadGenerator.State.STOPPED);
        long stopped = load.stats().operations();
        assertThat(stopped).isPositive();
        assertThat(here(robot).lookup("#loadState").queryAs(Label.class).getText()).isEqualTo("Stopped");
        try (Connection connection = demo.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_tviews_verify()")) {
            rows.next();
            assertThat(rows.getLong(1)).as("the demo stays consistent").isZero();
        }
        assertThat(load.stats().operations()).as("nothing runs after stop").isEqualTo(stopped);
    }

    @Test
    void pauseHoldsTheChartsAndResumeContinues(FxRobot robot) throws InterruptedException {
        FxThread.waitUntil(30, () -> metrics.samplesProperty().get() >= 2);
        robot.clickOn(here(robot).lookup("#metricsPause").queryButton());
        assertThat(here(robot).lookup("#metricsStatus").queryAs(Label.class).getText()).isEqualTo("Paused");
        Thread.sleep(300);  // a poll already running when pause came may still arrive
        FxThread.run(() -> { });
        int held = metrics.samplesProperty().get();
        Thread.sleep(2500);
        FxThread.run(() -> { });
        assertThat(metrics.samplesProperty().get()).as("no sample while paused").isEqualTo(held);

        robot.clickOn(here(robot).lookup("#metricsPause").queryButton());
        FxThread.waitUntil(30, () -> metrics.samplesProperty().get() > held);
        assertThat(here(robot).lookup("#metricsStatus").queryAs(Label.class).getText()).startsWith("Live");
    }

    @Test
    void aDroppedConnectionShowsTheErrorAndSamplingResumesByItself(FxRobot robot) throws SQLException {
        FxThread.waitUntil(30, () -> metrics.samplesProperty().get() >= 2 && metrics.errorProperty().get().isEmpty());
        List<String> errors = new CopyOnWriteArrayList<>();
        FxThread.run(() -> metrics.errorProperty().addListener((observable, old, text) -> errors.add(text)));

        try (Connection connection = demo.connect(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '"
                    + SAMPLER + "'");
        }

        FxThread.waitUntil(30, () -> errors.stream().anyMatch(text -> !text.isEmpty()));
        assertThat(errors.stream().filter(text -> !text.isEmpty()).findFirst().orElseThrow())
                .startsWith("Lost the metrics connection; retrying every 1 s. ")
                .containsPattern("\\[(57P01|08006|08003)\\]");
        FxThread.waitUntil(30, () -> metrics.errorProperty().get().isEmpty());
        int after = metrics.samplesProperty().get();
        FxThread.waitUntil(30, () -> metrics.samplesProperty().get() > after && metrics.errorProperty().get().isEmpty());
        assertThat(here(robot).lookup("#metricsError").query().isVisible()).isFalse();
    }
}
