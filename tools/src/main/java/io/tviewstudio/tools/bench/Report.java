package io.tviewstudio.tools.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A run's results as text tables (for the terminal), Markdown (for a report file) and JSON. */
public final class Report {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final BenchResult result;

    public Report(BenchResult result) {
        this.result = result;
    }

    public String json() {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Per scenario and variant: timed writes, median, p95, ratio to the floor, ratio to the hand-written
     * statement trigger, how many times faster than REFRESH.
     */
    public List<List<String>> cellTable() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("scenario", "variant", "n", "median ms", "p95 ms", "x floor", "x trigger", "REFRESH / x"));
        for (BenchResult.Cell cell : result.cells()) {
            rows.add(List.of(cell.scenario(), cell.variant(), Integer.toString(cell.summary().count()),
                    millis(cell.summary().medianMs()), millis(cell.summary().p95Ms()), ratio(cell.ratioToFloor()),
                    ratio(cell.ratioToTrigger()), ratio(cell.refreshOverCell())));
        }
        return rows;
    }

    /** Writes per second of the concurrent clients. */
    public List<List<String>> throughputTable() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variant", "clients", "writes/s", "median ms", "p95 ms", "share of floor", "failed"));
        for (Throughput run : result.throughput()) {
            rows.add(List.of(run.variant(), Integer.toString(run.clients()), String.format(Locale.ROOT, "%.0f", run.writesPerSecond()),
                    millis(run.medianMs()), millis(run.p95Ms()), run.shareOfFloor() == null ? "-"
                            : String.format(Locale.ROOT, "%.0f%%", 100 * run.shareOfFloor()), Long.toString(run.failures())));
        }
        return rows;
    }

    public List<List<String>> checkTable() {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("variant", "check", "result"));
        for (BenchResult.VariantCheck check : result.checks()) {
            String outcome = check.check().status() + (check.check().problems().isEmpty() ? ""
                    : ": " + String.join("; ", check.check().problems()));
            rows.add(List.of(check.variant(), check.check().method() == null ? "-" : check.check().method(), outcome));
        }
        return rows;
    }

    /** The header lines: what was measured where. */
    public List<String> header() {
        BenchResult.Settings settings = result.settings();
        List<String> lines = new ArrayList<>();
        lines.add("Server: PostgreSQL " + result.serverVersion() + " (" + result.server() + ")");
        lines.add("Machine: " + result.machine().describe());
        lines.add("Shop: " + settings.products() + " products (scale " + settings.scale() + "), " + settings.categories()
                + " categories, " + settings.users() + " users, " + settings.reviews() + " reviews; seed " + settings.seed());
        lines.add("Timed writes per cell: " + settings.repetitions() + " after " + settings.warmup() + " warm-up ("
                + "full-refresh variants: at most " + settings.refreshRepetitions() + " after at most 1)"
                + (settings.clients() > 0 ? "; throughput: " + settings.clients() + " clients, " + settings.durationSeconds() + " s" : ""));
        lines.add("Started: " + result.startedAt());
        return lines;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# tviews bench results\n\n");
        for (String line : header()) {
            md.append("- ").append(line).append('\n');
        }
        md.append("\n## Writes (milliseconds per write, including commit and any refresh)\n\n");
        md.append("`x floor`: median / the floor's median (1.00 = no cost). `x trigger`: median / the hand-written "
                + "statement trigger's (stmt-trigger) median (1.00 = as cheap as writing the trigger yourself). "
                + "`REFRESH / x`: the full REFRESH median / this median (how many times faster than REFRESH MATERIALIZED VIEW).\n\n");
        appendMarkdownTable(md, cellTable());
        if (!result.throughput().isEmpty()) {
            md.append("\n## Concurrent clients (single-product UPDATE)\n\n");
            appendMarkdownTable(md, throughputTable());
        }
        md.append("\n## Consistency checks\n\n");
        appendMarkdownTable(md, checkTable());
        if (!result.skipped().isEmpty()) {
            md.append("\n## Skipped\n\n");
            for (BenchResult.Skipped skip : result.skipped()) {
                md.append("- ").append(skip.variant()).append(": ").append(skip.reason()).append('\n');
            }
        }
        return md.toString();
    }

    private static void appendMarkdownTable(StringBuilder md, List<List<String>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            md.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                md.append("|").append("---|".repeat(rows.get(0).size())).append('\n');
            }
        }
    }

    /** Milliseconds with about three significant digits. */
    static String millis(double ms) {
        if (ms < 10) {
            return String.format(Locale.ROOT, "%.3f", ms);
        }
        return ms < 1000 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.0f", ms);
    }

    static String ratio(Double ratio) {
        if (ratio == null) {
            return "-";
        }
        return ratio < 100 ? String.format(Locale.ROOT, "%.2f", ratio) : String.format(Locale.ROOT, "%.0f", ratio);
    }
}
