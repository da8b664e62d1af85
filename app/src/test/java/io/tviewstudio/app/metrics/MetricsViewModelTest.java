package io.tviewstudio.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.metrics.MetricsSampler;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without the JavaFX toolkit: the view-model's UI steps run on the test's thread. */
class MetricsViewModelTest {

    /** Snapshots are fed by hand; a sampler is made only by connect(). */
    private final MetricsViewModel viewModel = new MetricsViewModel(
            source -> new MetricsSampler(source, MetricsViewModel.RATE_WINDOW, 1), Runnable::run);

    @Test
    void theFirstSnapshotOnlySetsTheBaselineAndTheSecondDrawsEveryLine() {
        viewModel.accept(Snapshots.at(1000, 0, 0, 0));
        assertThat(viewModel.refreshes().series()).isEmpty();
        assertThat(viewModel.rows()).isEmpty();

        viewModel.accept(Snapshots.at(1001, 1, 12.5, 0.5));

        assertThat(viewModel.refreshes().series()).extracting(line -> line.getName())
                .containsExactly("tv_comment", "tv_post");
        assertThat(viewModel.refreshes().line("tv_post").getData()).singleElement().satisfies(point -> {
            assertThat(point.getXValue().doubleValue()).isEqualTo(1001.0);
            assertThat(point.getYValue().doubleValue()).isEqualTo(12.5);
        });
        assertThat(viewModel.rowsWritten().line("tv_post").getData().get(0).getYValue()).isEqualTo(25.0);
        assertThat(viewModel.latency().points(MetricsViewModel.P95)).isEqualTo(1);
        assertThat(viewModel.latency().line(MetricsViewModel.P95).getData().get(0).getYValue().doubleValue())
                .isEqualTo(4.0);
        assertThat(viewModel.queue().points(MetricsViewModel.COALESCED)).isEqualTo(1);
        assertThat(viewModel.cacheHits().points("tv_post")).isEqualTo(1);
        assertThat(viewModel.cacheHits().points("tv_comment")).as("no cache reads yet: no point").isZero();

        assertThat(viewModel.rows()).extracting(TviewMetricsRow::tview)
                .containsExactly(TviewMetricsRow.ALL, "tv_comment", "tv_post");
        TviewMetricsRow post = viewModel.rows().get(2);
        assertThat(post.p95Millis()).isEqualTo(2.0);
        assertThat(post.cacheHitPercent()).isCloseTo(99.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(viewModel.refreshRatesProperty().get()).containsEntry("tv_post", 12.5).containsEntry("tv_comment", 0.5);
        assertThat(viewModel.refreshHeadlineProperty().get()).isEqualTo("13.0/s \u00b7 26.0 rows/s");
        assertThat(viewModel.latencyHeadlineProperty().get()).isEqualTo("p95 4.0 ms");
        assertThat(viewModel.queueHeadlineProperty().get()).isEqualTo("2 open transactions (1 deferred)");
        assertThat(viewModel.cacheHeadlineProperty().get()).isEqualTo("lowest 99.5 %");
        assertThat(viewModel.latestProperty().get()).isEqualTo(1001.0);
    }

    @Test
    void pointsOlderThanTheWindowAreDropped() {
        viewModel.windowProperty().set(Duration.ofMinutes(1));
        for (int second = 0; second <= 100; second++) {
            viewModel.accept(Snapshots.at(10_000 + second, 1, second, 1));
        }
        assertThat(viewModel.refreshes().points("tv_post")).isEqualTo(61);
        assertThat(viewModel.refreshes().line("tv_post").getData().get(0).getXValue().doubleValue())
                .isEqualTo(10_040.0);

        viewModel.windowProperty().set(Duration.ofMinutes(5));
        viewModel.accept(Snapshots.at(10_101, 1, 1, 1));
        assertThat(viewModel.refreshes().points("tv_post")).as("a longer window keeps what is left").isEqualTo(62);
    }

    @Test
    void aFailedPollShowsTheErrorKeepsTheChartsAndTheNextGoodOneClearsIt() {
        viewModel.accept(Snapshots.at(1000, 0, 0, 0));
        viewModel.accept(Snapshots.at(1001, 1, 5, 5));

        viewModel.accept(Snapshots.failed(1002, "PSQLException [08006]: An I/O error occurred while sending to the backend."));

        assertThat(viewModel.errorProperty().get()).isEqualTo("Lost the metrics connection; retrying every 1 s. "
                + "PSQLException [08006]: An I/O error occurred while sending to the backend.");
        assertThat(viewModel.refreshes().points("tv_post")).isEqualTo(1);
        assertThat(viewModel.samplesProperty().get()).isEqualTo(3);

        viewModel.accept(Snapshots.at(1003, 2, 6, 6));
        assertThat(viewModel.errorProperty().get()).isEmpty();
        assertThat(viewModel.refreshes().points("tv_post")).isEqualTo(2);
    }

    @Test
    void statusFollowsConnectionPauseAndInterval() throws InterruptedException {
        // What the poller's thread finds waits here until the test runs it, as the FX thread would.
        BlockingQueue<Runnable> uiSteps = new LinkedBlockingQueue<>();
        MetricsViewModel polled = new MetricsViewModel(
                source -> new MetricsSampler(source, MetricsViewModel.RATE_WINDOW, 1), uiSteps::add);
        assertThat(polled.statusProperty().get()).isEqualTo("Not connected");
        polled.connect(() -> {
            throw new SQLException("connection refused", "08001");
        });
        try {
            Runnable failedPoll = uiSteps.poll(20, TimeUnit.SECONDS);
            assertThat(failedPoll).as("the failed poll, handed to the UI executor").isNotNull();
            assertThat(polled.errorProperty().get()).as("not shown before the UI step runs").isEmpty();

            failedPoll.run();
            assertThat(polled.errorProperty().get()).contains("[08001]: connection refused");
            assertThat(polled.statusProperty().get()).isEqualTo("Reconnecting\u2026");

            polled.pause();
            assertThat(polled.statusProperty().get()).isEqualTo("Paused");
            assertThat(polled.pausedProperty().get()).isTrue();

            polled.intervalProperty().set(Duration.ofSeconds(5));
            polled.resume();
            assertThat(polled.pausedProperty().get()).isFalse();
            assertThat(polled.statusProperty().get()).isIn("Reconnecting\u2026", "Live \u00b7 every 5 s");
        } finally {
            polled.disconnect();
        }
        assertThat(polled.statusProperty().get()).isEqualTo("Not connected");
        assertThat(polled.errorProperty().get()).isEmpty();

        // A poll of the closed connection that was still on its way changes nothing.
        uiSteps.forEach(Runnable::run);
        assertThat(polled.errorProperty().get()).isEmpty();
        assertThat(polled.samplesProperty().get()).isZero();
    }

    @Test
    void disconnectEmptiesChartsTableAndGraphRates() {
        viewModel.accept(Snapshots.at(1000, 0, 0, 0));
        viewModel.accept(Snapshots.at(1001, 1, 5, 5));

        viewModel.disconnect();

        assertThat(viewModel.refreshes().series()).isEmpty();
        assertThat(viewModel.latency().series()).extracting(line -> line.getName())
                .containsExactly("p50", "p95", "p99");
        assertThat(viewModel.latency().points(MetricsViewModel.P50)).isZero();
        assertThat(viewModel.rows()).isEmpty();
        assertThat(viewModel.refreshRatesProperty().get()).isEmpty();
        assertThat(viewModel.refreshHeadlineProperty().get()).isEmpty();
    }

    @Test
    void numbersAreWrittenWithAboutThreeDigits() {
        assertThat(List.of(MetricsFormat.rate(0), MetricsFormat.rate(0.25), MetricsFormat.rate(12.34),
                MetricsFormat.rate(1234.5))).containsExactly("0", "0.25", "12.3", "1,235");
        assertThat(List.of(MetricsFormat.millis(null), MetricsFormat.millis(0.42), MetricsFormat.millis(3.14),
                MetricsFormat.millis(250.0))).containsExactly("\u2013", "0.42 ms", "3.1 ms", "250 ms");
        assertThat(MetricsFormat.percent(99.71)).isEqualTo("99.7 %");
        assertThat(List.of(MetricsFormat.duration(Duration.ofSeconds(30)), MetricsFormat.duration(Duration.ofMinutes(15))))
                .containsExactly("30 s", "15 min");
    }
}
