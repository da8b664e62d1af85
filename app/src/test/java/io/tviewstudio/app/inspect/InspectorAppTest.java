package io.tviewstudio.app.inspect;

import static io.tviewstudio.app.FxThread.screenshot;
import static io.tviewstudio.app.FxThread.waitUntil;
import static io.tviewstudio.app.tools.ToolWindowFixture.confirm;
import static io.tviewstudio.app.tools.ToolWindowFixture.label;
import static io.tviewstudio.app.tools.ToolWindowFixture.windowOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.tools.ToolWindowFixture;
import io.tviewstudio.core.inspect.RowFilter;
import io.tviewstudio.core.inspect.RowSummary;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/** The row inspector on the blog schema's TVIEWs, opened from the Database menu and from the graph. */
@ExtendWith(ApplicationExtension.class)
class InspectorAppTest {

    @TempDir
    static Path home;

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

    @AfterEach
    void closeDatabase() throws Exception {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void pagesByKeyBothWaysAndSearchesByKeyIdAndJsonPath(FxRobot robot) throws Exception {
        db = BlogSchema.withTviews();
        // 48 posts in tv_post: 1-3 and 5-49 (4 is a draft).
        db.execute("INSERT INTO tb_post (fk_user, fk_category, title) SELECT 1, 2, 'post ' || g FROM generate_series(5, 49) g");
        app.connect(robot, db.jdbcUrl(), "3 TVIEWs");
        app.chooseFromDatabaseMenu(robot, "inspectMenuItem");
        windowOf(robot, "inspectorWindow");
        robot.interact(() -> {
            robot.lookup("#inspectTview").queryAs(ChoiceBox.class).setValue("tv_post");
            robot.lookup("#inspectPageSize").queryAs(ChoiceBox.class).setValue(20);
        });
        waitForPage(robot, "Keys 1\u201321 of tv_post (all rows), 20 rows, more after.");
        assertThat(pks(robot)).containsExactlyElementsOf(concat(List.of(1L, 2L, 3L), range(5, 21)));
        assertThat(button(robot, "#inspectPrevious").isDisabled()).isTrue();

        press(robot, "#inspectNext");
        waitForPage(robot, "Keys 22\u201341 of tv_post (all rows), 20 rows, more after.");
        press(robot, "#inspectNext");
        waitForPage(robot, "Keys 42\u201349 of tv_post (all rows), 8 rows.");
        assertThat(pks(robot)).containsExactlyElementsOf(range(42, 49));
        assertThat(button(robot, "#inspectNext").isDisabled()).isTrue();
        press(robot, "#inspectPrevious");
        waitForPage(robot, "Keys 22\u201341 of tv_post (all rows), 20 rows, more after.");
        press(robot, "#inspectPrevious");
        waitForPage(robot, "Keys 1\u201321 of tv_post (all rows), 20 rows, more after.");
        assertThat(button(robot, "#inspectPrevious").isDisabled()).isTrue();

        search(robot, RowFilter.Mode.KEY, "2");
        waitForPage(robot, "Keys 2\u20132 of tv_post (key 2), 1 row.");
        String id = (String) db.scalar("SELECT id::text FROM tb_post WHERE pk_post = 3");
        search(robot, RowFilter.Mode.KEY, id);
        waitForPage(robot, "Keys 3\u20133 of tv_post (key " + id + "), 1 row.");
        assertThat(rows(robot).getItems().getFirst().id()).isEqualTo(id);

        search(robot, RowFilter.Mode.JSON_PATH, "$.author ? (@.name == \"bob\")");
        waitForPage(robot, "Keys 2\u20132 of tv_post (data @? $.author ? (@.name == \"bob\")), 1 row.");
        search(robot, RowFilter.Mode.JSON_PATH, "$.title ? (@ starts with \"post 4\")");
        waitForPage(robot, "Keys 40\u201349 of tv_post (data @? $.title ? (@ starts with \"post 4\")), 10 rows.");

        search(robot, RowFilter.Mode.JSON_PATH, "$.author[ ?");
        waitUntil(30, () -> !label(robot, "#inspectError").getText().isEmpty());
        assertThat(label(robot, "#inspectError").getText()).isEqualTo(
                "invalid_json_path: Invalid JSON path \u201c$.author[ ?\u201d: syntax error at or near \"?\" of jsonpath input");
        assertThat(rows(robot).getItems()).isEmpty();

        press(robot, "#inspectShowAll");
        waitForPage(robot, "Keys 1\u201321 of tv_post (all rows), 20 rows, more after.");
        assertThat(label(robot, "#inspectError").getText()).isEmpty();
    }

    @Test
    void aStaleRowShowsItsDifferenceAndIsRepairedOnlyAfterConfirmation(FxRobot robot) throws Exception {
        db = BlogSchema.withTviews();
        // Made stale behind the runtime's back: the superuser writes the TVIEW table directly.
        db.execute("UPDATE tv_post SET data = jsonb_set(data, '{title}', '\"tampered\"') WHERE pk_post = 2");
        app.connect(robot, db.jdbcUrl(), "3 TVIEWs");
        robot.interact(() -> app.viewModel.dependencyGraph().select("tv_post"));
        waitUntil(10, () -> robot.lookup("#detailsInspectRows").tryQuery().isPresent());
        press(robot, "#detailsInspectRows");
        windowOf(robot, "inspectorWindow");
        waitForPage(robot, "Keys 1\u20133 of tv_post (all rows), 3 rows.");

        TableView<RowSummary> table = rows(robot);
        robot.interact(() -> table.getSelectionModel().select(1));
        waitUntil(30, () -> label(robot, "#inspectRowState").getText().startsWith("Stale"));
        assertThat(label(robot, "#inspectRowState").getText()).isEqualTo("Stale: the stored row differs from its view's row at 1 path.");
        assertThat(list(robot, "#inspectDifferences").getItems())
                .containsExactly("$.data.title: stored \"tampered\", view \"Lineage by keys\"");
        assertThat(marked(robot, "#inspectStoredTree")).containsExactlyInAnyOrder("row {6}", "data {3}", "title: \"tampered\"");
        assertThat(marked(robot, "#inspectViewTree")).containsExactlyInAnyOrder("row {6}", "data {3}", "title: \"Lineage by keys\"");
        screenshot(windowOf(robot, "inspectorWindow"), "row-inspector-stale.png");
        TreeItem<JsonTreeNode> data = child(tree(robot, "#inspectStoredTree").getRoot(), "data");
        assertThat(data.isExpanded()).isTrue();
        assertThat(child(data, "author").getValue().label()).isEqualTo("author {2}");
        assertThat(list(robot, "#inspectSources").getItems()).hasSize(2)
                .anySatisfy(line -> assertThat(line).startsWith("tb_post (root, pk_post = 2): {").contains("\"Lineage by keys\""))
                .anySatisfy(line -> assertThat(line).startsWith("tb_user (parent, pk_user = 2): {").contains("\"bob\""));

        // Cancel: nothing is written.
        pressThenAnswer(robot, "#inspectRepair");
        assertThat(answer(robot, ButtonType.NO)).startsWith("Recompute row 2 of tv_post from its view and write it?");
        waitUntil(10, () -> label(robot, "#inspectRepairOutcome").getText().equals("Not repaired: nothing was changed."));
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 2")).isEqualTo("tampered");

        pressThenAnswer(robot, "#inspectRepair");
        confirm(robot);
        waitUntil(30, () -> label(robot, "#inspectRepairOutcome").getText().startsWith("Repaired"));
        assertThat(label(robot, "#inspectRepairOutcome").getText()).isEqualTo("Repaired row 2 of tv_post: it was stale, now current. "
                + "Ran pg_tviews_cascade('tb_post'::regclass, 2) (1 item queued), committed.");
        assertThat(db.scalar("SELECT data->>'title' FROM tv_post WHERE pk_post = 2")).isEqualTo("Lineage by keys");
        assertThat(label(robot, "#inspectRowState").getText()).isEqualTo("Current: the stored row equals its view's row.");
        assertThat(list(robot, "#inspectDifferences").getItems()).isEmpty();
        assertThat(marked(robot, "#inspectStoredTree")).isEmpty();
        assertThat(table.getSelectionModel().getSelectedItem().pk()).isEqualTo(2L);
        assertThat(table.getSelectionModel().getSelectedItem().summary()).contains("Lineage by keys");
    }

    private static void waitForPage(FxRobot robot, String info) {
        waitUntil(30, () -> label(robot, "#inspectPageInfo").getText().equals(info) && !button(robot, "#inspectSearch").isDisabled());
        assertThat(label(robot, "#inspectPageInfo").getText()).isEqualTo(info);
    }

    private static void search(FxRobot robot, RowFilter.Mode mode, String text) {
        robot.interact(() -> {
            robot.lookup("#inspectSearchMode").queryAs(ChoiceBox.class).setValue(mode);
            robot.lookup("#inspectSearchField").queryAs(TextField.class).setText(text);
        });
        press(robot, "#inspectSearch");
    }

    @SuppressWarnings("unchecked")
    private static TableView<RowSummary> rows(FxRobot robot) {
        return robot.lookup("#inspectRows").queryAs(TableView.class);
    }

    private static List<Long> pks(FxRobot robot) {
        return rows(robot).getItems().stream().map(RowSummary::pk).toList();
    }

    @SuppressWarnings("unchecked")
    private static ListView<String> list(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(ListView.class);
    }

    @SuppressWarnings("unchecked")
    private static TreeView<JsonTreeNode> tree(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TreeView.class);
    }

