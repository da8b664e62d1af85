package io.tviewstudio.cli;

import io.tviewstudio.core.metrics.MetricsReading;
import io.tviewstudio.core.metrics.MetricsSnapshot;
import io.tviewstudio.core.metrics.export.JsonFormat;
import io.tviewstudio.core.metrics.export.PrometheusFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.SQLException;

@Command(name = "metrics",
        header = "Print the runtime's refresh metrics as text, JSON or Prometheus text.",
        description = {"Print the runtime's refresh metrics: per TVIEW refreshes, rows written, latency percentiles.",
                "As text, JSON or Prometheus text exposition format; with --watch, again every SECONDS with the rates in between."})
final class MetricsCommand extends DatabaseCommand {

    enum Format { text, json, prometheus }

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text (default), json or prometheus; --json is the same as --format json.")
    Format format = Format.text;

    @Option(names = "--watch", paramLabel = "SECONDS",
            description = "Read again every SECONDS (at least 1) until interrupted, printing the rates since the previous reading.")
    Integer watch;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N readings.")
    Integer count;

    @Override
    Integer prepare() {
        if (json && spec.commandLine().getParseResult().hasMatchedOption("--format") && format != Format.json) {
            throw CliException.usage("usage", "--json contradicts --format " + format, null);
        }
        if (json) {
            format = Format.json;
        }
        // With JSON output, errors are JSON on stdout too, so that a consumer can parse every line.
        json = format == Format.json;
        if (watch != null && watch < 1) {
            throw CliException.usage("usage", "--watch must be a whole number of seconds, at least 1: " + watch, null);
        }
        if (count != null && watch == null) {
            throw CliException.usage("usage", "--count needs --watch", null);
        }
        if (count != null && count < 1) {
            throw CliException.usage("usage", "--count must be at least 1: " + count, null);
        }
        return null;
    }

    @Override
    int run(Session session) throws SQLException {
        MetricsReading previous = null;
        for (int done = 0; ; done++) {
            if (done > 0) {
                try {
                    Thread.sleep(watch * 1000L);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitCode.OK;
                }
            }
            MetricsReading now = session.studio().readMetrics();
            print(now, MetricsSnapshot.between(previous, now), session.output());
            previous = now;
            if (watch == null || (count != null && done + 1 >= count)) {
                return ExitCode.OK;
            }
        }
    }

    /** One reading; after the first, {@code window} holds the rates since the previous one. */
    private void print(MetricsReading now, MetricsSnapshot window, Output output) {
        switch (format) {
            case prometheus -> PrintText.raw(spec, watch == null ? PrometheusFormat.write(now)
                    : PrometheusFormat.write(now) + "\n");  // a blank line ends each reading of a stream
            case json -> PrintText.raw(spec, JsonFormat.write(now, window, watch == null) + "\n");
            case text -> MetricsText.print(now, window, output);
        }
    }
}
