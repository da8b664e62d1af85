package io.tviewstudio.app.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the time axis puts its labels: on round wall-clock times (every 5, 10, 15 or 30 seconds,
 * every minute, …), never on the odd second the newest sample happened to arrive at.
 */
final class TimeTicks {

    /** The steps a time axis may use, in seconds. */
    static final List<Integer> STEPS = List.of(1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200);

    private TimeTicks() {
    }

    /** The smallest step that puts at most {@code maxTicks} labels on {@code span} seconds. */
    static int step(double span, int maxTicks) {
        return STEPS.stream().filter(step -> span / step <= maxTicks).findFirst().orElse(STEPS.getLast());
    }

    /**
     * The ticks in {@code [lower, upper]} (epoch seconds): multiples of the step in local time,
     * {@code zoneOffset} seconds east of UTC (so that a minute step falls on :00 in any time zone).
     */
    static List<Double> values(double lower, double upper, int maxTicks, int zoneOffset) {
        int step = step(upper - lower, maxTicks);
        List<Double> ticks = new ArrayList<>();
        for (double local = Math.ceil((lower + zoneOffset) / step) * step; local - zoneOffset <= upper; local += step) {
            ticks.add(local - zoneOffset);
        }
        return ticks;
    }
}
