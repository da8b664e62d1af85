package io.tviewstudio.app.tools;

import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.core.api.TviewStudio;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import javafx.concurrent.Task;

/**
 * Long database work (export, restore, conversion, timing a refresh) off the JavaFX thread, on a
 * connection of its own so that the session's thread (the editor's checks) is not held up. The
 * work gets the facade on that connection, never the connection itself: the task opens and closes
 * it, and the work reaches the database only through {@link TviewStudio}'s verbs. Cancel
 * is cooperative and honest: {@link #requestCancel()} asks the server to cancel the running
 * statement (the core code then rolls its transaction back) and makes the next progress step
 * stop; the task ends only when the work really stopped, failing with a {@link CancellationException}
 * or SQLSTATE 57014, which {@link #wasCancelled(Throwable)} recognises.
 */
public final class DatabaseTask<T> extends Task<T> {

    /** The work, given the facade on the task's connection and a progress callback. */
    @FunctionalInterface
    public interface Work<T> {
        T run(TviewStudio studio, Progress progress) throws Exception;
    }

    /** Reports a step; throws {@link CancellationException} once cancel was requested. */
    @FunctionalInterface
    public interface Progress {
        void step(int done, int total, String message);
    }

    private final DatabaseSession session;
    private final Work<T> work;
    private volatile Connection connection;
    private volatile boolean cancelRequested;

    public DatabaseTask(DatabaseSession session, Work<T> work) {
        this.session = Objects.requireNonNull(session);
        this.work = Objects.requireNonNull(work);
    }

    @Override
    protected T call() throws Exception {
        try (Connection opened = session.openAnother()) {
            connection = opened;
            checkCancel();
            return work.run(TviewStudio.on(opened), this::step);
        } finally {
            connection = null;
        }
    }

    private void step(int done, int total, String message) {
        checkCancel();
        updateMessage(message);
        if (total > 0) {
            updateProgress(done, total);
        } else {
            updateProgress(-1, 1);
        }
    }

    private void checkCancel() {
        if (cancelRequested) {
            throw new CancellationException("cancelled");
        }
    }

    /** Asks the work to stop; safe on the JavaFX thread (the server is told on another thread). */
    public void requestCancel() {
        cancelRequested = true;
        updateMessage("Cancelling\u2026");
        Connection running = connection;
        if (running != null) {
            Thread canceller = new Thread(() -> {
                try {
                    TviewStudio.on(running).cancelRunningStatement();
                } catch (SQLException ignored) {
                    // The statement ended meanwhile; the next progress step stops the work.
                }
            }, "cancel-query");
            canceller.setDaemon(true);
            canceller.start();
        }
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** Whether the failure is the cancel the user asked for (also as the server's 57014 query_canceled). */
    public static boolean wasCancelled(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof CancellationException || t instanceof SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The error without the wrappers of the futures it went through. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
