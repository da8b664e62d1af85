package io.tviewstudio.app.editor;

import static io.tviewstudio.app.FxThread.waitUntil;
import static io.tviewstudio.app.tools.ToolWindowFixture.label;
import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.tools.ToolWindowFixture;
import io.tviewstudio.core.deploy.DefinitionDiff;
import io.tviewstudio.core.runtime.DatabaseSnapshot;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.TestDatabase;
import io.tviewstudio.core.testing.TviewAssertions;
import java.nio.file.Path;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;

/**
 * Edit definition of an installed TVIEW (issue #20, item 8), on screen against the blog database:
 * tv_post, which tv_category and tv_comment read. The document edits tv_post: its own name is no
 * TV002, the Changes tab shows the difference, Replace drops and re-creates it with its dependants
 * in one transaction, or changes nothing and names the dependant that failed.
 */
@ExtendWith(ApplicationExtension.class)
class EditInstalledTviewAppTest {

    private static final String TITLE = "'title', p.title,";
    private static final String UPPER_TITLE = "'title', upper(p.title),";

    @TempDir
    static Path home;

    private ToolWindowFixture app;

    @Start
    void start(javafx.stage.Stage stage) {
        app = new ToolWindowFixture(stage, home, progress -> {
            throw new IllegalStateException("no demo in this test");
        });
    }

    @Stop
    void stop() {
        app.viewModel.close();
    }

    @Test
    void theEditedTviewsOwnNameIsNoTv002ButAnotherExistingTviewsNameStillIs(FxRobot robot) throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        editTvPost(robot, db);

        assertThat(label(robot, "#editingLabel").getText()).isEqualTo("editing tv_post");
        assertThat(robot.lookup("#editingBar").query().isVisible()).isTrue();
        assertThat(app.viewModel.editor().problems()).isEmpty();
        assertThat(label(robot, "#problemSummary").getText()).startsWith("No problems \u00b7 checked against");
        assertThat(robot.lookup("#installButton").queryAs(Button.class).getText()).isEqualTo("Replace\u2026");

