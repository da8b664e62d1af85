package io.tviewstudio.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.tools.bench.Scenario;
import io.tviewstudio.tools.bench.Variant;
import io.tviewstudio.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code tviews bench} at a tiny scale against the real test server: every cell is measured, the
 * ratios come from the same run, the TVIEW variants verify clean, pg_ivm (not installed) is skipped
 * with its message, the temporary databases are gone afterwards. No timing is asserted.
 */
class BenchCommandTest extends CliTestSupport {

    private static final List<String> RUNNABLE = List.of("floor", "stmt-trigger", "tview-immediate", "tview-deferred",
            "tview-metrics-off", "refresh", "refresh-concurrently", "manual");

    @Test
    void tinyRunMeasuresEveryCellWithRatiosFromTheSameRun() throws Exception {
        db = TestDatabase.empty();
        Path json = home.resolve("bench.json");
        Path report = home.resolve("bench.md");
        Path chart = home.resolve("bench.png");

        CliRun run = tviews("bench", "--scale", "200", "--warmup", "1", "--repetitions", "3", "--refresh-repetitions", "2",
                "--clients", "2", "--duration", "1", "--json-file", json.toString(), "--report", report.toString(),
                "--chart", chart.toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        JsonNode result = new ObjectMapper().readTree(Files.readString(json));
        assertThat(result.at("/settings/products").asInt()).isEqualTo(200);
        assertThat(result.at("/settings/categories").asInt()).isEqualTo(20);
        assertThat(result.at("/machine/cores").asInt()).isPositive();

        Map<String, JsonNode> cells = new HashMap<>();
        result.get("cells").forEach(cell -> cells.put(cell.get("scenario").asText() + "/" + cell.get("variant").asText(), cell));
        List<String> expected = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            for (String variant : RUNNABLE) {
                expected.add(scenario.key() + "/" + variant);
            }
        }
        assertThat(cells.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (Scenario scenario : Scenario.values()) {
            double floor = cells.get(scenario.key() + "/floor").at("/summary/medianMs").asDouble();
            double trigger = cells.get(scenario.key() + "/stmt-trigger").at("/summary/medianMs").asDouble();
            double refresh = cells.get(scenario.key() + "/refresh").at("/summary/medianMs").asDouble();
            for (String variant : RUNNABLE) {
                JsonNode cell = cells.get(scenario.key() + "/" + variant);
                double median = cell.at("/summary/medianMs").asDouble();
                assertThat(cell.at("/summary/count").asInt()).isEqualTo(variant.startsWith("refresh") ? 2 : 3);
                assertThat(cell.at("/summary/p95Ms").asDouble()).isGreaterThanOrEqualTo(median);
                assertThat(cell.get("ratioToFloor").asDouble()).isCloseTo(median / floor, within(1e-9));
                assertThat(cell.get("ratioToTrigger").asDouble()).isCloseTo(median / trigger, within(1e-9));
                assertThat(cell.get("refreshOverCell").asDouble()).isCloseTo(refresh / median, within(1e-9));
            }
            assertThat(cells.get(scenario.key() + "/floor").get("ratioToFloor").asDouble()).isEqualTo(1.0);
            assertThat(cells.get(scenario.key() + "/stmt-trigger").get("ratioToTrigger").asDouble()).isEqualTo(1.0);
        }

        List<String> throughputVariants = new ArrayList<>();
        result.get("throughput").forEach(t -> {
            throughputVariants.add(t.get("variant").asText());
            assertThat(t.get("clients").asInt()).isEqualTo(2);
            assertThat(t.get("writes").asLong()).isPositive();
        });
        assertThat(throughputVariants).containsExactlyElementsOf(RUNNABLE);

        Map<String, JsonNode> checks = new HashMap<>();
        result.get("checks").forEach(c -> checks.put(c.get("variant").asText(), c.get("check")));
        for (String tview : List.of("tview-immediate", "tview-deferred", "tview-metrics-off")) {
            assertThat(checks.get(tview).get("method").asText()).isEqualTo("pg_tviews_verify()");
            assertThat(checks.get(tview).get("status").asText()).as(tview).isEqualTo("clean");
        }
        assertThat(checks.get("manual").get("status").asText()).isEqualTo("clean");
        assertThat(checks.get("stmt-trigger").get("method").asText()).isEqualTo("tables equal their views");
        assertThat(checks.get("stmt-trigger").get("status").asText()).isEqualTo("clean");

        assertThat(result.get("skipped")).hasSize(1);
        assertThat(result.at("/skipped/0/variant").asText()).isEqualTo("pg-ivm");
        assertThat(result.at("/skipped/0/reason").asText()).startsWith("CREATE EXTENSION pg_ivm failed: ");
        assertThat(run.err()).contains("warning: pg-ivm skipped: CREATE EXTENSION pg_ivm failed: ");
        assertThat(run.out()).contains("skipped pg-ivm: CREATE EXTENSION pg_ivm failed: ");

        assertThat(run.out()).contains("scenario", "category-update", "tview-deferred", "x trigger", "REFRESH / x");
        String markdown = Files.readString(report);
        assertThat(markdown).startsWith("# tviews bench results\n")
                .contains("| scenario | variant | n | median ms | p95 ms | x floor | x trigger | REFRESH / x |",
                        "| bulk-update-10pct | manual |", "## Concurrent clients", "| tview-immediate | pg_tviews_verify() | clean |");
        BufferedImage image = ImageIO.read(chart.toFile());
        assertThat(image.getWidth()).isEqualTo(1000);
        assertThat(image.getHeight()).isGreaterThan(6 * 8 * 14);
        assertThat(benchDatabases()).isEmpty();
    }

    @Test
    void jsonOnStdoutHoldsTheSameDocumentAndSelectedCellsOnly() throws Exception {
        db = TestDatabase.empty();

        CliRun run = tviews("bench", "--scale", "100", "--warmup", "0", "--repetitions", "2", "--clients", "0",
                "--variants", "tview-deferred,floor", "--scenarios", "review-insert", "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertThat(result.get("cells")).hasSize(2);
        assertThat(result.at("/cells/0/variant").asText()).isEqualTo("floor");
        assertThat(result.at("/cells/1/variant").asText()).isEqualTo("tview-deferred");
        assertThat(result.at("/cells/1/refreshOverCell").isNull()).isTrue();
        assertThat(result.at("/cells/1/ratioToTrigger").isNull()).as("no stmt-trigger in this run").isTrue();
        assertThat(result.get("throughput")).isEmpty();
        assertThat(result.get("skipped")).isEmpty();
    }

    @Test
    void embeddedStartsItsOwnServer() throws Exception {
        CliRun run = CliRun.run(Map.of(), home, "bench", "--embedded", "--scale", "100", "--warmup", "0",
                "--repetitions", "1", "--clients", "0", "--variants", "floor,tview-immediate", "--scenarios", "product-update");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.OK);
        assertThat(run.err()).startsWith("starting the embedded PostgreSQL server\n");
        assertThat(run.out()).contains("(embedded postgres (PostgreSQL) ", "tview-immediate");
    }

    @Test
    void badOptionsAreUsageErrorsAndCreateNothing() throws Exception {
        db = TestDatabase.empty();
        Map<List<String>, String> cases = Map.of(
                List.of("--scale", "5"), "--scale must be a product count such as 1k, 100k, 1m or 5000, between 100 and 10m, not \"5\"",
                List.of("--scale", "lots"), "--scale must be a product count such as 1k, 100k, 1m or 5000, between 100 and 10m, not \"lots\"",
                List.of("--variants", "floor,nope"), "--variants: unknown variant \"nope\"; variants: " + variantKeys(),
                List.of("--scenarios", "upsert"), "--scenarios: unknown scenario \"upsert\"; scenarios: product-update, "
                        + "category-update, review-insert, review-delete, bulk-update-1pct, bulk-update-10pct",
                List.of("--repetitions", "0"), "--repetitions must be at least 1, not 0",
                List.of("--clients", "-1"), "--clients must be at least 0, not -1",
                List.of("--scale", "100", "--repetitions", "300"), "--warmup plus --repetitions (305) exceed the reviews "
                        + "the review-delete scenario can delete (200)",
                List.of("--report", "/nonexistent-dir/bench.md"), "--report: cannot write /nonexistent-dir/bench.md: "
                        + "the directory /nonexistent-dir does not exist",
                List.of("--chart", "/nonexistent-dir/bench.png"), "--chart: cannot write /nonexistent-dir/bench.png: "
                        + "the directory /nonexistent-dir does not exist");
        for (Map.Entry<List<String>, String> bad : cases.entrySet()) {
            List<String> args = new ArrayList<>(List.of("bench"));
            args.addAll(bad.getKey());
            CliRun run = tviews(args.toArray(String[]::new));

            assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE);
            assertThat(run.err()).as(run.toString()).isEqualTo("error [invalid_option]: " + bad.getValue() + "\n");
            assertThat(run.out()).isEmpty();
        }
        assertThat(benchDatabases()).isEmpty();
    }

    @Test
    void benchDatabasesAreReachedThroughTheSameUrlWithAnotherPath() {
        assertThat(BenchCommand.withDatabase("jdbc:postgresql://db.example.com:5433/sales?sslmode=require", "tviews_bench_1"))
                .isEqualTo("jdbc:postgresql://db.example.com:5433/tviews_bench_1?sslmode=require");
        assertThat(BenchCommand.withDatabase("jdbc:postgresql://[::1]:5432/my%20db", "tviews_bench_2"))
                .isEqualTo("jdbc:postgresql://[::1]:5432/tviews_bench_2");
        assertThat(BenchCommand.withDatabase("jdbc:postgresql://localhost", "tviews_bench_3"))
                .isEqualTo("jdbc:postgresql://localhost/tviews_bench_3");
    }

    private static String variantKeys() {
        List<String> keys = new ArrayList<>();
        for (Variant variant : Variant.values()) {
            keys.add(variant.key());
        }
        return String.join(", ", keys);
    }

    private List<String> benchDatabases() throws SQLException {
        return db.column("SELECT datname FROM pg_database WHERE datname LIKE 'tviews\\_bench\\_%'");
    }
}
