package io.tviewstudio.app.playbook;

import static io.tviewstudio.app.tools.ToolWindowFixture.confirm;
import static io.tviewstudio.app.tools.ToolWindowFixture.label;
import static io.tviewstudio.app.FxThread.screenshot;
import static io.tviewstudio.app.tools.ToolWindowFixture.setText;
import static io.tviewstudio.app.FxThread.waitUntil;
import static io.tviewstudio.app.tools.ToolWindowFixture.windowOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tviewstudio.app.demo.DemoSession;
import io.tviewstudio.app.tools.ToolWindowFixture;
import io.tviewstudio.tools.demo.DemoDatabase;
import io.tviewstudio.core.playbook.PlaybookExporter;
import io.tviewstudio.core.playbook.PlaybookProgress;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** Export and restore of disaster-recovery playbooks, driven on screen against real PostgreSQL servers. */
@ExtendWith(ApplicationExtension.class)
class PlaybookAppTest {

    private static final List<String> DEMO_TABLES = List.of("tb_user", "tb_category", "tb_post", "tb_comment");

    @TempDir
    static Path home;
    @TempDir
    Path work;

    private ToolWindowFixture app;

    @Start
    void start(Stage stage) {
        app = new ToolWindowFixture(stage, home, DemoSession::start);
    }

    @Stop
    void stop() {
        app.viewModel.close();
    }

