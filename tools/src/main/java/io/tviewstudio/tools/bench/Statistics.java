package io.tviewstudio.tools.bench;

import java.util.Arrays;

/**
 * Summaries of timed samples. The median is the middle value (the mean of the two middle ones for an
 * even count); the 95th percentile uses the nearest-rank method (the smallest sample that is at least
 * as large as 95 % of them), so it is always a latency that was actually observed.
 */
public final class Statistics {

    private Statistics() {
    }

    /** Summarizes samples given in nanoseconds, in milliseconds. */
    public static Summary ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        double[] millis = new double[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            millis[i] = nanos[i] / 1_000_000.0;
        }
        Arrays.sort(millis);
        return new Summary(millis.length, median(millis), percentile(millis, 95), millis[0], millis[millis.length - 1]);
    }

    /** The median of sorted values. */
    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The nearest-rank percentile of sorted values: the value at rank ceil(p/100 * n), 1-based. */
    static double percentile(double[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** A ratio of two medians, or null when either is missing or the divisor is zero. */
    static Double ratio(Double numerator, Double denominator) {
        if (numerator == null || denominator == null || denominator == 0) {
            return null;
        }
        return numerator / denominator;
    }

    /**
     * Samples in milliseconds.
     *
     * @param count how many samples (after warm-up)
     */
    public record Summary(int count, double medianMs, double p95Ms, double minMs, double maxMs) {
    }
}
