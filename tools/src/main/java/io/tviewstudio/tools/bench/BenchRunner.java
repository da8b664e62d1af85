package io.tviewstudio.tools.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the benchmark on one server in one process: loads the shop once into a template database,
 * then gives every variant a fresh copy of it, sets the variant up, times each scenario's writes
 * (warm-up first, the same seeded sequence of writes for every variant), runs the concurrent
 * clients, checks the read models, and drops the copy. Ratios are computed against the floor, the
 * hand-written statement trigger and the full REFRESH of this same run, never against numbers from
 * elsewhere.
 */
public final class BenchRunner {

    /** Every database the benchmark creates starts with this; it drops them all when done. */
    public static final String DATABASE_PREFIX = "tviews_bench_";

    private static final AtomicInteger RUNS = new AtomicInteger();

    private final BenchServer server;
    private final BenchOptions options;
    private final BenchListener listener;
    private final String runName;

    public BenchRunner(BenchServer server, BenchOptions options, BenchListener listener) {
        this.server = server;
        this.options = options;
        this.listener = listener;
        this.runName = DATABASE_PREFIX + ProcessHandle.current().pid() + "_" + RUNS.incrementAndGet();
    }

    public BenchResult run() throws SQLException {
        MachineInfo machine = MachineInfo.current();
        String startedAt = Instant.now().toString();
        String template = runName + "_shop";
        Map<Variant, Map<Scenario, Statistics.Summary>> measured = new EnumMap<>(Variant.class);
        List<Throughput> throughput = new ArrayList<>();
        List<BenchResult.VariantCheck> checks = new ArrayList<>();
        List<BenchResult.Skipped> skipped = new ArrayList<>();
        String serverVersion;
        try (Connection admin = server.connect(server.maintenanceDatabase())) {
            serverVersion = scalar(admin, "SELECT current_setting('server_version')");
            ShopSize size = options.size();
            listener.progress("loading the shop: " + size.products() + " products, " + size.categories() + " categories, "
                    + size.users() + " users, " + size.reviews() + " reviews");
            createDatabase(admin, template, "template0");
            try {
                try (Connection shop = server.connect(template)) {
                    ShopSchema.load(shop, size, options.seed());
                }
                for (Variant variant : options.variants()) {
                    String database = runName + "_" + variant.key().replace('-', '_');
                    createDatabase(admin, database, template);
                    try {
                        runVariant(variant, database, measured, throughput, checks, skipped);
                    } finally {
                        dropDatabase(admin, database);
                    }
                }
            } finally {
                dropDatabase(admin, template);
            }
        }
        return new BenchResult(startedAt, server.description(), serverVersion, machine, BenchResult.Settings.of(options),
                cells(measured), withShares(throughput), checks, skipped);
    }

    private void runVariant(Variant variant, String database, Map<Variant, Map<Scenario, Statistics.Summary>> measured,
                            List<Throughput> throughput, List<BenchResult.VariantCheck> checks,
                            List<BenchResult.Skipped> skipped) throws SQLException {
        try (Connection connection = server.connect(database)) {
            listener.progress(variant.key() + ": setting up (" + variant.description() + ")");
            try {
                variant.setUp(connection);
            } catch (Variant.Unavailable unavailable) {
                String reason = unavailable.getMessage();
                skipped.add(new BenchResult.Skipped(variant.key(), reason));
                listener.warning(variant.key() + " skipped: " + reason);
                return;
            }
            ShopSql.execute(connection, "VACUUM ANALYZE");
            Map<Scenario, Statistics.Summary> cells = measured.computeIfAbsent(variant, v -> new EnumMap<>(Scenario.class));
            for (Scenario scenario : options.scenarios()) {
                cells.put(scenario, time(connection, variant, scenario));
                listener.progress(variant.key() + " / " + scenario.key() + ": median "
                        + Report.millis(cells.get(scenario).medianMs()) + " ms");
            }
            if (options.clients() > 0) {
                listener.progress(variant.key() + ": " + options.clients() + " clients for " + options.durationSeconds() + " s");
                throughput.add(ConcurrentLoad.run(server, database, variant, options.size(), options.clients(),
                        options.durationSeconds(), options.seed()));
            }
            Variant.Check check = variant.check(connection);
            checks.add(new BenchResult.VariantCheck(variant.key(), check));
            if (check.failed()) {
                listener.warning("CONSISTENCY CHECK FAILED for " + variant.key() + " (" + check.method() + "): "
                        + String.join("; ", check.problems()));
            }
        }
    }

    private Statistics.Summary time(Connection connection, Variant variant, Scenario scenario) throws SQLException {
        Random random = new Random(options.seed() * 31 + scenario.ordinal());
        int iteration = 0;
        for (int i = 0; i < options.warmupFor(variant); i++) {
            variant.write(connection, scenario, new Scenario.Step(iteration++, random, options.size()));
        }
        long[] samples = new long[options.repetitionsFor(variant)];
        for (int i = 0; i < samples.length; i++) {
            Scenario.Step step = new Scenario.Step(iteration++, random, options.size());
            long begin = System.nanoTime();
            variant.write(connection, scenario, step);
            samples[i] = System.nanoTime() - begin;
        }
        return Statistics.ofNanos(samples);
    }

    private List<BenchResult.Cell> cells(Map<Variant, Map<Scenario, Statistics.Summary>> measured) {
        List<BenchResult.Cell> cells = new ArrayList<>();
        for (Scenario scenario : options.scenarios()) {
            Double floor = median(measured, Variant.FLOOR, scenario);
            Double trigger = median(measured, Variant.STMT_TRIGGER, scenario);
            Double refresh = median(measured, Variant.REFRESH, scenario);
            for (Variant variant : options.variants()) {
                Statistics.Summary summary = measured.getOrDefault(variant, Map.of()).get(scenario);
                if (summary != null) {
                    cells.add(new BenchResult.Cell(scenario.key(), variant.key(), summary,
                            Statistics.ratio(summary.medianMs(), floor), Statistics.ratio(summary.medianMs(), trigger),
                            Statistics.ratio(refresh, summary.medianMs())));
                }
            }
        }
        return cells;
    }

    private static Double median(Map<Variant, Map<Scenario, Statistics.Summary>> measured, Variant variant, Scenario scenario) {
        Statistics.Summary summary = measured.getOrDefault(variant, Map.of()).get(scenario);
        return summary == null ? null : summary.medianMs();
    }

    private static List<Throughput> withShares(List<Throughput> runs) {
        Double floor = runs.stream().filter(run -> run.variant().equals(Variant.FLOOR.key()))
                .map(Throughput::writesPerSecond).findFirst().orElse(null);
        return runs.stream().map(run -> new Throughput(run.variant(), run.clients(), run.seconds(), run.writes(),
                run.failures(), run.writesPerSecond(), run.medianMs(), run.p95Ms(),
                Statistics.ratio(run.writesPerSecond(), floor))).toList();
    }

    private static void createDatabase(Connection admin, String name, String template) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        }
    }

    private static void dropDatabase(Connection admin, String name) throws SQLException {
        try (Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
