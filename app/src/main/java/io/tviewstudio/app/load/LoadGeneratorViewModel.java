package io.tviewstudio.app.load;

import io.tviewstudio.tools.demo.LoadGenerator;
import io.tviewstudio.tools.demo.LoadMix;
import io.tviewstudio.tools.demo.LoadStats;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * The "Load generator" panel of the demo: start, pause, resume and stop writes to the demo blog,
 * with the rate and the number of clients tunable while it runs. The generator's own calls (which
 * wait for running operations) go to a background thread so that the window never waits for the
 * database. Call it on the JavaFX thread.
 */
public final class LoadGeneratorViewModel implements AutoCloseable {

    public static final double MIN_RATE = 1;
    public static final double MAX_RATE = 500;
    public static final double DEFAULT_RATE = 40;
    public static final int MAX_CLIENTS = 16;
    public static final int DEFAULT_CLIENTS = 4;

    private final ExecutorService control = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "demo-load-control");
        thread.setDaemon(true);
        return thread;
    });
    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<LoadGenerator.State> state = new ReadOnlyObjectWrapper<>(LoadGenerator.State.STOPPED);
    private final DoubleProperty rate = new SimpleDoubleProperty(DEFAULT_RATE);
    private final IntegerProperty clients = new SimpleIntegerProperty(DEFAULT_CLIENTS);
    private final ReadOnlyStringWrapper operations = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper achieved = new ReadOnlyStringWrapper("\u2013");
    private final ReadOnlyStringWrapper errors = new ReadOnlyStringWrapper("0");
    private final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper("");

    private LoadGenerator generator;
    private long lastCount;
    private long lastNanos;

    public LoadGeneratorViewModel() {
        rate.addListener((observable, old, value) -> {
            double clamped = clampRate(value.doubleValue());
            LoadGenerator current = generator;
            if (current != null) {
                control.execute(() -> current.setRate(clamped));
            }
        });
        clients.addListener((observable, old, value) -> {
            int clamped = Math.max(1, Math.min(MAX_CLIENTS, value.intValue()));
            LoadGenerator current = generator;
            if (current != null) {
                control.execute(() -> current.setClients(clamped));
            }
        });
    }

    private static double clampRate(double value) {
        return Math.max(MIN_RATE, Math.min(MAX_RATE, value));
    }

    /** Makes the panel usable for the database the source connects to (the demo's). */
    public void attach(LoadGenerator.ConnectionSource source) {
        detach();
        generator = new LoadGenerator(source, clampRate(rate.get()), clients.get(), LoadMix.DEFAULT,
                System.nanoTime());
        available.set(true);
        state.set(LoadGenerator.State.STOPPED);
        lastCount = 0;
        lastNanos = System.nanoTime();
        refresh();
    }

    /** Stops the generator (in the background) and disables the panel. */
    public void detach() {
        LoadGenerator old = generator;
        generator = null;
        available.set(false);
        state.set(LoadGenerator.State.STOPPED);
        if (old != null) {
            control.execute(old::stop);
        }
        operations.set("0");
        achieved.set("\u2013");
        errors.set("0");
        lastError.set("");
    }

    public void start() {
        command(LoadGenerator.State.RUNNING, LoadGenerator::start);
    }

    public void pause() {
        if (state.get() == LoadGenerator.State.RUNNING) {
            command(LoadGenerator.State.PAUSED, LoadGenerator::pause);
        }
    }

    public void resume() {
        if (state.get() == LoadGenerator.State.PAUSED) {
            command(LoadGenerator.State.RUNNING, LoadGenerator::resume);
        }
    }

    public void togglePause() {
        if (state.get() == LoadGenerator.State.PAUSED) {
            resume();
        } else {
            pause();
        }
    }

    public void stop() {
        command(LoadGenerator.State.STOPPED, LoadGenerator::stop);
    }

    private void command(LoadGenerator.State next, java.util.function.Consumer<LoadGenerator> action) {
        LoadGenerator current = generator;
        if (current == null) {
            return;
        }
        state.set(next);
        control.execute(() -> action.accept(current));
    }

    /** Reads the generator's counters; the view calls it twice a second. */
    public void refresh() {
        LoadGenerator current = generator;
        if (current == null) {
            return;
        }
        LoadStats stats = current.stats();
        long now = System.nanoTime();
        long count = stats.operations();
        double seconds = (now - lastNanos) / 1e9;
        if (seconds > 0.2) {
            achieved.set(state.get() == LoadGenerator.State.RUNNING
                    ? String.format(Locale.ROOT, "%.1f ops/s", (count - lastCount) / seconds) : "\u2013");
            lastCount = count;
            lastNanos = now;
        }
        operations.set(String.format(Locale.ROOT, "%,d", count));
        errors.set(String.format(Locale.ROOT, "%,d", stats.errors()));
        lastError.set(stats.lastError() == null ? "" : stats.lastError());
    }

    /** The generator's counts now, or null while detached; for tests and diagnostics. */
    public LoadStats stats() {
        LoadGenerator current = generator;
        return current == null ? null : current.stats();
    }

    /** True while a database to write to is attached (the demo is open). */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** What was last asked of the generator. */
    public ReadOnlyObjectProperty<LoadGenerator.State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Target operations per second, all clients together ({@value #MIN_RATE} to {@value #MAX_RATE}). */
    public DoubleProperty rateProperty() {
        return rate;
    }

    /** Connections writing in parallel (1 to {@value #MAX_CLIENTS}). */
    public IntegerProperty clientsProperty() {
        return clients;
    }

    /** Committed operations so far, e.g. {@code 1,234}. */
    public ReadOnlyStringProperty operationsProperty() {
        return operations.getReadOnlyProperty();
    }

    /** Operations per second since the last refresh while running, e.g. {@code 39.8 ops/s}. */
    public ReadOnlyStringProperty achievedProperty() {
        return achieved.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorsProperty() {
        return errors.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    /** Stops the generator and waits briefly for its clients to end. */
    @Override
    public void close() {
        detach();
        control.shutdown();
    }

    /** The slider's value as text, e.g. {@code 40 ops/s}. */
    public static String rateText(double rate) {
        return String.format(Locale.ROOT, "%.0f ops/s", rate);
    }
}
