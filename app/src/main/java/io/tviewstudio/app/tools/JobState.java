package io.tviewstudio.app.tools;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a tool window shows about its one running job: busy, progress, the current step, whether
 * it can be cancelled, and the error of the last one. Call it on the JavaFX thread.
 */
public final class JobState {

    private final Executor executor;
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ErrorText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper errorLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorHint = new ReadOnlyStringWrapper("");
    private DatabaseTask<?> current;

    public JobState(Executor executor) {
        this.executor = Objects.requireNonNull(executor);
    }

    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    /** True while a job runs whose work can be stopped (see {@link DatabaseTask#requestCancel()}). */
    public ReadOnlyBooleanProperty cancellableProperty() { return cancellable.getReadOnlyProperty(); }
    /** 0..1, or -1 while the length is unknown. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    /** The step being done, then the outcome (e.g. "Cancelled: rolled back, nothing was changed."). */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** The last job's failure, null when it did not fail. */
    public ReadOnlyObjectProperty<ErrorText> errorProperty() { return error.getReadOnlyProperty(); }
    /** {@code category: message} of the failure, empty when none. */
    public ReadOnlyStringProperty errorLineProperty() { return errorLine.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorHintProperty() { return errorHint.getReadOnlyProperty(); }

    /**
     * Starts the task unless one runs.
     *
     * @param whenCancelled what the message says once a cancelled job has really stopped
     * @param done          called on the JavaFX thread with the result
     * @return false when another job is still running
     */
    public <T> boolean start(DatabaseTask<T> task, boolean canCancel, String whenCancelled, Consumer<T> done) {
        return start(task, canCancel, whenCancelled, done, () -> { });
    }

    /** As above; {@code failed} runs on the JavaFX thread when the job failed or was cancelled. */
    public <T> boolean start(DatabaseTask<T> task, boolean canCancel, String whenCancelled, Consumer<T> done, Runnable failed) {
        if (running.get()) {
            return false;
        }
        current = task;
        running.set(true);
        cancellable.set(canCancel);
        progress.set(-1);
        clearError();
        task.messageProperty().addListener((observable, old, text) -> message.set(text));
        task.progressProperty().addListener((observable, old, value) -> progress.set(value.doubleValue()));
        task.setOnSucceeded(event -> {
            finish(1);
            message.set("");
            done.accept(task.getValue());
        });
        task.setOnFailed(event -> {
            finish(0);
            Throwable failure = task.getException();
            if (task.cancelRequested() && DatabaseTask.wasCancelled(failure)) {
                message.set(whenCancelled);
            } else {
                message.set("");
                fail(ErrorText.of(failure));
            }
            failed.run();
        });
        executor.execute(task);
        return true;
    }

    /** Asks the running job to stop; the message says so once it has. */
    public void cancel() {
        if (current != null && running.get() && cancellable.get()) {
            current.requestCancel();
        }
    }

    /** Shows a failure found without a job (e.g. an input the window refuses). */
    public void fail(ErrorText failure) {
        error.set(failure);
        errorLine.set(failure.line());
        errorHint.set(failure.hint());
    }

    public void clearError() {
        error.set(null);
        errorLine.set("");
        errorHint.set("");
    }

    private void finish(double fraction) {
        running.set(false);
        cancellable.set(false);
        progress.set(fraction);
        current = null;
    }
}
