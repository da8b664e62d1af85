package io.tviewstudio.app.demo;

import io.tviewstudio.app.DialogService;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.jdbc.DatabaseError;
import java.util.Objects;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The demo database as the window sees it: opening it in the background with progress, the open
 * session and its TVIEWs, failures, and stopping the server again. Call it on the JavaFX thread.
 */
public final class DemoDatabaseViewModel implements AutoCloseable {

    public enum State { CLOSED, STARTING, OPEN, FAILED }

    /** The progress value for "busy, amount unknown" (the value ProgressBar understands). */
    public static final double INDETERMINATE = -1;

    static final String OPENING = "Opening the demo database";

    private final DemoOpener opener;
    private final DialogService dialogService;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.CLOSED);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ObservableList<TviewInfo> tviews = FXCollections.observableArrayList();
    // Kept: the unmodifiable view listens to tviews only weakly, so a fresh one per call could be
    // garbage-collected together with the listeners (e.g. a content binding) added to it.
    private final ObservableList<TviewInfo> readOnlyTviews = FXCollections.unmodifiableObservableList(tviews);

    private DemoStartTask task;
    private DemoSession session;

    public DemoDatabaseViewModel(DemoOpener opener, DialogService dialogService) {
        this.opener = Objects.requireNonNull(opener);
        this.dialogService = Objects.requireNonNull(dialogService);
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** What to show in the status bar; empty while closed. */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** 0 to 1 while starting, or {@link #INDETERMINATE} while the server boots. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The TVIEWs of the open demo database; empty otherwise. */
    public ObservableList<TviewInfo> tviews() {
        return readOnlyTviews;
    }

    /** The open session, or null. */
    public DemoSession session() {
        return session;
    }

    /** Starts opening the demo database in the background; does nothing while starting or open. */
    public void open() {
        if (state.get() == State.STARTING || state.get() == State.OPEN) {
            return;
        }
        DemoStartTask starting = new DemoStartTask(opener);
        starting.messageProperty().addListener((observable, old, step) -> showStep(step));
        starting.progressProperty().addListener((observable, old, value) -> showProgress(value.doubleValue()));
        starting.setOnSucceeded(event -> opened(starting, starting.getValue()));
        starting.setOnFailed(event -> failed(starting, starting.getException()));
        task = starting;
        state.set(State.STARTING);
        statusText.set(OPENING + "\u2026");
        progress.set(INDETERMINATE);

        Thread thread = new Thread(starting, "demo-database-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void showStep(String step) {
        if (state.get() == State.STARTING && step != null && !step.isEmpty()) {
            statusText.set(OPENING + ": " + step + "\u2026");
        }
    }

    private void showProgress(double fraction) {
        if (state.get() == State.STARTING) {
            // The first step, booting the server, reports no progress of its own.
            progress.set(fraction > 0 ? fraction : INDETERMINATE);
        }
    }

    private void opened(DemoStartTask finished, DemoSession opened) {
        if (finished != task) {
            return;
        }
        task = null;
        session = opened;
        tviews.setAll(opened.tviews());
        progress.set(1);
        state.set(State.OPEN);
        statusText.set(connectedText(opened));
    }

    static String connectedText(DemoSession session) {
        return DatabaseViewModel.connectedStatus("demo database", session.serverVersion(), session.tviews().size());
    }

    private void failed(DemoStartTask finished, Throwable error) {
        if (finished != task) {
            return;
        }
        task = null;
        progress.set(0);
        state.set(State.FAILED);
        String reason = DatabaseError.firstLine(error);
        statusText.set("Could not open the demo database: " + reason);
        dialogService.showError("Demo database", "Could not open the demo database", error);
    }

    /** Stops the server, or makes sure a server still starting stops once it is up. */
    @Override
    public void close() {
        DemoStartTask starting = task;
        DemoSession open = session;
        task = null;
        session = null;
        tviews.clear();
        progress.set(0);
        state.set(State.CLOSED);
        statusText.set("");
        try {
            if (starting != null) {
                starting.abandon();
            }
            if (open != null) {
                open.close();
            }
        } catch (Exception e) {
            state.set(State.FAILED);
            statusText.set("Could not stop the demo database: " + DatabaseError.firstLine(e));
            dialogService.showError("Demo database", "Could not stop the demo database", e);
        }
    }
}
