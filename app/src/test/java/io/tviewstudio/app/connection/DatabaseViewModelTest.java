package io.tviewstudio.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database view-model without the JavaFX toolkit: what the session's thread reads reaches the
 * state only when the UI executor runs it (here a queue that the test empties, as the FX thread would).
 */
class DatabaseViewModelTest {

    @TempDir
    Path home;

    private final BlockingQueue<Runnable> uiSteps = new LinkedBlockingQueue<>();
    private final DatabaseViewModel database = new DatabaseViewModel(uiSteps::add);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theCatalogReadAndARefreshReachTheStateOnlyThroughTheUiExecutor() throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        DatabaseSession session = DatabaseSession.open(new ConnectionSpec(db.jdbcUrl(), null, null, null, "postgres",
                null, null, null, null), new Environment(Map.of(), home), "blog");

        database.attach(session);
        assertThat(database.stateProperty().get()).isEqualTo(DatabaseViewModel.State.CHECKING);
        assertThat(database.statusTextProperty().get()).isEqualTo("Connected to blog \u2014 reading the TVIEW catalog\u2026");

        Runnable loaded = nextUiStep();
        assertThat(database.stateProperty().get()).as("read, not shown yet").isEqualTo(DatabaseViewModel.State.CHECKING);
        assertThat(database.tviews()).isEmpty();

        loaded.run();
        assertThat(database.stateProperty().get()).isEqualTo(DatabaseViewModel.State.CONNECTED);
        assertThat(database.tviews()).extracting(TviewInfo::table).hasSize(3).contains("tv_comment");
        assertThat(database.statusTextProperty().get()).startsWith("Connected to blog (PostgreSQL ").endsWith("3 TVIEWs");

        db.execute("SELECT pg_tviews_create('tv_user', $$ SELECT u.pk_user, u.id, "
                + "jsonb_build_object('name', u.name) AS data FROM tb_user u $$)");
        CompletableFuture<List<TviewInfo>> refreshed = database.refresh();
        Runnable reread = nextUiStep();
        assertThat(refreshed).as("completes with the UI step, not before").isNotDone();
        assertThat(database.tviews()).hasSize(3);

        reread.run();
        assertThat(refreshed).isCompleted();
        assertThat(database.tviews()).hasSize(4);
        assertThat(database.statusTextProperty().get()).endsWith("4 TVIEWs");
        assertThat(uiSteps).isEmpty();
    }

    private Runnable nextUiStep() throws InterruptedException {
        Runnable step = uiSteps.poll(60, TimeUnit.SECONDS);
        assertThat(step).as("a step handed to the UI executor within 60 s").isNotNull();
        return step;
    }
}
