package io.tviewstudio.app.migrate;

import static io.tviewstudio.app.tools.ToolWindowFixture.confirm;
import static io.tviewstudio.app.tools.ToolWindowFixture.label;
import static io.tviewstudio.app.FxThread.screenshot;
import static io.tviewstudio.app.FxThread.waitUntil;
import static io.tviewstudio.app.tools.ToolWindowFixture.windowOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.tools.ToolWindowFixture;
import io.tviewstudio.core.migrate.Cutover;
import io.tviewstudio.core.testing.Resources;
import io.tviewstudio.core.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The migration assistant on a real database with materialized views of several shapes (schemas/shop-matviews.sql). */
@ExtendWith(ApplicationExtension.class)
class MigrationAppTest {

    @TempDir
    static Path home;
    @TempDir
    Path work;

    private ToolWindowFixture app;
    private TestDatabase db;

    @Start
    void start(Stage stage) {
        app = new ToolWindowFixture(stage, home, progress -> {
            throw new IllegalStateException("no demo in this test");
        });
    }

    @Stop
    void stop() {
        app.viewModel.close();
    }

    @Test
    void listsTheMatviewsExplainsTheUnionProposesIntoTheEditorChecksAndConvertsWithAViewCutover(FxRobot robot) throws Exception {
        openAssistant(robot);
        TableView<MatviewItem> table = robot.lookup("#matviewTable").queryTableView();
        Map<String, String> verdicts = table.getItems().stream().collect(Collectors.toMap(MatviewItem::name, MatviewItem::verdict));
        assertThat(verdicts).containsExactlyInAnyOrderEntriesOf(Map.of(
                "public.mv_account", "no: TV012 wrong_column_type",
                "public.mv_customer", "yes: tv_customer",
                "public.mv_customer_orders", "yes: tv_customer",
                "public.mv_names", "no: TV020 unsupported_sql",
                "public.mv_order_summary", "yes: tv_order",
                "public.mv_orders_per_customer", "no: TV013 invalid_key_values"));
        assertThat(item(table, "public.mv_order_summary").sources()).isEqualTo("public.tb_customer, public.tb_order");
        assertThat(label(robot, "#migrateSummary").getText())
                .isEqualTo("6 materialized views in database " + db.name() + ", 3 convertible as proposed.");

        // The UNION one: what blocks it, with its code and the workaround; nothing to propose.
        select(robot, table, "public.mv_names");
        assertThat(label(robot, "#migrateBlockers").getText()).isEqualTo("TV020 unsupported_sql: public.mv_names is a UNION / "
                + "INTERSECT / EXCEPT of several queries: a TVIEW row must be computable from one key of one root table\n"
                + "    Workaround: Create one TVIEW per branch, or one TVIEW over a table that owns every row with the branches "
                + "as correlated subqueries (jsonb_agg) in its data.");
        assertThat(button(robot, "#migratePropose").isDisabled()).isTrue();
        assertThat(button(robot, "#migrateConvert").isDisabled()).isTrue();
        screenshot(windowOf(robot, "migrationWindow"), "migration-blockers.png");

        // Timing the refresh, on request: rolled back, so the contents stay.
        select(robot, table, "public.mv_order_summary");
        assertThat(label(robot, "#migrateLockWarning").getText()).contains("ACCESS EXCLUSIVE lock", "rolled back");
        db.execute("INSERT INTO tb_customer VALUES (99, gen_random_uuid(), 'late', now())");
        db.execute("INSERT INTO tb_order VALUES (999, gen_random_uuid(), 99, now())");
        press(robot, "#migrateTimeRefresh");
        waitUntil(60, () -> item(table, "public.mv_order_summary").refreshTimeProperty().get().endsWith(" ms"));
        assertThat(db.scalar("SELECT count(*) FROM mv_order_summary")).isEqualTo(60L);
        db.execute("DELETE FROM tb_order WHERE pk_order = 999");
        db.execute("DELETE FROM tb_customer WHERE pk_customer = 99");

        // Propose: the definition opens in the editor, which checks it as the user types.
        press(robot, "#migratePropose");
        CodeArea area = robot.lookup("#definitionArea").queryAs(CodeArea.class);
        assertThat(area.getText()).startsWith("-- Proposed for materialized view public.mv_order_summary by the migration assistant.\n"
                + "CREATE TVIEW tv_order AS\nSELECT o.pk_order,\n       o.id,\n       o.fk_customer,\n");
        assertThat(label(robot, "#editorTitle").getText()).isEqualTo("\u2022 tv_order.tview.sql");
        assertThat(robot.lookup("#mainTabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId()).isEqualTo("designTab");
        waitUntil(30, () -> !app.viewModel.editor().validatingProperty().get()
                && label(robot, "#problemSummary").getText().startsWith("No problems"));
        assertThat(label(robot, "#migrateDefinitionSource").getText())
                .isEqualTo("Check and Convert use the text in the definition editor (tv_order.tview.sql).");

        press(robot, "#migrateCheck");
        waitUntil(60, () -> !label(robot, "#migrateComparison").getText().isEmpty());
        assertThat(label(robot, "#migrateComparison").getText()).isEqualTo("public.mv_order_summary: 60 rows; tv_order: 60 rows "
                + "(created for the check and rolled back). Equal: every row is in both.");
        assertThat(db.scalar("SELECT to_regclass('tv_order')")).isNull();
        screenshot(windowOf(robot, "migrationWindow"), "migration-assistant.png");

        // Convert with the view cut-over: the materialized view's name now reads the TVIEW.
        Path rollback = work.resolve("rollback-order-summary.sql");
        robot.interact(() -> {
            app.viewModel.editor().textProperty().set(area.getText().replace("AS data", "AS data /* reviewed in the editor */"));
            robot.lookup("#migrateCutover").queryAs(javafx.scene.control.ChoiceBox.class).setValue(Cutover.VIEW);
            robot.lookup("#migrateRollbackFile").queryAs(TextField.class).setText(rollback.toString());
        });
        pressThenAnswer(robot, "#migrateConvert");
        assertThat(confirm(robot)).isEqualTo("Convert public.mv_order_summary into a TVIEW with cut-over \u201cview\u201d? "
                + "One transaction: if the contents differ, nothing is changed. The rollback script is saved to " + rollback + ".");
        waitUntil(60, () -> !label(robot, "#migrateConversion").getText().isEmpty() || !label(robot, "#migrateError").getText().isEmpty());
        assertThat(label(robot, "#migrateError").getText()).isEmpty();
        assertThat(label(robot, "#migrateConversion").getText()).startsWith("Converted: TVIEW tv_order created: 60 rows")
                .contains("only in the materialized view: 0, only in the TVIEW: 0.",
                        "Cut-over: public.mv_order_summary is now a view over tv_order: readers need no change.",
                        "Rollback script saved to " + rollback + ".");
        assertThat(db.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'mv_order_summary'::regclass")).isEqualTo("v");
        assertThat((String) db.scalar("SELECT pg_get_viewdef('mv_order_summary'::regclass)")).contains("tv_order");
        db.execute("UPDATE tb_customer SET name = 'fresh' WHERE pk_customer = 2");
        assertThat(db.scalar("SELECT count(*) FROM mv_order_summary WHERE customer = 'fresh'")).isEqualTo(3L);
        assertThat(Files.readString(rollback)).contains("DROP VIEW public.mv_order_summary;", "SELECT pg_tviews_drop('tv_order');");
        waitUntil(30, () -> table.getItems().size() == 5);
        screenshot(windowOf(robot, "migrationWindow"), "migration-converted.png");
    }

    @Test
    void aStaleMatviewShowsItsFirstDifferingRowsAndIsNotConverted(FxRobot robot) throws Exception {
        openAssistant(robot);
        db.execute("UPDATE tb_customer SET name = 'renamed' WHERE pk_customer = 1");
        TableView<MatviewItem> table = robot.lookup("#matviewTable").queryTableView();
        select(robot, table, "public.mv_customer");

        press(robot, "#migrateCheck");
        waitUntil(60, () -> !label(robot, "#migrateComparison").getText().isEmpty());
        assertThat(label(robot, "#migrateComparison").getText()).endsWith("They differ: 1 row(s) only in the materialized view, "
                + "1 only in the TVIEW.");
        ListView<String> differences = robot.lookup("#migrateDifferences").queryListView();
        assertThat(differences.getItems()).hasSize(2);
        assertThat(differences.getItems().get(0)).startsWith("only in public.mv_customer: {").contains("\"customer 1\"");
        assertThat(differences.getItems().get(1)).startsWith("only in tv_customer: {").contains("\"renamed\"");

        robot.interact(() -> robot.lookup("#migrateRollbackFile").queryAs(TextField.class)
                .setText(work.resolve("never-written.sql").toString()));
        pressThenAnswer(robot, "#migrateConvert");
        confirm(robot);
        waitUntil(60, () -> !label(robot, "#migrateConversion").getText().isEmpty());
        assertThat(label(robot, "#migrateConversion").getText())
                .startsWith("Not converted: the contents differ, rolled back, nothing was changed.");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(0L);
        assertThat(db.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'mv_customer'::regclass")).isEqualTo("m");
        assertThat(work.resolve("never-written.sql")).doesNotExist();
    }

    @Test
    void theButtonsStayInPlaceWhenTheBlockerBannerAppears(FxRobot robot) throws Exception {
        openAssistant(robot);
        TableView<MatviewItem> table = robot.lookup("#matviewTable").queryTableView();
        List<String> buttons = List.of("#migrateReload", "#migrateTimeRefresh", "#migratePropose", "#migrateCheck", "#migrateConvert",
                "#migrateRollbackFileChoose");

        select(robot, table, "public.mv_customer");
        assertThat(label(robot, "#migrateBlockers").getText()).isEmpty();
        Map<String, Point2D> without = scenePositions(robot, buttons);
        select(robot, table, "public.mv_names");
        assertThat(label(robot, "#migrateBlockers").getText()).startsWith("TV020 unsupported_sql");
        Map<String, Point2D> with = scenePositions(robot, buttons);

        assertThat(with).isEqualTo(without);
    }

    @Test
    void aMatviewNeverAnalysedSaysSoInsteadOfAQuestionMark(FxRobot robot) throws Exception {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/shop.sql"));
        db.execute(Resources.text("schemas/shop-matviews.sql"));
        db.execute("ANALYZE mv_customer");
        db.execute("CREATE MATERIALIZED VIEW mv_later AS SELECT c.pk_customer, c.name FROM tb_customer c WITH NO DATA");
        app.connect(robot, db.jdbcUrl(), "0 TVIEWs");
        app.chooseFromDatabaseMenu(robot, "migrateMenuItem");
        windowOf(robot, "migrationWindow");
        TableView<MatviewItem> table = robot.lookup("#matviewTable").queryTableView();
        waitUntil(60, () -> table.getItems().size() == 7);

        assertThat(item(table, "public.mv_customer").rows()).isEqualTo("20");
        assertThat(item(table, "public.mv_names").rows()).isEqualTo("not analysed yet");
        assertThat(item(table, "public.mv_later").rows()).isEqualTo("not populated");
        assertThat(table.getItems()).extracting(MatviewItem::rows).doesNotContain("?");
    }

    /** Where each control is in its scene, after a layout pass. */
    private static Map<String, Point2D> scenePositions(FxRobot robot, List<String> queries) {
        Map<String, Point2D> positions = new java.util.LinkedHashMap<>();
        robot.interact(() -> {
            Node root = robot.lookup(queries.getFirst()).query().getScene().getRoot();
            root.applyCss();
            ((javafx.scene.Parent) root).layout();
            for (String query : queries) {
                Node node = robot.lookup(query).query();
                Bounds bounds = node.localToScene(node.getBoundsInLocal());
                positions.put(query, new Point2D(bounds.getMinX(), bounds.getMinY()));
            }
        });
        return positions;
    }

    private void openAssistant(FxRobot robot) throws Exception {
        db = TestDatabase.withRuntime();
        db.execute(Resources.text("schemas/shop.sql"));
        db.execute(Resources.text("schemas/shop-matviews.sql"));
        app.connect(robot, db.jdbcUrl(), "0 TVIEWs");
        app.chooseFromDatabaseMenu(robot, "migrateMenuItem");
        windowOf(robot, "migrationWindow");
        waitUntil(60, () -> robot.lookup("#matviewTable").queryTableView().getItems().size() == 6);
    }

    private static MatviewItem item(TableView<MatviewItem> table, String name) {
        return table.getItems().stream().filter(item -> item.name().equals(name)).findFirst().orElseThrow();
    }

    private static void select(FxRobot robot, TableView<MatviewItem> table, String name) {
        robot.interact(() -> table.getSelectionModel().select(item(table, name)));
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    /** Presses a button that asks a question: the press returns while the modal question waits for its answer. */
    private static void pressThenAnswer(FxRobot robot, String query) {
        Button button = button(robot, query);
        assertThat(button.isDisabled()).as(query + " enabled").isFalse();
        javafx.application.Platform.runLater(button::fire);
    }

    /** Presses the button as a click would; the main window may cover the assistant once the editor is shown. */
    private static void press(FxRobot robot, String query) {
        Button button = button(robot, query);
        assertThat(button.isDisabled()).as(query + " enabled").isFalse();
        robot.interact(button::fire);
    }
}
