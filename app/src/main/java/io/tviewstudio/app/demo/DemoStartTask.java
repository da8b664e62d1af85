package io.tviewstudio.app.demo;

import java.util.concurrent.CancellationException;
import javafx.concurrent.Task;

/**
 * Opens the demo database off the JavaFX thread, publishing each step as message and progress.
 * If the window closes meanwhile, {@link #abandon()} makes sure the server that is (or will be)
 * started is stopped again rather than left running.
 */
final class DemoStartTask extends Task<DemoSession> {

    private final DemoOpener opener;
    private final Object lock = new Object();
    private boolean abandoned;
    private DemoSession opened;

    DemoStartTask(DemoOpener opener) {
        this.opener = opener;
    }

    @Override
    protected DemoSession call() throws Exception {
        DemoSession session = opener.open((step, fraction) -> {
            updateMessage(step);
            updateProgress(fraction, 1.0);
        });
        synchronized (lock) {
            if (!abandoned) {
                opened = session;
                return session;
            }
        }
        session.close();
        throw new CancellationException("the demo database was closed while it started");
    }

    /** Gives up on the result: stops the server now if it is up, or as soon as it is. */
    void abandon() throws Exception {
        DemoSession toClose;
        synchronized (lock) {
            abandoned = true;
            toClose = opened;
            opened = null;
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
