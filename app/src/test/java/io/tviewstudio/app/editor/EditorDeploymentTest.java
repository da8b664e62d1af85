package io.tviewstudio.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.RecordingDialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The editor's database actions without the JavaFX toolkit, against a real database: what the
 * session's thread finds reaches the result bar only when the UI executor runs it (here a queue
 * that the test empties, as the FX thread would).
 */
class EditorDeploymentTest {

    @TempDir
    Path home;

    private final BlockingQueue<Runnable> uiSteps = new LinkedBlockingQueue<>();
    private final DatabaseViewModel database = new DatabaseViewModel(uiSteps::add);
    private final AtomicInteger rechecks = new AtomicInteger();
    private final EditorDeployment deployment = new EditorDeployment(database, new RecordingDialogService(),
            new EditedTviews(), new EditorDeployment.Document() {
                @Override
                public String name() {
                    return "tv_user.tview.sql";
                }

                @Override
                public String text() {
                    return EditorAndConnectionsAppTest.TV_USER;
                }

                @Override
                public void recheck() {
                    rechecks.incrementAndGet();
                }
            }, uiSteps::add);

    private TestDatabase db;

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aPreviewShowsItsOutcomeOnlyWhenTheUiStepRunsAndChangesNothing() throws Exception {
        connect();

        deployment.preview();
        assertThat(deployment.busyProperty().get()).isTrue();
        assertThat(deployment.outcomeProperty().get()).isEqualTo(EditorDeployment.Outcome.WORKING);
        assertThat(deployment.resultTextProperty().get()).isEqualTo("Previewing\u2026");

        Runnable previewed = nextUiStep();
        assertThat(deployment.outcomeProperty().get()).as("done, not shown yet").isEqualTo(EditorDeployment.Outcome.WORKING);
        assertThat(deployment.previewItems()).isEmpty();

        previewed.run();
        assertThat(deployment.busyProperty().get()).isFalse();
        assertThat(deployment.outcomeProperty().get()).isEqualTo(EditorDeployment.Outcome.SUCCESS);
        assertThat(deployment.resultTextProperty().get()).startsWith("Preview of tv_user: ").endsWith(" objects. Nothing was changed.");
        assertThat(deployment.previewItems()).extracting(PreviewItem::label).contains("creates table tv_user", "creates view v_user");
        assertThat(deployment.previewSummaryProperty().get()).endsWith("rolled back: nothing was changed");
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();
    }

    @Test
    void anInstallReportsItsProgressAndOutcomeThroughTheUiExecutorThenReadsTheCatalogAgain() throws Exception {
        connect();
        List<String> results = new ArrayList<>();
        deployment.resultTextProperty().subscribe(text -> results.add(text));
        List<List<String>> installed = new ArrayList<>();
        deployment.setOnInstalled(names -> installed.add(names));

        deployment.install();
        runUiStepsUntil(() -> deployment.outcomeProperty().get() != EditorDeployment.Outcome.WORKING);

        assertThat(deployment.outcomeProperty().get()).isEqualTo(EditorDeployment.Outcome.SUCCESS);
        assertThat(deployment.resultTextProperty().get()).endsWith(" \u2014 installed in one transaction.");
        assertThat(results).as("the install's progress, shown through the UI executor").anySatisfy(text ->
                assertThat(text).startsWith("Installing ").contains("user").endsWith("\u2026"));
        assertThat(db.scalar("SELECT count(*) FROM tv_user")).isEqualTo(3L);
        assertThat(rechecks).hasValue(1);

        // The catalog is read again; the graph's list and the callback follow when that UI step runs.
        assertThat(installed).isEmpty();
        runUiStepsUntil(() -> !installed.isEmpty());
        assertThat(installed).containsExactly(List.of("tv_user"));
        assertThat(database.tviews()).extracting(TviewInfo::table).contains("tv_user");
    }

    private void connect() throws Exception {
        db = BlogSchema.withTviews();
        database.attach(DatabaseSession.open(new ConnectionSpec(db.jdbcUrl(), null, null, null, "postgres",
                null, null, null, null), new Environment(Map.of(), home), "blog"));
        runUiStepsUntil(() -> database.stateProperty().get() == DatabaseViewModel.State.CONNECTED);
        assertThat(deployment.noDatabaseProperty().get()).isFalse();
    }

    private Runnable nextUiStep() throws InterruptedException {
        Runnable step = uiSteps.poll(60, TimeUnit.SECONDS);
        assertThat(step).as("a step handed to the UI executor within 60 s").isNotNull();
        return step;
    }

    /** Runs the UI steps as they come, on this thread, until the condition holds. */
    private void runUiStepsUntil(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            nextUiStep().run();
        }
    }
}