    /** The texts of the tree's cells drawn as differing. */
    private static List<String> marked(FxRobot robot, String query) {
        return robot.lookup(query + " ." + JsonTreeView.DIFF_CLASS).queryAll().stream()
                .filter(Node::isVisible)
                .map(node -> ((Labeled) node).getText())
                .filter(text -> text != null)
                .toList();
    }

    private static TreeItem<JsonTreeNode> child(TreeItem<JsonTreeNode> item, String key) {
        return item.getChildren().stream().filter(c -> c.getValue().key().equals(key)).findFirst().orElseThrow();
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }

    private static void press(FxRobot robot, String query) {
        Button button = button(robot, query);
        assertThat(button.isDisabled()).as(query + " enabled").isFalse();
        robot.interact(button::fire);
    }

    /** Presses a button that asks a question: the press returns while the modal question waits. */
    private static void pressThenAnswer(FxRobot robot, String query) {
        Button button = button(robot, query);
        assertThat(button.isDisabled()).as(query + " enabled").isFalse();
        Platform.runLater(button::fire);
    }

    private static String answer(FxRobot robot, ButtonType choice) {
        waitUntil(10, () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        DialogPane question = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        String text = question.getContentText();
        robot.clickOn(question.lookupButton(choice));
        return text;
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
