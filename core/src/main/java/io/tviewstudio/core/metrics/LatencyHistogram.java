package io.tviewstudio.core.metrics;

import java.util.List;

/** Quantiles of a cumulative ("le") histogram, interpolated inside a bucket as Prometheus' histogram_quantile. */
public final class LatencyHistogram {

    private LatencyHistogram() {
    }

    /**
     * The q-quantile (0 &lt; q &lt; 1) in seconds, or {@code null} when the histogram is empty.
     * Values beyond the last finite bound are reported as that bound.
     */
    public static Double quantile(double q, List<Double> bounds, long[] cumulative) {
        if (q <= 0 || q >= 1) {
            throw new IllegalArgumentException("quantile must be between 0 and 1 exclusive: " + q);
        }
        if (cumulative.length == 0 || cumulative[cumulative.length - 1] <= 0) {
            return null;
        }
        double rank = q * cumulative[cumulative.length - 1];
        double lower = 0;
        long below = 0;
        for (int i = 0; i < cumulative.length && i < bounds.size(); i++) {
            double upper = bounds.get(i);
            if (cumulative[i] >= rank) {
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                long inBucket = cumulative[i] - below;
                return inBucket == 0 ? upper : lower + (upper - lower) * (rank - below) / inBucket;
            }
            lower = upper;
            below = cumulative[i];
        }
        return lower;
    }
}
