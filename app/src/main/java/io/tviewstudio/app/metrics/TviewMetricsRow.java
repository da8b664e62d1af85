package io.tviewstudio.app.metrics;

import io.tviewstudio.core.metrics.TviewRates;

/**
 * One line of the per-TVIEW table: the newest values over the sampler's window.
 *
 * @param tview           the TVIEW table, or {@link #ALL} for the total line
 * @param p50Millis       median refresh latency, null without refreshes in the window
 * @param cacheHitPercent buffer cache hits of the TVIEW's table and indexes, null before any read
 */
public record TviewMetricsRow(String tview, double refreshesPerSecond, double rowsPerSecond, Double p50Millis,
                              Double p95Millis, Double p99Millis, double enqueuedPerSecond,
                              double coalescedPerSecond, Double cacheHitPercent) {

    public static final String ALL = "All TVIEWs";

    static TviewMetricsRow of(String tview, TviewRates rates) {
        return new TviewMetricsRow(tview, rates.refreshesPerSecond(), rates.rowsWrittenPerSecond(),
                millis(rates.p50Seconds()), millis(rates.p95Seconds()), millis(rates.p99Seconds()),
                rates.enqueuedPerSecond(), coalescedPerSecond(rates),
                rates.cacheHitRatio() == null ? null : rates.cacheHitRatio() * 100);
    }

    static double coalescedPerSecond(TviewRates rates) {
        return rates.seconds() > 0 ? rates.delta().coalesced() / rates.seconds() : 0;
    }

    static Double millis(Double seconds) {
        return seconds == null ? null : seconds * 1000;
    }
}
