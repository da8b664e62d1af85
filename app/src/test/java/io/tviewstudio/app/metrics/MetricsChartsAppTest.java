package io.tviewstudio.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.MainWindowView;
import io.tviewstudio.app.load.LoadGeneratorView;
import io.tviewstudio.app.load.LoadGeneratorViewModel;
import io.tviewstudio.core.metrics.MetricsSampler;
import io.tviewstudio.core.metrics.MetricsSnapshot;
import io.tviewstudio.core.metrics.TviewRates;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.chart.Axis;
import javafx.scene.chart.LineChart;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The charts' time axis and the metrics table on screen, fed hand-made snapshots at odd seconds. */
@ExtendWith(ApplicationExtension.class)
class MetricsChartsAppTest {

    /** 12 TVIEWs: more lines than the table shows without scrolling. */
    private static final int TVIEWS = 12;

    private MetricsViewModel metrics;
    private LoadGeneratorViewModel load;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        metrics = new MetricsViewModel(source -> new MetricsSampler(source, MetricsViewModel.RATE_WINDOW, 1), Runnable::run);
        load = new LoadGeneratorViewModel();
        Scene scene = new Scene(new MetricsView(metrics, new LoadGeneratorView(load)), 1100, 720);
        scene.getStylesheets().add(MainWindowView.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        load.close();
        metrics.close();
    }

    @Test
    void timeTicksFallOnRoundSecondsAndTheAllTviewsRowStaysInView(FxRobot robot) {
        robot.interact(() -> {
            metrics.accept(snapshot(1_764_988_253, 0));
            metrics.accept(snapshot(1_764_988_254, 1));
            metrics.accept(snapshot(1_764_988_267, 13));
        });

        @SuppressWarnings("unchecked")
        LineChart<Number, Number> chart = robot.from(stage.getScene().getRoot()).lookup("#refreshChartChart")
                .queryAs(LineChart.class);
        Axis<Number> time = chart.getXAxis();
        assertThat(time.getTickMarks()).hasSizeGreaterThanOrEqualTo(3).allSatisfy(tick -> {
            long second = tick.getValue().longValue();
            int offset = ZoneId.systemDefault().getRules().getOffset(Instant.ofEpochSecond(second)).getTotalSeconds();
            assertThat(tick.getValue().doubleValue()).isEqualTo(second);
            assertThat((second + offset) % 15).as(tick.getLabel()).isZero();
        });

        @SuppressWarnings("unchecked")
        TableView<TviewMetricsRow> table = robot.from(stage.getScene().getRoot()).lookup("#metricsTable")
                .queryAs(TableView.class);
        assertThat(table.getItems()).hasSize(TVIEWS + 1);
        @SuppressWarnings("unchecked")
        TableRow<TviewMetricsRow> all = robot.from(table).lookup(".table-row-cell")
                .match((Node row) -> row instanceof TableRow<?> r && r.getItem() instanceof TviewMetricsRow item
                        && item.tview().equals(TviewMetricsRow.ALL))
                .queryAs(TableRow.class);
        assertThat(all.isVisible()).isTrue();
        Bounds rowBounds = all.localToScene(all.getBoundsInLocal());
        Bounds tableBounds = table.localToScene(table.getBoundsInLocal());
        assertThat(rowBounds.getMinY()).isGreaterThanOrEqualTo(tableBounds.getMinY());
        assertThat(rowBounds.getMaxY()).isLessThanOrEqualTo(tableBounds.getMaxY());
    }

    private static MetricsSnapshot snapshot(long second, double seconds) {
        Map<String, TviewRates> tviews = new LinkedHashMap<>();
        for (int i = 0; i < TVIEWS; i++) {
            String entity = "entity" + (char) ('a' + i);
            tviews.put(entity, Snapshots.rates(entity, seconds, i, 0, 0.001, 0.99));
        }
        return new MetricsSnapshot(Instant.ofEpochSecond(second), tviews,
                Snapshots.rates("", seconds, 66, 0, 0.002, null), 1, 0, null);
    }
}
