package io.tviewstudio.cli;

import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.MetricsSnapshot;
import io.tviewstudio.core.metrics.TviewCounters;
import io.tviewstudio.core.metrics.TviewRates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The human table of {@code tviews metrics}: totals of one reading, or the rates of a window. */
final class MetricsText {

    private MetricsText() {
    }

    static void print(MetricsReading now, MetricsSnapshot window, Output output) {
        boolean rates = window.total().seconds() > 0;
        output.line(now.at() + (rates ? String.format(Locale.ROOT, ", last %.1f s", window.total().seconds())
                : ", totals since the counters started") + ": " + now.tviews().size() + " TVIEW(s), "
                + now.openTransactions() + " open transaction(s) with TVIEW work (" + now.deferredTransactions()
                + " deferred)");
        if (now.tviews().isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(rates ? List.of("tview", "refreshes/s", "rows/s", "enqueued/s", "errors", "p50 ms", "p95 ms", "p99 ms")
                : List.of("tview", "refreshes", "inserted", "updated", "deleted", "skipped", "errors", "p50 ms", "p95 ms",
                        "p99 ms"));
        window.tviews().values().stream().sorted(Comparator.comparing(r -> r.delta().tview()))
                .forEach(r -> rows.add(row(r.delta().tview(), r, rates)));
        rows.add(row("total", window.total(), rates));
        TextTable.print(rows, output);
    }

    private static List<String> row(String name, TviewRates r, boolean rates) {
        TviewCounters d = r.delta();
        List<String> row = new ArrayList<>(List.of(name));
        if (rates) {
            row.addAll(List.of(perSecond(r.refreshesPerSecond()), perSecond(r.rowsWrittenPerSecond()),
                    perSecond(r.enqueuedPerSecond()), Long.toString(d.errors())));
        } else {
            row.addAll(List.of(Long.toString(d.refreshes()), Long.toString(d.rowsInserted()),
                    Long.toString(d.rowsUpdated()), Long.toString(d.rowsDeleted()), Long.toString(d.rowsSkipped()),
                    Long.toString(d.errors())));
        }
        row.addAll(List.of(millis(r.p50Seconds()), millis(r.p95Seconds()), millis(r.p99Seconds())));
        return row;
    }

    private static String perSecond(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** Milliseconds, or "-" when nothing was timed. */
    private static String millis(Double seconds) {
        return seconds == null ? "-" : String.format(Locale.ROOT, "%.3f", seconds * 1000);
    }
}
