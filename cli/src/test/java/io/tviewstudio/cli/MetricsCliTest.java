package io.tviewstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.TviewCounters;
import io.tviewstudio.core.metrics.export.ExpositionGrammar;
import io.tviewstudio.core.metrics.export.JsonFormat;
import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.tviewstudio.core.metrics.export.ExpositionGrammar.value;
import static org.assertj.core.api.Assertions.assertThat;

/** tviews metrics against the real server after a known workload: the printed counts are exact. */
class MetricsCliTest extends CliTestSupport {

    /**
     * From zero: five retitles of post 1, a no-op update of post 2, one new post, one deleted post.
     * tv_post refreshes 8 times: 5 rows updated, 1 skipped, 1 inserted, 1 deleted.
     */
    private void knownWorkload() throws SQLException {
        db = BlogSchema.withTviews();
        db.execute("TRUNCATE pg_tviews_metrics_counters, pg_tviews_metrics_events");
        for (int i = 0; i < 5; i++) {
            db.execute("UPDATE tb_post SET title = 'retitled " + i + "' WHERE pk_post = 1");
        }
        db.execute("SELECT pg_tviews_cascade('tb_post'::regclass, 2)");  // recomputed, nothing changes (an UPDATE that changes nothing queues nothing)
        db.execute("INSERT INTO tb_post (fk_user, fk_category, title) VALUES (2, 2, 'new')");
        db.execute("DELETE FROM tb_post WHERE pk_post = 3");
    }

    private long counted(String column, String entity) throws SQLException {
        return (Long) db.scalar("SELECT " + column + " FROM pg_tviews_metrics WHERE entity = '" + entity + "'");
    }

