package io.tviewstudio.app.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Platform;
import javafx.util.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Row counts and the TVIEW count follow writes made elsewhere (here: plain SQL), read on a timer. */
class CatalogRefresherTest {

    @TempDir
    Path home;

    private DatabaseViewModel database;
    private CatalogRefresher refresher;

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    @AfterEach
    void close() {
        FxThread.run(() -> {
            refresher.close();
            database.close();
        });
    }

    @Test
    void theCatalogIsReadAgainOnTheTimerWithNewRowCountsAndANewTview() throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        DatabaseSession session = DatabaseSession.open(new ConnectionSpec(db.jdbcUrl(), null, null, null, "postgres",
                null, null, null, null), new Environment(Map.of(), home), "blog");
        FxThread.run(() -> {
            database = new DatabaseViewModel(Platform::runLater);
            refresher = new CatalogRefresher(database, Duration.millis(200));
            database.attach(session);
        });
        FxThread.waitUntil(60, () -> database.stateProperty().get() == DatabaseViewModel.State.CONNECTED);
        assertThat(database.statusTextProperty().get()).endsWith("3 TVIEWs");
        assertThat(rows("tv_comment")).isEqualTo(3);

        db.execute("DELETE FROM tb_comment WHERE body = 'Thanks'");
        db.execute("SELECT pg_tviews_create('tv_user', $$ SELECT u.pk_user, u.id, "
                + "jsonb_build_object('name', u.name) AS data FROM tb_user u $$)");
        FxThread.run(refresher::start);

        FxThread.waitUntil(30, () -> database.tviews().size() == 4 && rows("tv_comment") == 2);
        assertThat(database.statusTextProperty().get()).startsWith("Connected to blog (PostgreSQL ").endsWith("4 TVIEWs");
    }

    private long rows(String table) {
        return database.tviews().stream().filter(tview -> tview.table().equals(table))
                .mapToLong(TviewInfo::rowCount).findFirst().orElse(-1);
    }
}
