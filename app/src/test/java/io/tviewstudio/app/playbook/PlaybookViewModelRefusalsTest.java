package io.tviewstudio.app.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.RecordingDialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.core.connect.ConnectionSpec;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.playbook.PlaybookExporter;
import io.tviewstudio.core.playbook.PlaybookProgress;
import io.tviewstudio.core.testing.ShopSchema;
import io.tviewstudio.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the playbook windows' view models refuse, with the core's code, message and hint, and that nothing changed. */
class PlaybookViewModelRefusalsTest {

    private static final Executor BACKGROUND = work -> new Thread(work, "test-background").start();

    @TempDir
    Path work;

    private TestDatabase db;
    private DatabaseViewModel database;

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    @AfterEach
    void close() throws Exception {
        FxThread.run(database::close);
        db.close();
    }

    @Test
    void exportRefusesAFolderThatIsNotEmptyAndWritesNothing() throws Exception {
        attach(ShopSchema.withTviews());
        Path folder = Files.createDirectories(work.resolve("taken"));
        Files.writeString(folder.resolve("notes.txt"), "mine");
        PlaybookExportViewModel export = new PlaybookExportViewModel(database, "test", path -> { }, BACKGROUND, Platform::runLater);

        FxThread.run(() -> {
            export.folderProperty().set(folder.toString());
            export.export();
        });
        FxThread.waitUntil(60, () -> !export.job().runningProperty().get());

        assertThat(export.job().errorLineProperty().get())
                .isEqualTo("playbook_exists: cannot export into " + folder + ": it exists and is not an empty folder");
        assertThat(export.job().errorHintProperty().get()).isEqualTo("Choose a new folder; a playbook is never written over another one.");
        assertThat(export.summaryProperty().get()).isEmpty();
        try (var files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("notes.txt"));
        }
        assertThat(work.resolve("taken.zip")).doesNotExist();
    }

    @Test
    void restoreRefusesAMissingPlaybook() throws Exception {
        attach(ShopSchema.withTviews());
        PlaybookRestoreViewModel restore = new PlaybookRestoreViewModel(database, new RecordingDialogService(), BACKGROUND);
        Path missing = work.resolve("no-such-playbook");

        FxThread.run(() -> {
            restore.pathProperty().set(missing.toString());
            restore.readPlan();
        });
        FxThread.waitUntil(60, () -> !restore.job().runningProperty().get());

        assertThat(restore.job().errorLineProperty().get())
                .isEqualTo("playbook_not_found: no playbook at " + missing + ": the folder does not exist");
        assertThat(restore.planProperty().get()).isNull();
        assertThat(restore.restoreDisabledProperty().get()).isTrue();
    }

    @Test
    void anotherRuntimeIsRefusedWithTheCoresMessageUntilReplaceIsTicked() throws Exception {
        attach(ShopSchema.withTviews());
        Path folder = work.resolve("shop-playbook");
        PlaybookExporter.export(db.connection(), db.name(), "test", folder, false, PlaybookProgress.NONE);
        db.execute("UPDATE pg_tviews_runtime SET version = '0.0.9'");
        RecordingDialogService dialogs = new RecordingDialogService();
        PlaybookRestoreViewModel restore = new PlaybookRestoreViewModel(database, dialogs, BACKGROUND);

        FxThread.run(() -> {
            restore.pathProperty().set(folder.toString());
            restore.readPlan();
        });
        FxThread.waitUntil(60, () -> restore.planProperty().get() != null);
        assertThat(restore.planWarningProperty().get()).isEqualTo("Another runtime version is installed (0.0.9). Tick "
                + "\u201cReplace the runtime\u201d to install 0.1.0 from the playbook; otherwise the restore is refused.");

        FxThread.run(restore::restore);
        FxThread.waitUntil(60, () -> !restore.job().runningProperty().get());
        assertThat(dialogs.questions).hasSize(1);
        assertThat(restore.job().errorLineProperty().get()).isEqualTo("runtime_version_mismatch: database \"" + db.name()
                + "\" holds TVIEW runtime 0.0.9, the playbook was exported with runtime 0.1.0");
        assertThat(restore.job().errorHintProperty().get()).startsWith("Pass --replace-runtime to install runtime 0.1.0");
        assertThat(restore.resultProperty().get()).isNull();
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.0.9");

        dialogs.answer = false;
        FxThread.run(() -> {
            restore.replaceRuntimeProperty().set(true);
            restore.restore();
        });
        assertThat(restore.job().runningProperty().get()).as("declined: nothing started").isFalse();
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.0.9");

        dialogs.answer = true;
        FxThread.run(restore::restore);
        FxThread.waitUntil(120, () -> restore.resultProperty().get() != null || !restore.job().errorLineProperty().get().isEmpty());
        assertThat(restore.job().errorLineProperty().get()).isEmpty();
        assertThat(restore.verificationProperty().get()).startsWith("Restored and committed.");
        assertThat(db.scalar("SELECT version FROM pg_tviews_runtime")).isEqualTo("0.1.0");
    }

    private void attach(TestDatabase opened) throws Exception {
        db = opened;
        DatabaseSession session = DatabaseSession.open(new ConnectionSpec(db.jdbcUrl(), null, null, null, "postgres",
                null, null, null, null), new Environment(Map.of(), work), "test");
        database = new DatabaseViewModel(Platform::runLater);
        FxThread.run(() -> database.attach(session));
        FxThread.waitUntil(60, () -> database.stateProperty().get() != DatabaseViewModel.State.CHECKING);
    }
}