    @Test
    void textShowsATableOfTotalsPerTview() throws SQLException {
        knownWorkload();

        CliRun run = tviews("metrics");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).containsPattern("\\A\\S+Z, totals since the counters started: 3 TVIEW\\(s\\), "
                + "0 open transaction\\(s\\) with TVIEW work \\(0 deferred\\)\n");
        assertThat(run.out()).containsPattern(
                "(?m)^  tview +refreshes +inserted +updated +deleted +skipped +errors +p50 ms +p95 ms +p99 ms$");
        assertThat(run.out()).containsPattern("(?m)^  public\\.tv_post +8 +1 +5 +1 +1 +0 +\\d+\\.\\d{3} +\\d+\\.\\d{3} +\\d+\\.\\d{3}$");
        long comments = counted("refreshes", "comment");
        assertThat(run.out()).containsPattern("(?m)^  public\\.tv_comment +" + comments + " ");
        long all = (Long) db.scalar("SELECT sum(refreshes)::bigint FROM pg_tviews_metrics");
        assertThat(run.out()).containsPattern("(?m)^  total +" + all + " +");
    }

    @Test
    void prometheusPrintsTheExactCountersInValidExposition() throws SQLException {
        knownWorkload();

        CliRun run = tviews("metrics", "--format", "prometheus");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).isEmpty();
        List<ExpositionGrammar.Sample> samples = ExpositionGrammar.parse(run.out());
        assertThat(run.out()).contains("tviews_refreshes_total{tview=\"public.tv_post\"} 8\n",
                "tviews_rows_written_total{tview=\"public.tv_post\",kind=\"inserted\"} 1\n",
                "tviews_rows_written_total{tview=\"public.tv_post\",kind=\"updated\"} 5\n",
                "tviews_rows_written_total{tview=\"public.tv_post\",kind=\"deleted\"} 1\n",
                "tviews_rows_skipped_total{tview=\"public.tv_post\"} 1\n",
                "tviews_queue_enqueued_total{tview=\"public.tv_post\"} 8\n",
                "tviews_queue_coalesced_total{tview=\"public.tv_post\"} 0\n",
                "tviews_refresh_duration_seconds_bucket{tview=\"public.tv_post\",le=\"+Inf\"} 8\n",
                "tviews_refresh_duration_seconds_count{tview=\"public.tv_post\"} 8\n",
                "tviews_queue_open_transactions 0\n");
        for (String entity : List.of("post", "category", "comment")) {
            String tview = "public.tv_" + entity;
            assertThat(value(samples, "tviews_refreshes_total", "tview", tview)).isEqualTo(counted("refreshes", entity));
            assertThat(value(samples, "tviews_cascades_total", "tview", tview)).isEqualTo(counted("cascades", entity));
            assertThat(value(samples, "tviews_refresh_duration_seconds_count", "tview", tview))
                    .isEqualTo(counted("latency_count", entity));
            assertThat(value(samples, "tviews_refresh_duration_seconds_bucket", "tview", tview, "le", "0.0001"))
                    .isEqualTo(((Number) db.scalar("SELECT latency_buckets[1] FROM pg_tviews_metrics WHERE entity = '"
                            + entity + "'")).doubleValue());
        }
        // PostgreSQL publishes buffer statistics with a delay, so a fresh TVIEW may have no ratio yet.
        assertThat(samples).filteredOn(s -> s.name().equals("tviews_cache_hit_ratio"))
                .allSatisfy(s -> assertThat(s.value()).isBetween(0.0, 1.0));
        assertThat(samples).filteredOn(s -> s.name().equals("tviews_refresh_duration_seconds_bucket")
                && s.labels().get("tview").equals("public.tv_post")).hasSize(17);
    }

    @Test
    void jsonIsTheReadingAndTheJsonFlagIsTheSame() throws Exception {
        knownWorkload();

        CliRun run = tviews("metrics", "--format", "json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        MetricsReading reading = JsonFormat.read(run.out());
        TviewCounters post = reading.tviews().get("post");
        assertThat(post.tview()).isEqualTo("public.tv_post");
        assertThat(List.of(post.refreshes(), post.rowsInserted(), post.rowsUpdated(), post.rowsDeleted(),
                post.rowsSkipped(), post.enqueued(), post.latencyCount())).containsExactly(8L, 1L, 5L, 1L, 1L, 8L, 8L);
        assertThat(reading.tviews()).containsOnlyKeys("post", "category", "comment");
        assertThat(reading.latencyBounds()).hasSize(17).endsWith(Double.POSITIVE_INFINITY);

        CliRun flag = tviews("metrics", "--json");
        assertThat(flag.exit()).as(flag.toString()).isEqualTo(ExitCode.OK);
        assertThat(JsonFormat.read(flag.out()).tviews().get("post")).as("nothing was written in between").isEqualTo(post);
    }

    @Test
    void watchPrintsEveryReadingAndTheRatesSinceThePreviousOne() throws Exception {
        knownWorkload();

        CliRun text = tviews("metrics", "--watch", "1", "--count", "2");

        assertThat(text.exit()).as(text.toString()).isEqualTo(ExitCode.OK);
        assertThat(text.out()).containsPattern("(?m)^\\S+Z, totals since the counters started: 3 TVIEW");
        assertThat(text.out()).containsPattern("(?m)^\\S+Z, last \\d+\\.\\d s: 3 TVIEW\\(s\\)");
        assertThat(text.out()).containsPattern(
                "(?m)^  tview +refreshes/s +rows/s +enqueued/s +errors +p50 ms +p95 ms +p99 ms$");
        assertThat(text.out()).as("nothing refreshed in the second").containsPattern(
                "(?m)^  public\\.tv_post +0\\.0 +0\\.0 +0\\.0 +0 +- +- +-$");

        CliRun json = tviews("metrics", "--format", "json", "--watch", "1", "--count", "2");

        assertThat(json.exit()).as(json.toString()).isEqualTo(ExitCode.OK);
        String[] lines = json.out().split("\n");
        assertThat(lines).hasSize(2);
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(lines[0]).has("window")).isFalse();
        JsonNode second = mapper.readTree(lines[1]);
        assertThat(second.get("window").get("seconds").asDouble()).isGreaterThan(0);
        assertThat(second.get("window").get("refreshes").asLong()).isZero();
        assertThat(JsonFormat.read(lines[1]).tviews().get("post").refreshes()).isEqualTo(8);

        CliRun prometheus = tviews("metrics", "--format", "prometheus", "--watch", "1", "--count", "2");
        assertThat(prometheus.exit()).as(prometheus.toString()).isEqualTo(ExitCode.OK);
        String[] readings = prometheus.out().split("\n\n");
        assertThat(readings).hasSize(2);
        for (String reading : readings) {
            assertThat(value(ExpositionGrammar.parse(reading + "\n"), "tviews_refreshes_total", "tview", "public.tv_post"))
                    .isEqualTo(8);
        }
    }

    @Test
    void badOptionsAreUsageErrorsAndNothingIsReadOrChanged() throws SQLException {
        db = BlogSchema.withTviews();
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        Map<List<String>, String> refused = Map.of(
                List.of("--format", "foo"), "error [usage]: Invalid value for option '--format': expected one of "
                        + "[text, json, prometheus] (case-sensitive) but was 'foo'\nhint: Run: tviews metrics --help\n",
                List.of("--watch", "0"), "error [usage]: --watch must be a whole number of seconds, at least 1: 0\n",
                List.of("--watch", "-5"), "error [usage]: --watch must be a whole number of seconds, at least 1: -5\n",
                List.of("--watch", "1.5"), "error [usage]: Invalid value for option '--watch': '1.5' is not an int\n"
                        + "hint: Run: tviews metrics --help\n",
                List.of("--count", "3"), "error [usage]: --count needs --watch\n",
                List.of("--watch", "1", "--count", "0"), "error [usage]: --count must be at least 1: 0\n",
                List.of("--json", "--format", "prometheus"), "error [usage]: --json contradicts --format prometheus\n");
        for (Map.Entry<List<String>, String> bad : refused.entrySet()) {
            String[] args = Stream.concat(Stream.of("metrics"), bad.getKey().stream()).toArray(String[]::new);

            CliRun run = tviews(args);

            assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(String.join(" ", args)).isEqualTo(bad.getValue());
            // --json asks for errors as JSON on stdout as well.
            assertThat(run.out().isEmpty()).as(run.toString()).isEqualTo(!bad.getKey().contains("--json"));
        }
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
    }

    @Test
    void aJsonFormatErrorIsAlsoJsonOnStdout() throws Exception {
        db = BlogSchema.withTviews();

        CliRun run = tviews("metrics", "--format", "json", "--watch", "0");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE);
        JsonNode error = new ObjectMapper().readTree(run.out());
        assertThat(error.get("exitCode").asInt()).isEqualTo(ExitCode.USAGE);
        assertThat(error.get("error").get("message").asText()).isEqualTo("--watch must be a whole number of seconds, at least 1: 0");
    }

    @Test
    void withoutTheRuntimeItExits5() throws SQLException {
        db = TestDatabase.empty();

        CliRun run = tviews("metrics", "--format", "prometheus");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.RUNTIME_MISSING);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error [runtime_not_installed]: the TVIEW runtime is not installed in database \""
                + db.name() + "\" at 127.0.0.1:" + db.server().port() + "\n"
                + "hint: Install it with: tviews install (or psql -f sql/install.sql).\n");
    }
}
