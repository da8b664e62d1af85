package io.tviewstudio.core.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls the runtime's metrics over one connection, turns counters into rates and latency
 * percentiles over a sliding window, keeps a bounded history and publishes each snapshot to its
 * listeners. A failed poll publishes a snapshot carrying the error and drops the connection; the
 * next poll opens a new one, so sampling resumes by itself once the database is back.
 */
public final class MetricsSampler implements AutoCloseable {

    /** Opens the sampler's connection (again, after a failure). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource source;
    private final Duration window;
    private final int maxHistory;
    private final MetricsReader reader = new MetricsReader();
    private final Clock clock;
    private final List<Consumer<MetricsSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final Deque<MetricsReading> readings = new ArrayDeque<>();
    private final Deque<MetricsSnapshot> history = new ArrayDeque<>();
    private Connection connection;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> task;

    /**
     * @param window     rates and percentiles cover the readings of this long ago up to now
     * @param maxHistory snapshots kept for charts (e.g. 3600 one-second samples for an hour)
     */
    public MetricsSampler(ConnectionSource source, Duration window, int maxHistory) {
        this(source, window, maxHistory, Clock.systemUTC());
    }

    MetricsSampler(ConnectionSource source, Duration window, int maxHistory, Clock clock) {
        if (window.isNegative() || window.isZero() || maxHistory < 1) {
            throw new IllegalArgumentException("window must be positive and maxHistory at least 1");
        }
        this.source = source;
        this.window = window;
        this.maxHistory = maxHistory;
        this.clock = clock;
    }

    public void addListener(Consumer<MetricsSnapshot> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<MetricsSnapshot> listener) {
        listeners.remove(listener);
    }

    /** Polls every {@code interval} on a daemon thread until {@link #close()}. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("sampler already started");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tview-metrics-sampler");
            thread.setDaemon(true);
            return thread;
        });
        task = scheduler.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One poll now: reads, computes, records and publishes a snapshot, which it also returns. */
    public MetricsSnapshot poll() {
        MetricsSnapshot snapshot;
        synchronized (this) {
            snapshot = sample();
            history.addLast(snapshot);
            while (history.size() > maxHistory) {
                history.removeFirst();
            }
        }
        for (Consumer<MetricsSnapshot> listener : listeners) {
            listener.accept(snapshot);
        }
        return snapshot;
    }

    /** The snapshots kept, oldest first. */
    public synchronized List<MetricsSnapshot> history() {
        return List.copyOf(history);
    }

    private MetricsSnapshot sample() {
        MetricsReading reading;
        try {
            if (connection == null || connection.isClosed()) {
                connection = source.open();
                connection.setAutoCommit(true);
            }
            reading = reader.read(connection);
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            return MetricsSnapshot.failed(clock.instant(), describe(e));
        }
        readings.addLast(reading);
        // Keep the newest reading at least a window old as the baseline, and everything after it.
        while (readings.size() > 2) {
            MetricsReading second = readings.stream().skip(1).findFirst().orElseThrow();
            if (Duration.between(second.at(), reading.at()).compareTo(window) >= 0) {
                readings.removeFirst();
            } else {
                break;
            }
        }
        return MetricsSnapshot.between(readings.getFirst(), reading);
    }

    private static String describe(Exception e) {
        String state = e instanceof SQLException sql && sql.getSQLState() != null ? " [" + sql.getSQLState() + "]" : "";
        return e.getClass().getSimpleName() + state + ": " + e.getMessage();
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // The connection is being dropped because it failed; a second failure adds nothing.
            }
            connection = null;
        }
    }

    @Override
    public void close() {
        ScheduledExecutorService toStop;
        synchronized (this) {
            toStop = scheduler;
            scheduler = null;
            if (task != null) {
                task.cancel(false);
            }
        }
        if (toStop != null) {
            toStop.shutdown();
            try {
                toStop.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            closeConnection();
        }
    }

    List<MetricsReading> readings() {
        return new ArrayList<>(readings);
    }
}
