package io.tviewstudio.app.connection;

import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.util.Duration;

/**
 * Reads the TVIEW catalog again at a fixed interval while the database is connected, so that the
 * graph's row counts and the status bar's TVIEW count follow writes and installs made elsewhere
 * (psql, a migration, the load generator). One read at a time; a read still running skips a tick.
 * Call it on the JavaFX thread.
 */
public final class CatalogRefresher implements AutoCloseable {

    /** Every TVIEW's rows are counted on each read, so not much more often than this. */
    public static final Duration INTERVAL = Duration.seconds(15);

    private final DatabaseViewModel database;
    private final Timeline timeline;
    private boolean reading;

    public CatalogRefresher(DatabaseViewModel database, Duration interval) {
        this.database = Objects.requireNonNull(database);
        timeline = new Timeline(new KeyFrame(interval, event -> refreshNow()));
        timeline.setCycleCount(Animation.INDEFINITE);
    }

    public void start() {
        timeline.play();
    }

    /** Reads the catalog now, unless nothing is connected or a read is under way. */
    public void refreshNow() {
        if (reading || database.stateProperty().get() != DatabaseViewModel.State.CONNECTED) {
            return;
        }
        reading = true;
        database.refresh().whenComplete((tviews, error) -> reading = false);
    }

    @Override
    public void close() {
        timeline.stop();
    }
}