        // The text now names tv_comment, which exists and is not the TVIEW edited: TV002, and Install creates.
        setText(robot, text(robot).replace("CREATE TVIEW tv_post AS", "CREATE TVIEW tv_comment AS"));
        waitUntil(30, () -> checked() && app.viewModel.editor().problems().stream().anyMatch(p -> p.code().equals("TV002")));
        assertThat(app.viewModel.editor().problems()).filteredOn(p -> p.code().equals("TV002")).extracting(Problem::message)
                .containsExactly("TVIEW tv_comment already exists");
        assertThat(robot.lookup("#installButton").queryAs(Button.class).getText()).isEqualTo("Install");
        assertThat(label(robot, "#editingLabel").getText()).isEqualTo("editing tv_post");
        assertThat(label(robot, "#changesSummary").getText()).isEqualTo("The text does not define tv_post alone: "
                + "Install creates the TVIEWs it defines, and tv_post stays as installed.");
    }

    @Test
    void theChangesTabShowsTheInstalledDefinitionAgainstTheEditedOneAndWhatHappensToTheDependants(FxRobot robot)
            throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        editTvPost(robot, db);
        assertThat(label(robot, "#changesSummary").getText()).isEqualTo("tv_post: the same as the installed definition");

        setText(robot, text(robot).replace(TITLE, UPPER_TITLE));
        waitUntil(30, () -> checked() && label(robot, "#changesSummary").getText().contains("removed"));

        assertThat(label(robot, "#changesSummary").getText())
                .isEqualTo("tv_post: 1 line removed, 1 added against the installed definition");
        ListView<DefinitionDiff.Line> lines = robot.lookup("#changesList").queryListView();
        assertThat(lines.getItems()).filteredOn(line -> line.kind() != DefinitionDiff.Kind.KEPT)
                .extracting(DefinitionDiff.Line::toString).containsExactly(
                        "-            jsonb_build_object('id', p.id, " + TITLE,
                        "+            jsonb_build_object('id', p.id, " + UPPER_TITLE);
        assertThat(label(robot, "#dependantsText").getText()).isEqualTo("tv_category, tv_comment read tv_post: replacing it "
                + "drops them too and creates them again from the stored definitions, in the same transaction.");
        robot.clickOn("Changes");
        FxThread.screenshot(lines.getScene().getWindow(), "definition-editor-changes.png");
    }

    @Test
    void replacingKeepsTheDependantsWithCorrectRowsAndTheInstalledTextIsNoLongerFlagged(FxRobot robot) throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        editTvPost(robot, db);
        setText(robot, text(robot).replace(TITLE, UPPER_TITLE));
        waitUntil(30, () -> checked() && label(robot, "#changesSummary").getText().contains("removed"));

        // Preview is a dry run of the replacement: every step, then a rollback.
        robot.clickOn("#previewButton");
        waitUntil(60, () -> label(robot, "#previewSummary").getText().contains("rolled back"));
        ListView<PreviewItem> steps = robot.lookup("#previewList").queryListView();
        assertThat(steps.getItems()).extracting(PreviewItem::label).containsExactly(
                "drops TVIEW tv_post with the TVIEWs that read it", "creates TVIEW tv_post from the text",
                "creates again TVIEW tv_category", "creates again TVIEW tv_comment");
        assertThat(db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'post'")).asString().doesNotContain("upper");

        robot.clickOn("#installButton");
        assertThat(ToolWindowFixture.confirm(robot)).isEqualTo("Replace tv_post with the edited definition? It is dropped "
                + "and created again from the text (see Changes). tv_category, tv_comment read it: they are dropped with it "
                + "and created again from the stored definitions. All in one transaction: if any step fails, nothing changes.");
        assertThat(robot.lookup("#editorTabs").queryAs(TabPane.class).getSelectionModel().getSelectedItem().getId())
                .isEqualTo("changesTab");
        waitUntil(60, () -> label(robot, "#editorResult").getText().contains("replaced in one transaction"));

        assertThat(label(robot, "#editorResult").getText()).isEqualTo("TVIEW tv_post created: 3 rows, 2 source relation(s); "
                + "created again: tv_category, tv_comment \u2014 replaced in one transaction.");
        assertThat(db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'post'")).asString().contains("upper(p.title)");
        assertThat(db.column("SELECT data->'posts'->0->>'title' FROM tv_category ORDER BY pk_category"))
                .containsExactly("TVIEWS EXPLAINED", "JAVAFX TIPS", null);
        assertThat(db.column("SELECT data->'post'->>'title' FROM tv_comment ORDER BY pk_comment"))
                .containsExactly("TVIEWS EXPLAINED", "TVIEWS EXPLAINED", "JAVAFX TIPS");
        db.execute("UPDATE tb_post SET title = 'Keys' WHERE pk_post = 3");
        assertThat(db.scalar("SELECT data->'post'->>'title' FROM tv_comment WHERE pk_comment = 3")).isEqualTo("KEYS");
        TviewAssertions.assertConsistent(db);

        // The installed text is what the document edits now: no TV002, nothing left to change.
        waitUntil(30, () -> checked() && label(robot, "#changesSummary").getText().equals("tv_post: the same as the installed definition"));
        assertThat(app.viewModel.editor().problems()).isEmpty();
        assertThat(label(robot, "#editingLabel").getText()).isEqualTo("editing tv_post");
    }

    @Test
    void aDependantThatCannotBeCreatedAgainIsNamedWithTheServersErrorAndTheDatabaseIsUnchanged(FxRobot robot)
            throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        editTvPost(robot, db);
        String installed = (String) db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'post'");
        DatabaseSnapshot before = DatabaseSnapshot.of(db);
        // tv_category reads tv_post.fk_category, which the new definition no longer has.
        setText(robot, text(robot).replace("p.fk_category, ", ""));
        waitUntil(30, () -> checked() && label(robot, "#changesSummary").getText().contains("removed"));
        assertThat(app.viewModel.editor().problems()).isEmpty();
        String refusal = "TV041: tv_category, which reads tv_post, cannot be created again: "
                + "TVIEW tv_category: column tp.fk_category does not exist; everything was rolled back, nothing was changed";

        robot.clickOn("#previewButton");
        waitUntil(60, () -> label(robot, "#editorResult").getText().startsWith("TV041"));
        assertThat(label(robot, "#editorResult").getText()).isEqualTo(refusal);

        robot.clickOn("#installButton");
        ToolWindowFixture.confirm(robot);
        waitUntil(60, () -> app.viewModel.editor().outcomeProperty().get() == EditorDeployment.Outcome.FAILURE);
        assertThat(label(robot, "#editorResult").getText()).isEqualTo(refusal);
        assertThat(label(robot, "#editorResultHint").getText())
                .isEqualTo("Check the column name against the table definition (\\d table in psql).");
        assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
        assertThat(db.scalar("SELECT definition FROM pg_tview_meta WHERE entity = 'post'")).isEqualTo(installed);
        assertThat(label(robot, "#editingLabel").getText()).isEqualTo("editing tv_post");
    }

    @Test
    void theDocumentIsNamedAfterItsTviewUntilTheUserSavesItToAFileOfTheirOwn(FxRobot robot) throws Exception {
        robot.interact(() -> app.viewModel.editor().newDocument(DefinitionTemplates.ALL.getFirst().text()));
        setText(robot, "CREATE TVIEW tv_article AS\nSELECT a.pk_article, a.id, to_jsonb(a.title) AS data FROM tb_article a;\n");
        waitUntil(30, () -> checked() && label(robot, "#editorTitle").getText().equals("\u2022 tv_article.tview.sql"));

        setText(robot, text(robot).replace("tv_article AS", "tv_story AS"));
        waitUntil(30, () -> checked() && label(robot, "#editorTitle").getText().equals("\u2022 tv_story.tview.sql"));

        Path chosen = home.resolve("my-draft.sql");
        robot.interact(() -> {
            try {
                app.viewModel.editor().saveAs(chosen);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        setText(robot, text(robot).replace("tv_story AS", "tv_tale AS"));
        waitUntil(30, this::checked);
        assertThat(label(robot, "#editorTitle").getText()).isEqualTo("\u2022 my-draft.sql");
    }

    @Test
    void afterInstallingTheDocumentEditsTheNewTviewAndItsTextIsNoLongerFlaggedWithTv002(FxRobot robot) throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        app.connect(robot, db.jdbcUrl(), "3 TVIEWs");
        setText(robot, EditorAndConnectionsAppTest.TV_USER);
        waitUntil(30, () -> checked() && app.viewModel.editor().problems().isEmpty());
        assertThat(robot.lookup("#editingBar").query().isVisible()).isFalse();

        robot.clickOn("#installButton");
        waitUntil(60, () -> label(robot, "#editorResult").getText().contains("installed in one transaction"));
        waitUntil(30, () -> checked() && label(robot, "#editingLabel").getText().equals("editing tv_user")
                && label(robot, "#changesSummary").getText().equals("tv_user: the same as the installed definition"));

        assertThat(app.viewModel.editor().problems()).isEmpty();
        assertThat(label(robot, "#editorTitle").getText()).isEqualTo("\u2022 tv_user.tview.sql");
        assertThat(robot.lookup("#installButton").queryAs(Button.class).getText()).isEqualTo("Replace\u2026");
        assertThat(db.scalar("SELECT count(*) FROM tv_user")).isEqualTo(3L);
    }

    @Test
    void aTviewDroppedElsewhereIsNoLongerEditedAndInstallCreatesItAgain(FxRobot robot) throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        editTvPost(robot, db);

        db.execute("SELECT pg_tviews_drop('tv_post', false, true)");
        robot.interact(app.viewModel.editor()::validateNow);
        waitUntil(30, () -> checked() && !robot.lookup("#editingBar").query().isVisible());

        assertThat(robot.lookup("#installButton").queryAs(Button.class).getText()).isEqualTo("Install");
        robot.clickOn("#installButton");
        waitUntil(60, () -> label(robot, "#editorResult").getText().contains("installed in one transaction"));
        assertThat(db.scalar("SELECT count(*) FROM tv_post")).isEqualTo(3L);
    }

    @Test
    void aTextOfSeveralDefinitionsCannotReplaceTheEditedTviewAndSaysSo(FxRobot robot) throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        editTvPost(robot, db);
        setText(robot, text(robot) + EditorAndConnectionsAppTest.TV_USER);
        waitUntil(30, () -> checked() && app.viewModel.editor().problems().isEmpty());
        assertThat(robot.lookup("#installButton").queryAs(Button.class).getText()).isEqualTo("Install");

        robot.clickOn("#installButton");
        waitUntil(60, () -> app.viewModel.editor().outcomeProperty().get() == EditorDeployment.Outcome.FAILURE);
        assertThat(label(robot, "#editorResult").getText())
                .isEqualTo("TV002: TVIEW tv_post is installed, and a text of 2 definitions cannot replace it; nothing was done");
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();
    }

    /** Connects, selects tv_post in the graph and presses Edit definition in its details; waits for the check. */
    private void editTvPost(FxRobot robot, TestDatabase db) {
        app.connect(robot, db.jdbcUrl(), "3 TVIEWs");
        robot.interact(() -> app.viewModel.dependencyGraph().select("tv_post"));
        robot.clickOn("#detailsEditDefinition");
        waitUntil(30, () -> checked() && label(robot, "#changesSummary").getText().startsWith("tv_post:"));
        assertThat(text(robot)).startsWith("CREATE TVIEW tv_post AS\n");
        assertThat(label(robot, "#editorTitle").getText()).isEqualTo("tv_post.tview.sql");
    }

    /** The last check is done, for the text now in the editor. */
    private boolean checked() {
        return !app.viewModel.editor().validatingProperty().get();
    }

    private static String text(FxRobot robot) {
        return robot.lookup("#definitionArea").queryAs(CodeArea.class).getText();
    }

    /** Replaces the editor's text as typing would, then checks it at once (no typing pause to wait for). */
    private void setText(FxRobot robot, String text) {
        robot.interact(() -> {
            robot.lookup("#definitionArea").queryAs(CodeArea.class).replaceText(text);
            app.viewModel.editor().validateNow();
        });
    }
}
