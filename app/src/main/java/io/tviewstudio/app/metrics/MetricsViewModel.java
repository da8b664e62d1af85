package io.tviewstudio.app.metrics;

import io.tviewstudio.core.api.TviewStudio;
import io.tviewstudio.core.metrics.MetricsSampler;
import io.tviewstudio.core.metrics.MetricsSnapshot;
import io.tviewstudio.core.metrics.TviewRates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The live metrics pane: samples the connected database off the JavaFX thread at the chosen
 * interval and turns each snapshot into chart points over a sliding time window, a table of
 * per-TVIEW values and the refresh rates the dependency graph shows. A failed poll keeps the
 * charts and shows the error until the sampler's reconnect succeeds. Call it on the JavaFX thread.
 */
public final class MetricsViewModel implements AutoCloseable {

    public static final List<Duration> INTERVALS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1));
    public static final List<Duration> WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1));
    /**
     * Rates and percentiles cover at least this long (two 1-second polls), which steadies the
     * lines without hiding a change for long.
     */
    static final Duration RATE_WINDOW = Duration.ofSeconds(2);

    static final String NOT_CONNECTED = "Not connected";
    static final String PAUSED = "Paused";
    static final String RECONNECTING = "Reconnecting\u2026";

    public static final String P50 = "p50";
    public static final String P95 = "p95";
    public static final String P99 = "p99";
    public static final String ENQUEUED = "enqueued/s";
    public static final String COALESCED = "coalesced/s";

    private final Function<MetricsSampler.ConnectionSource, MetricsSampler> samplers;
    private final Executor ui;

    private final ObjectProperty<Duration> interval = new SimpleObjectProperty<>(INTERVALS.get(0));
    private final ObjectProperty<Duration> window = new SimpleObjectProperty<>(WINDOWS.get(0));
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(NOT_CONNECTED);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper samples = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyDoubleWrapper latest = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyStringWrapper refreshHeadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper latencyHeadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper queueHeadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cacheHeadline = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Map<String, Double>> refreshRates = new ReadOnlyObjectWrapper<>(Map.of());

    private final SeriesGroup refreshes = new SeriesGroup();
    private final SeriesGroup rowsWritten = new SeriesGroup();
    private final SeriesGroup latency = new SeriesGroup();
    private final SeriesGroup queue = new SeriesGroup();
    private final SeriesGroup cacheHits = new SeriesGroup();
    private final ObservableList<TviewMetricsRow> rows = FXCollections.observableArrayList();

    private MetricsPoller poller;
    private long connection;

    /**
     * Samples with {@link MetricsSampler} and publishes each sample through {@code ui}
     * ({@code Platform::runLater} in the application).
     */
    public MetricsViewModel(Executor ui) {
        this(source -> TviewStudio.metricsSampler(source, RATE_WINDOW, 1), ui);
    }

    MetricsViewModel(Function<MetricsSampler.ConnectionSource, MetricsSampler> samplers, Executor ui) {
        this.samplers = Objects.requireNonNull(samplers);
        this.ui = Objects.requireNonNull(ui);
        latency.line(P50);
        latency.line(P95);
        latency.line(P99);
        queue.line(ENQUEUED);
        queue.line(COALESCED);
        interval.addListener((observable, old, value) -> {
            if (poller != null) {
                poller.setInterval(value);
            }
            updateStatus();
        });
        window.addListener((observable, old, value) -> trim());
    }

    /** Starts sampling the database the source connects to; replaces the previous one. */
    public void connect(MetricsSampler.ConnectionSource source) {
        disconnect();
        long current = ++connection;
        connected.set(true);
        poller = new MetricsPoller(samplers.apply(source), interval.get(),
                snapshot -> ui.execute(() -> accept(current, snapshot)));
        poller.start(paused.get());
        updateStatus();
    }

    /** Stops sampling and empties the charts and the table. */
    public void disconnect() {
        connection++;
        if (poller != null) {
            poller.close();
            poller = null;
        }
        connected.set(false);
        error.set("");
        samples.set(0);
        latest.set(Double.NaN);
        for (SeriesGroup group : List.of(refreshes, rowsWritten, cacheHits)) {
            group.clear();
        }
        for (SeriesGroup group : List.of(latency, queue)) {
            group.clearPoints();
        }
        rows.clear();
        refreshRates.set(Map.of());
        for (ReadOnlyStringWrapper headline : List.of(refreshHeadline, latencyHeadline, queueHeadline, cacheHeadline)) {
            headline.set("");
        }
        updateStatus();
    }

    public void pause() {
        if (!paused.get()) {
            paused.set(true);
            if (poller != null) {
                poller.pause();
            }
            updateStatus();
        }
    }

    public void resume() {
        if (paused.get()) {
            paused.set(false);
            if (poller != null) {
                poller.resume();
            }
            updateStatus();
        }
    }

    public void togglePause() {
        if (paused.get()) {
            resume();
        } else {
            pause();
        }
    }

    private void accept(long forConnection, MetricsSnapshot snapshot) {
        if (forConnection == connection) {
            accept(snapshot);
        }
    }

    /** Takes one snapshot into the charts, the table and the graph's rates. */
    void accept(MetricsSnapshot snapshot) {
        samples.set(samples.get() + 1);
        if (!snapshot.ok()) {
            error.set("Lost the metrics connection; retrying every " + MetricsFormat.duration(interval.get())
                    + ". " + snapshot.error());
            updateStatus();
            return;
        }
        error.set("");
        updateStatus();
        if (snapshot.total().seconds() <= 0) {
            return;  // the first reading only sets the baseline: its rates are all zero
        }
        double x = snapshot.at().toEpochMilli() / 1000.0;
        List<TviewRates> tviews = new ArrayList<>(snapshot.tviews().values());
        tviews.sort(Comparator.comparing(MetricsViewModel::tviewName));
        List<TviewMetricsRow> table = new ArrayList<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        Double lowestHit = null;
        for (TviewRates tview : tviews) {
            String name = tviewName(tview);
            refreshes.add(name, x, tview.refreshesPerSecond());
            rowsWritten.add(name, x, tview.rowsWrittenPerSecond());
            Double hit = tview.cacheHitRatio() == null ? null : tview.cacheHitRatio() * 100;
            cacheHits.add(name, x, hit);
            if (hit != null && (lowestHit == null || hit < lowestHit)) {
                lowestHit = hit;
            }
            table.add(TviewMetricsRow.of(name, tview));
            rates.put(name, tview.refreshesPerSecond());
        }
        TviewRates total = snapshot.total();
        TviewMetricsRow all = TviewMetricsRow.of(TviewMetricsRow.ALL, total);
        // First, so that it stays in view however many TVIEWs the table lists.
        table.addFirst(all);
        latency.add(P50, x, all.p50Millis());
        latency.add(P95, x, all.p95Millis());
        latency.add(P99, x, all.p99Millis());
        queue.add(ENQUEUED, x, all.enqueuedPerSecond());
        queue.add(COALESCED, x, all.coalescedPerSecond());
        rows.setAll(table);
        refreshRates.set(Map.copyOf(rates));
        refreshHeadline.set(MetricsFormat.rate(all.refreshesPerSecond()) + "/s \u00b7 "
                + MetricsFormat.rate(all.rowsPerSecond()) + " rows/s");
        latencyHeadline.set("p95 " + MetricsFormat.millis(all.p95Millis()));
        queueHeadline.set(snapshot.openTransactions() + (snapshot.openTransactions() == 1 ? " open transaction"
                : " open transactions") + (snapshot.deferredTransactions() > 0
                ? " (" + snapshot.deferredTransactions() + " deferred)" : ""));
        cacheHeadline.set(lowestHit == null ? "" : "lowest " + MetricsFormat.percent(lowestHit));
        latest.set(x);
        trim();
    }

    /**
     * The TVIEW as the catalog reader and the graph name it: the metrics give it schema-qualified,
     * the graph leaves out schema public (as regclass does on the default search_path).
     */
    private static String tviewName(TviewRates rates) {
        String tview = rates.delta().tview();
        if (tview == null || tview.isEmpty()) {
            return rates.entity();
        }
        return tview.startsWith(PUBLIC_SCHEMA) ? tview.substring(PUBLIC_SCHEMA.length()) : tview;
    }

    private static final String PUBLIC_SCHEMA = "public.";

    private void trim() {
        if (Double.isNaN(latest.get())) {
            return;
        }
        double from = latest.get() - window.get().toSeconds();
        for (SeriesGroup group : List.of(refreshes, rowsWritten, latency, queue, cacheHits)) {
            group.trim(from);
        }
    }

    private void updateStatus() {
        if (!connected.get()) {
            status.set(NOT_CONNECTED);
        } else if (paused.get()) {
            status.set(PAUSED);
        } else if (!error.get().isEmpty()) {
            status.set(RECONNECTING);
        } else {
            status.set("Live \u00b7 every " + MetricsFormat.duration(interval.get()));
        }
    }

    /** How often to sample; one of {@link #INTERVALS} in the view, any positive duration here. */
    public ObjectProperty<Duration> intervalProperty() {
        return interval;
    }

    /** How much time the charts show. */
    public ObjectProperty<Duration> windowProperty() {
        return window;
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    /** {@code Live · every 1 s}, {@code Paused}, {@code Reconnecting…} or {@code Not connected}. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Why the last poll failed, empty while polls succeed. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Snapshots received since connecting, failed ones included. */
    public ReadOnlyIntegerProperty samplesProperty() {
        return samples.getReadOnlyProperty();
    }

    /** The newest point's time in epoch seconds (the right edge of the charts), NaN before one. */
    public ReadOnlyDoubleProperty latestProperty() {
        return latest.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty refreshHeadlineProperty() {
        return refreshHeadline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty latencyHeadlineProperty() {
        return latencyHeadline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queueHeadlineProperty() {
        return queueHeadline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty cacheHeadlineProperty() {
        return cacheHeadline.getReadOnlyProperty();
    }

    /** Refreshes per second of each TVIEW table ({@code tv_post}) in the newest sample. */
    public ReadOnlyObjectProperty<Map<String, Double>> refreshRatesProperty() {
        return refreshRates.getReadOnlyProperty();
    }

    /** Refreshes per second, one line per TVIEW. */
    public SeriesGroup refreshes() {
        return refreshes;
    }

    /** Rows written (inserted, updated, deleted) per second, one line per TVIEW. */
    public SeriesGroup rowsWritten() {
        return rowsWritten;
    }

    /** p50, p95 and p99 refresh latency of all TVIEWs, in milliseconds. */
    public SeriesGroup latency() {
        return latency;
    }

    /** Keys offered to the refresh queue and those coalesced away, per second. */
    public SeriesGroup queue() {
        return queue;
    }

    /** Buffer cache hit ratio of each TVIEW's table and indexes, in percent. */
    public SeriesGroup cacheHits() {
        return cacheHits;
    }

    /** The per-TVIEW table, TVIEWs by name, then {@link TviewMetricsRow#ALL}. */
    public ObservableList<TviewMetricsRow> rows() {
        return rows;
    }

    @Override
    public void close() {
        disconnect();
    }
}
