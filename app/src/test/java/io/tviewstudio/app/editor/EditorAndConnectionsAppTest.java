package io.tviewstudio.app.editor;

import static io.tviewstudio.app.FxThread.screenshot;
import static io.tviewstudio.app.FxThread.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.AppInfo;
import io.tviewstudio.app.JavaFxDialogService;
import io.tviewstudio.app.MainWindowView;
import io.tviewstudio.app.MainWindowViewModel;
import io.tviewstudio.app.RecordingDialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.ProfileStore;
import io.tviewstudio.app.demo.DemoDatabaseViewModel;
import io.tviewstudio.app.graph.DagCanvas;
import io.tviewstudio.app.graph.render.PngWriter;
import io.tviewstudio.core.connect.Environment;
import io.tviewstudio.core.testing.BlogSchema;
import io.tviewstudio.core.testing.PasswordRole;
import io.tviewstudio.core.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.framework.junit5.Stop;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The connect dialog, the connection banner and the definition editor, driven on screen against
 * the real test PostgreSQL server (core's test fixtures).
 */
@ExtendWith(ApplicationExtension.class)
class EditorAndConnectionsAppTest {

    static final String INVALID = """
            CREATE TVIEW tv_user AS
            SELECT u.pk_user, u.id,
                   jsonb_build_object('name', u.nmae) AS data
            FROM tb_user u;
            """;

    static final String TV_USER = """
            CREATE TVIEW tv_user AS
            SELECT u.pk_user, u.id,
                   jsonb_build_object('name', u.name,
                       'posts', (SELECT count(*) FROM tb_post p WHERE p.fk_user = u.pk_user AND p.published)) AS data
            FROM tb_user u;
            """;

    @TempDir
    static Path home;

    private MainWindowViewModel viewModel;
    private MainWindowView view;

    @Start
    void start(Stage stage) {
        Environment environment = new Environment(Map.of(), home);
        viewModel = new MainWindowViewModel(new JavaFxDialogService(stage), new AppInfo("TVIEW Studio", "test"),
                stage::close, new DemoDatabaseViewModel(progress -> {
                    throw new IllegalStateException("no demo in this test");
                }, new RecordingDialogService()),
                (spec, label) -> DatabaseSession.open(spec, environment, label),
                ProfileStore.inConfigDirectory(environment), work -> new Thread(work, "test-background").start(),
                Platform::runLater);
        view = new MainWindowView(viewModel);
        Scene scene = new Scene(view, 1280, 800);
        scene.getStylesheets().add(MainWindowView.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        viewModel.close();
    }

    @Test
    void theMainTabsFollowTheWindowsWorkAreaBothWays(FxRobot robot) {
        TabPane tabs = robot.lookup("#mainTabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("designTab");

        // The user picks a tab: the view-model's work area follows.
        robot.clickOn("#metricsTab");
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("metricsTab");
        assertThat(viewModel.workAreaProperty().get()).isEqualTo(MainWindowViewModel.WorkArea.METRICS);

        // The view-model shows the editor (as a migration proposal does): the Design tab is selected.
        robot.interact(viewModel::showEditor);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("designTab");
        assertThat(viewModel.workAreaProperty().get()).isEqualTo(MainWindowViewModel.WorkArea.DESIGN);
    }

    @Test
    void aWrongPasswordIsShownInTheDialogThenTheRightOneConnectsAndTheProfileHasNoPassword(FxRobot robot) throws Exception {
        var server = PasswordRole.ensure();
        TestDatabase db = TestDatabase.empty();
        db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + PasswordRole.NAME);
        db.execute("ALTER SCHEMA public OWNER TO " + PasswordRole.NAME);

        robot.interact(viewModel::connect);
        robot.interact(() -> {
            text(robot, "#profileNameField").setText("test server");
            text(robot, "#hostField").setText("127.0.0.1");
            text(robot, "#portField").setText(Integer.toString(server.port()));
            text(robot, "#databaseField").setText(db.name());
            text(robot, "#userField").setText(PasswordRole.NAME);
        });
        robot.clickOn("#passwordField").write("not the password");
        robot.clickOn("#connectButton");
        waitUntil(30, () -> !label(robot, "#connectErrorHeadline").getText().isEmpty());

        assertThat(label(robot, "#connectErrorHeadline").getText()).isEqualTo("Wrong password");
        assertThat(label(robot, "#connectErrorMessage").getText()).isEqualTo("password authentication failed for user \""
                + PasswordRole.NAME + "\" at 127.0.0.1:" + server.port() + " (password given explicitly)");
        screenshot(robot.lookup("#connectionDialog").query().getScene().getWindow(), "connection-dialog.png");

        robot.interact(() -> text(robot, "#passwordField").setText(PasswordRole.PASSWORD));
        robot.clickOn("#connectButton");
        waitUntil(30, () -> label(robot, "#bannerHeadline").getText().equals("TVIEW runtime not installed"));
        assertThat(robot.lookup("#connectionDialog").tryQuery()).isEmpty();
        assertThat(label(robot, "#bannerMessage").getText())
                .isEqualTo("the TVIEW runtime is not installed in database \"" + db.name() + "\" at 127.0.0.1:" + server.port() + ".");

        // The saved profile: every field but the password.
        Path profiles = home.resolve(".config/tview-studio/profiles.json");
        String json = Files.readString(profiles);
        assertThat(json).contains("\"name\" : \"test server\"", "\"user\" : \"" + PasswordRole.NAME + "\"",
                "\"database\" : \"" + db.name() + "\"").doesNotContain("password").doesNotContain("correct horse");

        // Install runtime from the banner, with progress; then the database is ready.
        robot.clickOn("#bannerAction");
        waitUntil(120, () -> label(robot, "#statusText").getText().startsWith("Connected to test server (PostgreSQL"));
        assertThat(label(robot, "#statusText").getText()).endsWith("0 TVIEWs");
        assertThat(robot.lookup("#connectionBanner").query().isVisible()).isFalse();
        assertThat(db.scalar("SELECT to_regclass('public.pg_tview_meta') IS NOT NULL")).isEqualTo(true);
    }

    @Test
    void typingAnInvalidDefinitionShowsItsDiagnosticThenPreviewChangesNothingAndInstallAddsTheTviewToTheGraph(FxRobot robot)
            throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        connectAsSuperuser(robot, db);
        CodeArea area = robot.lookup("#definitionArea").queryAs(CodeArea.class);

        robot.interact(() -> area.replaceText(INVALID.replace("u.nmae", "u.nm")));
        robot.clickOn(area).type(javafx.scene.input.KeyCode.END);
        // Type the rest of the wrong column name where it belongs, as a user would.
        robot.interact(() -> area.moveTo(INVALID.indexOf("u.nmae") + 4));
        robot.write("ae");
        assertThat(area.getText()).isEqualTo(INVALID);
        // The check of the text before "ae" was typed may still be on screen: wait for the final text's.
        waitUntil(30, () -> problems(robot).getItems().stream()
                .anyMatch(p -> p.code().equals("TV041") && p.message().contains("nmae")));
        Problem problem = problems(robot).getItems().stream()
                .filter(p -> p.code().equals("TV041") && p.message().contains("nmae")).findFirst().orElseThrow();
        assertThat(problem.line()).isEqualTo(3);
        assertThat(problem.column()).isEqualTo(INVALID.lines().toList().get(2).indexOf("u.nmae") + 1);
        assertThat(problem.message()).contains("nmae");
        assertThat(label(robot, "#problemSummary").getText()).startsWith("1 error").contains("checked against");

        // The problem list jumps to the position.
        robot.interact(() -> {
            problems(robot).getSelectionModel().select(problem);
            view.editor().jumpTo(problem);
        });
        assertThat(area.getSelectedText()).isEqualTo("u.nmae");

        // Install refuses while there are errors, and says why with the code.
        robot.clickOn("#installButton");
        waitUntil(30, () -> label(robot, "#editorResult").getText().startsWith("TV041"));
        assertThat(label(robot, "#editorResultHint").getText()).isEqualTo("Fix the problems listed in the Problems tab first.");
        assertThat(db.scalar("SELECT count(*) FROM pg_tview_meta")).isEqualTo(3L);

        // Fixed: the refusal goes away; the preview lists the runtime's objects and leaves the database as it was.
        robot.interact(() -> area.replaceText(TV_USER));
        waitUntil(30, () -> problems(robot).getItems().isEmpty() && !viewModel.editor().validatingProperty().get());
        assertThat(robot.lookup("#editorResultBar").query().isVisible()).isFalse();
        long objectsBefore = (Long) db.scalar("SELECT count(*) FROM pg_class") + (Long) db.scalar("SELECT count(*) FROM pg_proc");
        robot.clickOn("#previewButton");
        waitUntil(60, () -> label(robot, "#previewSummary").getText().contains("rolled back"));
        ListView<PreviewItem> preview = robot.lookup("#previewList").queryListView();
        assertThat(preview.getItems()).extracting(PreviewItem::label).contains("creates table tv_user", "creates view v_user");
        assertThat((Long) db.scalar("SELECT count(*) FROM pg_class") + (Long) db.scalar("SELECT count(*) FROM pg_proc"))
                .isEqualTo(objectsBefore);
        assertThat(db.scalar("SELECT to_regclass('tv_user')")).isNull();
        WaitForAsyncUtils.waitForFxEvents();
        screenshot(area.getScene().getWindow(), "definition-editor.png");

        // Install: one transaction, then the graph shows the new TVIEW.
        robot.clickOn("#installButton");
        waitUntil(60, () -> label(robot, "#editorResult").getText().contains("installed in one transaction"));
        assertThat(db.scalar("SELECT count(*) FROM tv_user")).isEqualTo(3L);
        DagCanvas canvas = robot.lookup("#dagCanvas").queryAs(DagCanvas.class);
        waitUntil(30, () -> canvas.graphLayout() != null && canvas.graphLayout().box("tv_user").isPresent());
        assertThat(label(robot, "#statusText").getText()).endsWith("4 TVIEWs");

        // Graph › Refresh (F5) reads the row counts again; the user's zoom stays.
        db.execute("DELETE FROM tb_comment WHERE body = 'Thanks'");
        robot.interact(canvas::zoomIn);
        double zoom = canvas.scale();
        robot.type(javafx.scene.input.KeyCode.F5);
        waitUntil(30, () -> canvas.graphLayout().box("tv_comment").orElseThrow().node().rowCount() == 2);
        assertThat(canvas.scale()).isEqualTo(zoom);

        // Edit definition from the graph opens the installed TVIEW in the editor.
        robot.interact(() -> viewModel.dependencyGraph().select("tv_post"));
        robot.clickOn("#detailsEditDefinition");
        // The editor holds unsaved text: it asks first (the dialog opens after the click's events).
        waitUntil(10, () -> robot.lookup("#confirmDialog").tryQuery().isPresent());
        DialogPane question = robot.lookup("#confirmDialog").queryAs(DialogPane.class);
        // Named after the TVIEW it installed, which it edits now.
        assertThat(question.getContentText()).isEqualTo("tv_user.tview.sql has unsaved changes. Discard them?");
        robot.clickOn(question.lookupButton(ButtonType.YES));
        assertThat(area.getText()).startsWith("CREATE TVIEW tv_post AS\n").contains("FROM tb_post p JOIN tb_user u");
        assertThat(label(robot, "#editorTitle").getText()).isEqualTo("tv_post.tview.sql");
    }

    @Test
    void aDroppedConnectionOffersReconnectAndKeepsTheUnsavedText(FxRobot robot) throws Exception {
        TestDatabase db = BlogSchema.withTviews();
        connectAsSuperuser(robot, db);
        CodeArea area = robot.lookup("#definitionArea").queryAs(CodeArea.class);
        robot.interact(() -> area.replaceText(TV_USER));
        robot.clickOn(area).write("-- not saved yet\n");
        assertThat(viewModel.editor().dirtyProperty().get()).isTrue();

        db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND application_name = 'tviews'");
        // The next use finds out: here the check that runs as the user types.
        robot.write("-- typed while the link was down\n");
        String typed = area.getText();
        waitUntil(30, () -> label(robot, "#bannerHeadline").getText().equals("Connection lost"));
        assertThat(button(robot, "#bannerAction").getText()).isEqualTo("Reconnect");
        assertThat(label(robot, "#bannerMessage").getText()).startsWith("The connection to ").endsWith("Unsaved editor text is kept.");
        assertThat(button(robot, "#previewButton").isDisabled()).isTrue();

        robot.clickOn("#bannerAction");
        waitUntil(30, () -> label(robot, "#statusText").getText().endsWith("3 TVIEWs")
                && !robot.lookup("#connectionBanner").query().isVisible());
        assertThat(area.getText()).isEqualTo(typed);
        assertThat(viewModel.editor().dirtyProperty().get()).isTrue();

        robot.clickOn("#previewButton");
        waitUntil(60, () -> label(robot, "#previewSummary").getText().contains("rolled back"));
    }

    private void connectAsSuperuser(FxRobot robot, TestDatabase db) throws TimeoutException {
        robot.interact(viewModel::connect);
        robot.interact(() -> {
            robot.lookup("#useUrlCheckBox").queryAs(CheckBox.class).setSelected(true);
            text(robot, "#urlField").setText(db.jdbcUrl());
            text(robot, "#userField").setText("postgres");
            robot.lookup("#saveProfileCheckBox").queryAs(CheckBox.class).setSelected(false);
        });
        robot.clickOn("#connectButton");
        waitUntil(60, () -> label(robot, "#statusText").getText().endsWith("3 TVIEWs"));
    }

    private static ListView<Problem> problems(FxRobot robot) {
        return robot.lookup("#problemList").queryListView();
    }

    private static TextField text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(TextField.class);
    }

    private static Label label(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class);
    }

    private static Button button(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Button.class);
    }
}
