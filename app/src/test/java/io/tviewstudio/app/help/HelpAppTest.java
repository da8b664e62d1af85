package io.tviewstudio.app.help;

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
import io.tviewstudio.app.graph.render.PngWriter;
import io.tviewstudio.core.connect.Environment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
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

/** Help › Documentation, the docs browser on the bundled docs, and the editor's context help, on screen. */
@ExtendWith(ApplicationExtension.class)
class HelpAppTest {

    @TempDir
    static Path home;

    private MainWindowViewModel viewModel;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Environment environment = new Environment(Map.of(), home);
        viewModel = new MainWindowViewModel(new JavaFxDialogService(stage), new AppInfo("TVIEW Studio", "test"),
                stage::close, new DemoDatabaseViewModel(progress -> {
                    throw new IllegalStateException("no demo in this test");
                }, new RecordingDialogService()),
                (spec, label) -> DatabaseSession.open(spec, environment, label),
                ProfileStore.inConfigDirectory(environment), work -> new Thread(work, "test-background").start(),
                Platform::runLater);
        Scene scene = new Scene(new MainWindowView(viewModel), 1280, 800);
        scene.getStylesheets().add(MainWindowView.class.getResource("studio.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @Stop
    void stop() {
        viewModel.close();
        for (Window window : List.copyOf(Window.getWindows())) {
            if (window != stage && window instanceof Stage other) {
                other.close();
            }
        }
    }

    @Test
    void helpDocumentationOpensTheIndexWithEveryPageInTheContents(FxRobot robot) {
        robot.clickOn("Help").clickOn("#documentationMenuItem");

        assertThat(title(robot)).isEqualTo("TVIEW Studio documentation");
        assertThat(contents(robot).getItems()).extracting(DocPage::path)
                .containsExactlyInAnyOrderElementsOf(RepositoryDocs.helpPages())
                .first().isEqualTo("README.md");
        assertThat(contents(robot).getSelectionModel().getSelectedItem().path()).isEqualTo("README.md");
        assertThat(((Stage) robot.lookup("#docsBrowser").query().getScene().getWindow()).getTitle())
                .isEqualTo("TVIEW Studio documentation \u2014 TVIEW Studio Help");

        // F1 outside the editor is the menu's shortcut: the index again, from any page.
        robot.interact(() -> viewModel.showDocumentationAt(HelpTopic.DEFINITIONS));
        robot.interact(() -> stage.toFront());
        robot.clickOn("#statusText").type(KeyCode.F1);
        assertThat(title(robot)).isEqualTo("TVIEW Studio documentation");
    }

    @Test
    void linksNavigateAnchorsRevealTheirHeadingAndBackReturns(FxRobot robot) {
        robot.interact(viewModel::showDocumentation);

        robot.clickOn(link(robot, "getting-started/quickstart.md"));
        assertThat(title(robot)).isEqualTo(LibraryTitles.of("getting-started/quickstart.md"));

        // The contents open a page too; its quick-reference table links to each code's section.
        robot.clickOn(robot.lookup(".docs-contents .list-cell").match(cell ->
                "Error codes".equals(((javafx.scene.control.ListCell<?>) cell).getText())).queryAs(Node.class));
        assertThat(title(robot)).isEqualTo("Error codes");
        assertThat(page(robot).getVvalue()).isZero();
        robot.clickOn(link(robot, "#tv041-unknown_column"));
        assertThat(title(robot)).isEqualTo("Error codes");
        Node heading = robot.lookup("#heading-tv041-unknown_column").query();
        assertThat(page(robot).getVvalue()).isGreaterThan(0.3);
        assertThat(isInView(page(robot), heading)).as("TV041's heading is in view").isTrue();

        robot.clickOn("#docsBack");
        assertThat(title(robot)).isEqualTo("Error codes");
        assertThat(page(robot).getVvalue()).isZero();
        robot.clickOn("#docsBack");
        assertThat(title(robot)).isEqualTo(LibraryTitles.of("getting-started/quickstart.md"));
        robot.clickOn("#docsBack");
        assertThat(title(robot)).isEqualTo("TVIEW Studio documentation");
        assertThat(robot.lookup("#docsBack").queryAs(Button.class).isDisabled()).isTrue();
        robot.clickOn("#docsForward");
        assertThat(title(robot)).isEqualTo(LibraryTitles.of("getting-started/quickstart.md"));
    }

    @Test
    void searchFiltersTheContentsToThePagesThatHoldTheTerm(FxRobot robot) {
        robot.interact(viewModel::showDocumentation);

        robot.clickOn("#docsSearch").write("LoadGenerator");
        assertThat(contents(robot).getItems()).extracting(DocPage::path).containsExactly("guides/desktop-app.md");
        assertThat(robot.lookup("#docsSearchSummary").queryAs(Label.class).getText()).isEqualTo("1 page");
        assertThat(title(robot)).as("typing only filters the contents").isEqualTo("TVIEW Studio documentation");
        robot.type(KeyCode.ENTER);
        assertThat(title(robot)).isEqualTo("The desktop application");
        assertThat(contents(robot).getSelectionModel().getSelectedItem().path()).isEqualTo("guides/desktop-app.md");
        assertThat(matches(robot)).isNotEmpty().allSatisfy(text -> assertThat(text).isEqualToIgnoringCase("LoadGenerator"));

        // Another search highlights its words on the page shown, and still opens nothing by itself.
        robot.interact(() -> robot.lookup("#docsSearch").queryAs(javafx.scene.control.TextField.class).clear());
        assertThat(matches(robot)).isEmpty();
        robot.write("playbook");
        assertThat(title(robot)).isEqualTo("The desktop application");
        assertThat(matches(robot)).isNotEmpty().allSatisfy(text -> assertThat(text).isEqualToIgnoringCase("playbook"));
        assertThat(contents(robot).getItems().size()).isGreaterThan(1);

        // A click in the filtered contents opens the page.
        DocPage second = contents(robot).getItems().get(1);
        robot.clickOn(robot.lookup(".docs-contents .list-cell").match(cell ->
                second.title().equals(((javafx.scene.control.ListCell<?>) cell).getText())).queryAs(Node.class));
        assertThat(title(robot)).isEqualTo(second.title());
    }

    @Test
    void escapeAndCtrlWCloseTheHelpWindow(FxRobot robot) {
        robot.interact(viewModel::showDocumentation);
        Stage help = (Stage) robot.lookup("#docsBrowser").query().getScene().getWindow();
        robot.clickOn("#docsSearch").write("trigger");

        robot.type(KeyCode.ESCAPE);
        assertThat(help.isShowing()).isFalse();

        robot.interact(viewModel::showDocumentation);
        assertThat(help.isShowing()).isTrue();
        robot.clickOn("#docsContents").press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
        assertThat(help.isShowing()).isFalse();
    }

    /** The highlighted words on the page shown. */
    private static List<String> matches(FxRobot robot) {
        return robot.lookup("#docsPage ." + SearchHighlighter.MATCH).queryAllAs(javafx.scene.text.Text.class).stream()
                .map(javafx.scene.text.Text::getText).toList();
    }

    @Test
    void f1InTheEditorOpensWritingDefinitionsAndAProblemsCodeOpensItsEntry(FxRobot robot) {
        CodeArea area = robot.lookup("#definitionArea").queryAs(CodeArea.class);
        robot.interact(() -> area.replaceText("CREATE TVIEW bad_name AS SELECT 1 AS pk_bad;\n"));
        // Offline, the check underlines the bad TVIEW name with TV001: F1 there explains that code,
        // in a Help window that opens right at the entry's heading.
        waitUntil(30, () -> robot.lookup("#problemCode-TV001").tryQuery().isPresent());
        robot.clickOn(area);
        robot.interact(() -> area.moveTo(area.getText().indexOf("bad_name") + 2));
        robot.type(KeyCode.F1);
        assertThat(title(robot)).isEqualTo("Error codes");
        assertThat(isInView(page(robot), robot.lookup("#heading-tv001-invalid_tview_name").query())).isTrue();

        // Elsewhere in the editor, F1 is how to write a definition.
        robot.interact(() -> stage.toFront());
        robot.clickOn(area);
        robot.interact(() -> area.moveTo(area.getLength()));
        robot.type(KeyCode.F1);
        assertThat(title(robot)).isEqualTo("Writing definitions");

        // The code in the problems list is a link to the code's entry.
        robot.interact(() -> stage.toFront());
        robot.clickOn("#problemCode-TV001");
        assertThat(title(robot)).isEqualTo("Error codes");
        assertThat(isInView(page(robot), robot.lookup("#heading-tv001-invalid_tview_name").query())).isTrue();
    }

    @Test
    void aLinkToAMissingPageOrTheWebShowsANoticeNotACrash(FxRobot robot, @TempDir Path docs) throws IOException {
        Files.writeString(docs.resolve("README.md"), """
                # Index

                A [gone page](reference/gone.md), a [web page](https://example.org/tviews) and [another](other.md).
                """);
        Files.writeString(docs.resolve("other.md"), "# Other\n");
        robot.interact(() -> new HelpWindow(stage, DocsLibrary.directory(docs), Optional.empty()).show(HelpTopic.INDEX));

        robot.clickOn(link(robot, "reference/gone.md"));
        assertThat(robot.lookup("#docsNotice").queryAs(Label.class).getText()).isEqualTo("page not found: reference/gone.md");
        assertThat(title(robot)).isEqualTo("Index");
        robot.clickOn(link(robot, "https://example.org/tviews"));
        assertThat(robot.lookup("#docsNotice").queryAs(Label.class).getText())
                .isEqualTo("external link, open it in your browser: https://example.org/tviews");
        robot.clickOn(link(robot, "other.md"));
        assertThat(title(robot)).isEqualTo("Other");
        assertThat(robot.lookup("#docsNotice").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void aPageWithATableAndCodeLooksRight(FxRobot robot) {
        robot.interact(() -> viewModel.showDocumentationAt(new HelpTopic("reference/configuration.md", null)));
        assertThat(title(robot)).isEqualTo("Configuration");
        screenshot(robot.lookup("#docsBrowser").query().getScene().getWindow(), "help-window.png");
        // A page with a figure and lists, and a heading revealed by its anchor.
        robot.interact(() -> viewModel.showDocumentationAt(new HelpTopic("guides/desktop-app.md", null)));
        screenshot(robot.lookup("#docsBrowser").query().getScene().getWindow(), "help-window-figure.png");
        robot.interact(() -> viewModel.showDocumentationAt(HelpTopic.errorCode("TV041")));
        screenshot(robot.lookup("#docsBrowser").query().getScene().getWindow(), "help-window-error.png");
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The first link on the shown page with this target, scrolled into view. */
    private static Node link(FxRobot robot, String href) {
        Text link = robot.lookup(".doc-link").match(node -> href.equals(node.getProperties().get("href"))).queryAs(Text.class);
        ScrollPane page = page(robot);
        if (!isInView(page, link)) {
            robot.interact(() -> {
                Node content = page.getContent();
                Bounds bounds = content.sceneToLocal(link.localToScene(link.getBoundsInLocal()));
                double scrollable = content.getLayoutBounds().getHeight() - page.getViewportBounds().getHeight();
                page.setVvalue(Math.min(1, Math.max(0, (bounds.getMinY() - 40) / scrollable)));
            });
        }
        return link;
    }

    private static boolean isInView(ScrollPane page, Node node) {
        Bounds view = page.localToScene(page.getLayoutBounds());
        Bounds shown = node.localToScene(node.getBoundsInLocal());
        return shown.getMinY() >= view.getMinY() - 1 && shown.getMinY() < view.getMaxY() - 10;
    }

    private static ScrollPane page(FxRobot robot) {
        return robot.lookup("#docsPage").queryAs(ScrollPane.class);
    }

    @SuppressWarnings("unchecked")
    private static ListView<DocPage> contents(FxRobot robot) {
        return robot.lookup("#docsContents").queryAs(ListView.class);
    }

    private static String title(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#docsTitle").queryAs(Label.class).getText();
    }

    /** Titles of bundled pages, so the test does not repeat the docs' wording. */
    private static final class LibraryTitles {
        private static final DocsLibrary LIBRARY = DocsLibrary.bundled();

        static String of(String path) {
            return LIBRARY.page(path).orElseThrow().title();
        }
    }
}
