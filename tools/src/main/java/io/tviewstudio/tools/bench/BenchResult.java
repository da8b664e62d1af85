package io.tviewstudio.tools.bench;

import java.util.List;

/**
 * Everything one run measured, as written to JSON and Markdown.
 *
 * @param cells      one per scenario and variant that ran, in scenario order then variant order
 * @param skipped    variants the server could not run, with the reason
 */
public record BenchResult(String startedAt, String server, String serverVersion, MachineInfo machine,
                          Settings settings, List<Cell> cells, List<Throughput> throughput, List<VariantCheck> checks,
                          List<Skipped> skipped) {

    public BenchResult {
        cells = List.copyOf(cells);
        throughput = List.copyOf(throughput);
        checks = List.copyOf(checks);
        skipped = List.copyOf(skipped);
    }

    /** The run's options as recorded. */
    public record Settings(String scale, int products, int categories, int users, int reviews, int warmup,
                           int repetitions, int refreshRepetitions, long seed, int clients, int durationSeconds) {
        static Settings of(BenchOptions options) {
            ShopSize size = options.size();
            return new Settings(size.label(), size.products(), size.categories(), size.users(), size.reviews(),
                    options.warmup(), options.repetitions(), options.refreshRepetitions(), options.seed(),
                    options.clients(), options.durationSeconds());
        }
    }

    /**
     * One scenario under one variant.
     *
     * @param ratioToFloor      median / the floor's median of the same scenario in this run
     * @param ratioToTrigger    median / the hand-written statement trigger's (stmt-trigger) median of the same
     *                          scenario in this run
     * @param refreshOverCell   the full REFRESH variant's median / this median: how many times faster than REFRESH
     */
    public record Cell(String scenario, String variant, Statistics.Summary summary, Double ratioToFloor,
                       Double ratioToTrigger, Double refreshOverCell) {
    }

    public record VariantCheck(String variant, Variant.Check check) {
    }

    public record Skipped(String variant, String reason) {
    }

    /** Whether any variant's consistency check failed. */
    public boolean anyCheckFailed() {
        return checks.stream().anyMatch(check -> check.check().failed());
    }
}
