package io.tviewstudio.tools.bench;

import java.util.List;

/**
 * What to run.
 *
 * @param repetitions        timed writes per cell (after warm-up)
 * @param refreshRepetitions at most this many timed writes per cell for the full-refresh variants,
 *                           whose writes take whole seconds at larger scales
 * @param clients            concurrent clients of the throughput run (0: no throughput run)
 * @param durationSeconds    length of each throughput run
 */
public record BenchOptions(ShopSize size, int warmup, int repetitions, int refreshRepetitions, long seed,
                           int clients, int durationSeconds, List<Variant> variants, List<Scenario> scenarios) {

    public BenchOptions {
        if (warmup < 0 || repetitions < 1 || refreshRepetitions < 1 || clients < 0 || durationSeconds < 1) {
            throw new IllegalArgumentException("warm-up >= 0, repetitions >= 1, clients >= 0 and duration >= 1 needed");
        }
        variants = List.copyOf(variants);
        scenarios = List.copyOf(scenarios);
    }

    /** Timed writes of one cell under the variant. */
    int repetitionsFor(Variant variant) {
        return variant.isFullRefresh() ? Math.min(repetitions, refreshRepetitions) : repetitions;
    }

    /** Untimed writes before them: one is enough to warm caches for a write that rereads whole views. */
    int warmupFor(Variant variant) {
        return variant.isFullRefresh() ? Math.min(warmup, 1) : warmup;
    }
}
