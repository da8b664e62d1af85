package io.tviewstudio.core.metrics;

import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sampler against a real database: a known workload between two polls shows up exactly. */
class MetricsSamplerTest {

    private TestDatabase db;
    private MetricsSampler sampler;

    @BeforeEach
    void createBlog() throws SQLException {
        db = BlogSchema.withTviews();
        sampler = new MetricsSampler(db::connect, Duration.ofHours(1), 100);
    }

    @AfterEach
    void close() throws SQLException {
        sampler.close();
        db.close();
    }

    @Test
    void deltasRatesAndPercentilesMatchTheWorkDoneBetweenTwoPolls() throws SQLException {
        MetricsSnapshot first = sampler.poll();
        assertThat(first.ok()).as(first.error()).isTrue();
        assertThat(first.total().delta().refreshes()).isZero();

        for (int i = 0; i < 5; i++) {  // five post titles: tv_post, tv_category and tv_comment each refresh once
            db.execute("UPDATE tb_post SET title = 'retitled " + i + "' WHERE pk_post = 1");
        }
        db.execute("SELECT pg_tviews_cascade('tb_post'::regclass, 2)");  // recomputed, nothing changes
        db.execute("INSERT INTO tb_post (fk_user, fk_category, title) VALUES (2, 2, 'new')");
        db.execute("DELETE FROM tb_post WHERE pk_post = 3");  // tv_comment rows of post 3 go with it

        MetricsSnapshot second = sampler.poll();
        assertThat(second.ok()).as(second.error()).isTrue();
        TviewCounters post = second.tviews().get("post").delta();
        assertThat(post.refreshes()).isEqualTo(8);
        assertThat(post.rowsUpdated()).isEqualTo(5);
        assertThat(post.rowsSkipped()).isEqualTo(1);
        assertThat(post.rowsInserted()).isEqualTo(1);
        assertThat(post.rowsDeleted()).isEqualTo(1);
        assertThat(post.enqueued()).isEqualTo(8);
        assertThat(post.coalesced()).isZero();
        assertThat(post.latencyCount()).isEqualTo(8);
        long[] buckets = post.latencyBuckets();
        assertThat(buckets[buckets.length - 1]).as("+Inf bucket counts every refresh").isEqualTo(8);

        TviewRates rates = second.tviews().get("post");
        assertThat(rates.seconds()).isPositive();
        assertThat(rates.refreshesPerSecond()).isCloseTo(8 / rates.seconds(), within(1e-9));
        assertThat(rates.rowsWrittenPerSecond()).isCloseTo(7 / rates.seconds(), within(1e-9));
        List<Double> bounds = sampler.readings().getLast().latencyBounds();
        assertThat(rates.p50Seconds()).isEqualTo(LatencyHistogram.quantile(0.5, bounds, buckets));
        assertThat(rates.p99Seconds()).isEqualTo(LatencyHistogram.quantile(0.99, bounds, buckets));
        assertThat(rates.p50Seconds()).isLessThanOrEqualTo(rates.p95Seconds()).isLessThanOrEqualTo(rates.p99Seconds());
        // The Java quantile agrees with the runtime's own estimate over the same (whole) histogram.
        double sqlP95 = ((Number) db.scalar(
                "SELECT pg_tviews_metrics_quantile(0.95, latency_buckets) FROM pg_tviews_metrics WHERE entity = 'post'"))
                .doubleValue();
        assertThat(rates.p95Seconds()).isCloseTo(sqlP95, within(1e-12));

        assertThat(second.total().delta().refreshes())
                .isEqualTo(second.tviews().values().stream().mapToLong(r -> r.delta().refreshes()).sum());
        assertThat(second.tviews().get("post").delta().cascades()).as("keys queued for tv_category and tv_comment")
                .isPositive();
        assertThat(sampler.history()).containsExactly(first, second);
    }

    @Test
    void aDroppedConnectionIsReportedAndSamplingResumes() throws SQLException {
        List<MetricsSnapshot> published = new ArrayList<>();
        sampler.addListener(published::add);
        assertThat(sampler.poll().ok()).isTrue();
        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND pid <> pg_backend_pid()");

        MetricsSnapshot failed = sampler.poll();
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).contains("SQLException");

        db.execute("UPDATE tb_post SET title = 'after the outage' WHERE pk_post = 1");
        MetricsSnapshot resumed = sampler.poll();
        assertThat(resumed.ok()).as(resumed.error()).isTrue();
        assertThat(resumed.tviews().get("post").delta().refreshes()).as("delta against the reading before the outage")
                .isEqualTo(1);
        assertThat(published).containsExactly(sampler.history().toArray(MetricsSnapshot[]::new));
    }

    @Test
    void aRoleWithOnlyPgMonitorCanSample() throws SQLException {
        db.execute("CREATE ROLE metrics_watcher LOGIN IN ROLE pg_monitor");
        db.execute("UPDATE tb_post SET title = 'watched' WHERE pk_post = 1");
        try (MetricsSampler watcher = new MetricsSampler(() -> db.connectAs("metrics_watcher"), Duration.ofMinutes(1), 10)) {
            MetricsSnapshot snapshot = watcher.poll();
            assertThat(snapshot.ok()).as(snapshot.error()).isTrue();
            assertThat(snapshot.tviews()).containsOnlyKeys("post", "category", "comment");
        }
        try (Connection watcher = db.connectAs("metrics_watcher")) {
            assertThat(TestDatabase.query(watcher, "SELECT * FROM pg_tviews_performance_summary")).hasSize(3);
            assertThat(TestDatabase.query(watcher, "SELECT * FROM pg_tviews_cache_stats")).isNotEmpty();
            assertThat(TestDatabase.query(watcher, "SELECT * FROM pg_tviews_statement_stats()")).isEmpty();
        }
    }

    @Test
    void theWindowKeepsTheNewestReadingAtLeastAWindowOldAsBaseline() throws SQLException {
        try (MetricsSampler shortWindow = new MetricsSampler(db::connect, Duration.ofNanos(1), 2)) {
            shortWindow.poll();
            db.execute("UPDATE tb_post SET title = 'one' WHERE pk_post = 1");
            shortWindow.poll();
            db.execute("UPDATE tb_post SET title = 'two' WHERE pk_post = 1");
            db.execute("UPDATE tb_post SET title = 'three' WHERE pk_post = 1");
            MetricsSnapshot third = shortWindow.poll();
            assertThat(third.tviews().get("post").delta().refreshes()).as("only the work since the previous poll")
                    .isEqualTo(2);
            assertThat(shortWindow.history()).hasSize(2);
        }
    }
}
