package io.tviewstudio.app.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the metrics pane writes numbers, the same in the table, the chart headers and the graph. */
public final class MetricsFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private MetricsFormat() {
    }

    /** {@code 0}, {@code 0.25}, {@code 12.3}, {@code 1,234}: about three significant digits. */
    public static String rate(double perSecond) {
        if (perSecond == 0) {
            return "0";
        }
        if (perSecond < 1) {
            return String.format(Locale.ROOT, "%.2f", perSecond);
        }
        if (perSecond < 100) {
            return String.format(Locale.ROOT, "%.1f", perSecond);
        }
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** {@code 0.42 ms}, {@code 3.1 ms}, {@code 250 ms}; an en dash without a value. */
    public static String millis(Double millis) {
        if (millis == null) {
            return "\u2013";
        }
        if (millis < 1) {
            return String.format(Locale.ROOT, "%.2f ms", millis);
        }
        return millis < 100 ? String.format(Locale.ROOT, "%.1f ms", millis)
                : String.format(Locale.ROOT, "%,.0f ms", millis);
    }

    /** {@code 99.7 %}; an en dash without a value. */
    public static String percent(Double percent) {
        return percent == null ? "\u2013" : String.format(Locale.ROOT, "%.1f %%", percent);
    }

    /** {@code 1 s}, {@code 30 s}, {@code 1 min}, {@code 15 min}. */
    public static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 || seconds % 60 != 0 ? seconds + " s" : seconds / 60 + " min";
    }

    /** The wall-clock time of an axis value (epoch seconds), e.g. {@code 14:03:27}. */
    public static String clock(double epochSeconds) {
        Instant at = Instant.ofEpochMilli((long) (epochSeconds * 1000));
        return CLOCK.format(LocalTime.ofInstant(at, ZoneId.systemDefault()));
    }
}