    @Test
    void exportTheDemoThenRestoreItIntoAnEmptyDatabaseAfterThePlanWasShownAndConfirmed(FxRobot robot) throws Exception {
        robot.interact(app.viewModel::openDemoDatabase);
        waitUntil(180, () -> label(robot, "#statusText").getText().startsWith("Connected to demo database (PostgreSQL"));
        waitUntil(30, () -> app.viewModel.database().sessionProperty().get() != null);

        // Export: the folder typed in (the Choose button fills the same field), with the zip.
        app.chooseFromDatabaseMenu(robot, "playbookExportMenuItem");
        var exportWindow = windowOf(robot, "playbookExportWindow");
        Path folder = work.resolve("demo-playbook");
        setText(robot, "#exportFolder", folder.toString());
        robot.clickOn("#exportButton");
        waitUntil(120, () -> !label(robot, "#exportSummary").getText().isEmpty() || !label(robot, "#exportError").getText().isEmpty());
        assertThat(label(robot, "#exportError").getText()).isEmpty();

        for (String file : List.of("manifest.json", "README.md", "playbook.html", "SHA256SUMS", "runtime/runtime.sql",
                "scripts/verify.sql", "scripts/rebuild-all.sql", "scripts/recreate-all.sql", "scripts/lib/playbook.sql")) {
            assertThat(folder.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(work.resolve("demo-playbook.zip")).isNotEmptyFile();
        assertThat(label(robot, "#exportZipPath").getText()).isEqualTo("Zip: " + work.resolve("demo-playbook.zip"));
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        DemoSession demo = app.demo.session();
        long totalRows = 0;
        TableView<ExportedTview> table = robot.lookup("#exportTable").queryTableView();
        assertThat(table.getItems()).extracting(ExportedTview::tview)
                .containsExactly("public.tv_post", "public.tv_category", "public.tv_comment");
        try (Connection connection = demo.connect()) {
            for (ExportedTview row : table.getItems()) {
                long rows = (Long) TestDatabase.scalar(connection, "SELECT count(*) FROM " + row.tview());
                assertThat(row.rows()).as(row.tview()).isEqualTo(rows);
                totalRows += rows;
                JsonNode exported = manifest.get("tviews").get(row.order() - 1);
                assertThat(row.checksum()).isEqualTo(exported.get("checksum").asText());
                assertThat(row.checksum()).matches("[0-9a-f]{32}");
            }
        }
        assertThat(label(robot, "#exportSummary").getText()).isEqualTo("Playbook of database " + DemoDatabase.DATABASE
                + " (runtime " + manifest.get("runtimeVersion").asText() + ", 3 TVIEWs, " + totalRows + " rows, "
                + (Files.readAllLines(folder.resolve("SHA256SUMS")).size() + 1) + " files) written to " + folder);
        assertThat(robot.lookup("#exportOpenFolder").queryAs(Button.class).isVisible()).isTrue();
        screenshot(exportWindow, "playbook-export.png");
        robot.interact(() -> ((Stage) exportWindow).close());

        // The target: the demo's base tables and rows (as a restore from backup brings them), nothing else.
        TestDatabase target = TestDatabase.empty();
        target.execute(DemoDatabase.schemaSql().substring(0, DemoDatabase.schemaSql().indexOf("INSERT INTO")));
        try (Connection source = demo.connect()) {
            for (String table1 : DEMO_TABLES) {
                copy(source, target.connection(), table1);
            }
        }
        long objectsBefore = objects(target);
        app.connect(robot, target.jdbcUrl(), "TVIEW runtime not installed");

        app.chooseFromDatabaseMenu(robot, "playbookRestoreMenuItem");
        var restoreWindow = windowOf(robot, "playbookRestoreWindow");
        assertThat(label(robot, "#restoreTarget").getText()).startsWith("Target: database " + target.name());
        setText(robot, "#restorePath", work.resolve("demo-playbook.zip").toString());
        robot.clickOn("#restoreReadPlan");
        waitUntil(60, () -> !label(robot, "#restorePlanSummary").getText().isEmpty() || !label(robot, "#restoreError").getText().isEmpty());
        assertThat(label(robot, "#restoreError").getText()).isEmpty();
        assertThat(label(robot, "#restorePlanSummary").getText())
                .contains("Restoring into database " + target.name() + ": the runtime is not installed: install "
                        + manifest.get("runtimeVersion").asText() + " from the playbook; 3 TVIEWs in dependency order.")
                .endsWith("Nothing has been changed yet.");
        TableView<PlanStep> plan = robot.lookup("#restorePlan").queryTableView();
        assertThat(plan.getItems()).extracting(PlanStep::tview, PlanStep::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple("public.tv_post", "create"),
                org.assertj.core.groups.Tuple.tuple("public.tv_category", "create"),
                org.assertj.core.groups.Tuple.tuple("public.tv_comment", "create"));
        assertThat(plan.getItems()).extracting(PlanStep::expectedChecksum).containsExactlyElementsOf(
                table.getItems().stream().map(ExportedTview::checksum).toList());
        // The plan was read inside a transaction that was rolled back: the catalog is as it was.
        assertThat(objects(target)).isEqualTo(objectsBefore);
        assertThat(target.scalar("SELECT to_regclass('public.pg_tview_meta')")).isNull();

        robot.clickOn("#restoreButton");
        assertThat(confirm(robot)).isEqualTo("Restore 3 TVIEWs of the playbook into database " + target.name()
                + "? It runs in one transaction: if the verification finds a problem, nothing is changed.");
        waitUntil(120, () -> !label(robot, "#restoreVerification").getText().isEmpty() || !label(robot, "#restoreError").getText().isEmpty());
        assertThat(label(robot, "#restoreError").getText()).isEmpty();
        assertThat(label(robot, "#restoreVerification").getText())
                .isEqualTo("Restored and committed. Verified: pg_tviews_verify finds no problem in any of the 3 TVIEWs.");
        assertThat(label(robot, "#restoreChecksumSummary").getText()).isEqualTo("Checksums: all 3 equal the export.");
        assertThat(target.column("SELECT table_oid::regclass::text FROM pg_tview_meta ORDER BY 1"))
                .containsExactly("tv_category", "tv_comment", "tv_post");
        assertThat(target.scalar("SELECT count(*) FROM pg_tviews_verify()")).isEqualTo(0L);
        assertThat(target.scalar("SELECT count(*) FROM tv_comment")).isEqualTo(table.getItems().get(2).rows());
        // The main window reads the restored catalog.
        waitUntil(30, () -> label(robot, "#statusText").getText().endsWith("3 TVIEWs"));
        screenshot(restoreWindow, "playbook-restore.png");
    }

    @Test
    void aTamperedPlaybookIsRefusedWithTheExactErrorAndNothingChanges(FxRobot robot) throws Exception {
        Path folder = work.resolve("blog-playbook");
        try (TestDatabase blog = BlogSchema.withTviews()) {
            PlaybookExporter.export(blog.connection(), blog.name(), "test", folder, false, PlaybookProgress.NONE);
        }
        Path definition;
        try (var files = Files.list(folder.resolve("definitions"))) {
            definition = files.sorted().findFirst().orElseThrow();
        }
        Files.writeString(definition, Files.readString(definition).replace("SELECT", "SELECT /* edited */"));
        TestDatabase target = TestDatabase.empty();
        target.execute(Resources.text("schemas/blog.sql"));
        long objectsBefore = objects(target);
        app.connect(robot, target.jdbcUrl(), "TVIEW runtime not installed");

        app.chooseFromDatabaseMenu(robot, "playbookRestoreMenuItem");
        setText(robot, "#restorePath", folder.toString());
        robot.clickOn("#restoreReadPlan");
        waitUntil(60, () -> !label(robot, "#restoreError").getText().isEmpty());

        assertThat(label(robot, "#restoreError").getText()).isEqualTo("playbook_damaged: playbook " + folder
                + " is damaged: checksum mismatch for definitions/" + definition.getFileName() + " (changed)");
        assertThat(label(robot, "#restoreErrorHint").getText())
                .isEqualTo("Use an intact copy (sha256sum -c SHA256SUMS shows the same), or export again.");
        assertThat(robot.lookup("#restoreButton").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#restorePlan").queryTableView().getItems()).isEmpty();
        assertThat(objects(target)).isEqualTo(objectsBefore);
        assertThat(target.scalar("SELECT to_regclass('public.pg_tview_meta')")).isNull();
    }

    private static long objects(TestDatabase db) throws Exception {
        return (Long) db.scalar("SELECT (SELECT count(*) FROM pg_class) + (SELECT count(*) FROM pg_proc) + (SELECT count(*) FROM pg_trigger)");
    }

    private static void copy(Connection from, Connection to, String table) throws Exception {
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        from.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT", rows);
        to.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + table + " FROM STDIN", new ByteArrayInputStream(rows.toByteArray()));
    }
}
