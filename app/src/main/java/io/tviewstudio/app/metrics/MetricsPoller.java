package io.tviewstudio.app.metrics;

import io.tviewstudio.core.metrics.MetricsSampler;
import io.tviewstudio.core.metrics.MetricsSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a {@link MetricsSampler} on its own thread at an interval that can change while it runs,
 * with pause and resume. Each snapshot (failed polls included) goes to the sink on the poller's
 * thread. No JavaFX here: the view model moves snapshots to the JavaFX thread.
 */
final class MetricsPoller {

    private final MetricsSampler sampler;
    private final Consumer<MetricsSnapshot> sink;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "tview-metrics-poller");
        thread.setDaemon(true);
        return thread;
    });
    private Duration interval;
    private boolean paused;
    private boolean closed;
    // A tick runs only while its generation is current: changing the interval or pausing retires it.
    private long generation;
    private ScheduledFuture<?> next;

    MetricsPoller(MetricsSampler sampler, Duration interval, Consumer<MetricsSnapshot> sink) {
        this.sampler = Objects.requireNonNull(sampler);
        this.interval = Objects.requireNonNull(interval);
        this.sink = Objects.requireNonNull(sink);
    }

    /** Polls now, then every interval. */
    synchronized void start(boolean startPaused) {
        paused = startPaused;
        if (!paused) {
            schedule(0);
        }
    }

    /** The next poll comes one new interval from now. */
    synchronized void setInterval(Duration newInterval) {
        interval = Objects.requireNonNull(newInterval);
        if (!paused && !closed) {
            schedule(interval.toMillis());
        }
    }

    synchronized void pause() {
        paused = true;
        generation++;
        if (next != null) {
            next.cancel(false);
        }
    }

    /** Polls at once, then every interval again. */
    synchronized void resume() {
        if (paused && !closed) {
            paused = false;
            schedule(0);
        }
    }

    /**
     * Stops polling and closes the sampler's connection on a background thread, so that a
     * database that hangs cannot hold up the caller (the JavaFX thread).
     */
    void close() {
        synchronized (this) {
            closed = true;
            generation++;
        }
        executor.shutdownNow();
        Thread closer = new Thread(() -> {
            try {
                executor.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sampler.close();
        }, "tview-metrics-close");
        closer.setDaemon(true);
        closer.start();
    }

    private void schedule(long delayMillis) {
        long current = ++generation;
        if (next != null) {
            next.cancel(false);
        }
        next = executor.schedule(() -> tick(current), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void tick(long tickGeneration) {
        synchronized (this) {
            if (tickGeneration != generation || paused || closed) {
                return;
            }
        }
        MetricsSnapshot snapshot = sampler.poll();
        sink.accept(snapshot);
        synchronized (this) {
            if (tickGeneration == generation && !paused && !closed) {
                schedule(interval.toMillis());
            }
        }
    }
}
