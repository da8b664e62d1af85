package io.tviewstudio.app.editor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tviewstudio.app.FxThread;
import io.tviewstudio.app.RecordingDialogService;
import io.tviewstudio.app.connection.DatabaseViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefinitionEditorViewModelTest {

    @TempDir
    Path directory;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private DefinitionEditorViewModel editor;

    @BeforeAll
    static void startToolkit() {
        FxThread.startToolkit();
    }

    private DefinitionEditorViewModel editor() {
        FxThread.run(() -> editor = new DefinitionEditorViewModel(new DatabaseViewModel(Runnable::run), dialogs,
                Runnable::run, Runnable::run));
        return editor;
    }

    @Test
    void offlineTheAnalyzerStillFindsAnInvalidNameAtItsPosition() {
        DefinitionEditorViewModel editor = editor();
        FxThread.run(() -> {
            editor.textProperty().set("-- a comment\nCREATE TVIEW post AS SELECT 1 AS pk_post;");
            editor.validateNow();
        });
        FxThread.waitUntil(10, () -> !editor.validatingProperty().get() && !editor.problems().isEmpty());

        assertThat(editor.problems()).anySatisfy(problem -> {
            assertThat(problem.code()).isEqualTo("TV001");
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.isError()).isTrue();
        });
        assertThat(editor.problemSummaryProperty().get()).contains("checked offline");
    }

    @Test
    void aMissingClosingParenthesisIsReportedAtTheTokenPostgresqlNames() {
        DefinitionEditorViewModel editor = editor();
        String text = """
                CREATE TVIEW tv_post AS
                SELECT p.pk_post, p.id,
                       jsonb_build_object('title', p.title AS data
                FROM tb_post p;
                """;
        FxThread.run(() -> {
            editor.textProperty().set(text);
            editor.validateNow();
        });
        FxThread.waitUntil(10, () -> !editor.validatingProperty().get() && !editor.problems().isEmpty());

        assertThat(editor.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.code()).isEqualTo("TV010");
            assertThat(problem.message()).endsWith("syntax error at or near \"AS\"");
            assertThat(problem.line()).isEqualTo(3);
            assertThat(problem.column()).isEqualTo(text.lines().toList().get(2).indexOf(" AS ") + 2);
        });
    }

    @Test
    void contextHelpOpensWritingDefinitionsAndAProblemsCodeItsErrorEntry() {
        DefinitionEditorViewModel editor = editor();
        FxThread.run(() -> {
            editor.textProperty().set("CREATE TVIEW post AS SELECT 1 AS pk_post;");
            editor.validateNow();
        });
        FxThread.waitUntil(10, () -> !editor.validatingProperty().get() && !editor.problems().isEmpty());

        editor.showHelp();
        editor.showHelpFor(editor.problems().getFirst());

        assertThat(dialogs.documentation).containsExactly(io.tviewstudio.app.help.HelpTopic.DEFINITIONS,
                new io.tviewstudio.app.help.HelpTopic("reference/errors.md", "tv001-invalid_tview_name"));
    }

    @Test
    void previewWithoutADatabaseSaysToConnectFirst() {
        DefinitionEditorViewModel editor = editor();
        FxThread.run(editor::preview);

        assertThat(editor.outcomeProperty().get()).isEqualTo(EditorDeployment.Outcome.FAILURE);
        assertThat(editor.resultTextProperty().get()).startsWith("Connect to a database with the TVIEW runtime first");
    }

    @Test
    void savingAndOpeningFilesTracksUnsavedChangesAndAsksBeforeDiscardingThem() throws Exception {
        DefinitionEditorViewModel editor = editor();
        Path file = directory.resolve("tv_a.tview.sql");
        FxThread.run(() -> editor.textProperty().set("CREATE TVIEW tv_a AS SELECT 1;"));
        assertThat(editor.dirtyProperty().get()).isTrue();
        assertThat(editor.titleProperty().get()).isEqualTo("\u2022 untitled.tview.sql");

        FxThread.run(() -> {
            try {
                editor.saveAs(file);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(Files.readString(file)).isEqualTo("CREATE TVIEW tv_a AS SELECT 1;");
        assertThat(editor.dirtyProperty().get()).isFalse();
        assertThat(editor.titleProperty().get()).isEqualTo("tv_a.tview.sql");

        FxThread.run(() -> editor.textProperty().set("changed"));
        dialogs.answer = false;
        FxThread.run(() -> assertThat(editor.editTview("tv_b", "SELECT 2")).isFalse());
        assertThat(dialogs.questions).containsExactly("tv_a.tview.sql has unsaved changes. Discard them?");
        assertThat(editor.textProperty().get()).isEqualTo("changed");

        dialogs.answer = true;
        FxThread.run(() -> assertThat(editor.editTview("tv_b", "SELECT 2\n")).isTrue());
        assertThat(editor.textProperty().get()).isEqualTo("CREATE TVIEW tv_b AS\nSELECT 2;\n");
        assertThat(editor.dirtyProperty().get()).isFalse();
        assertThat(editor.fileProperty().get()).isNull();
    }

    @Test
    void aDocumentOpenedWithEditDefinitionEditsThatTviewAndANewDocumentEditsNone() {
        DefinitionEditorViewModel editor = editor();
        FxThread.run(() -> editor.editTview("tv_b", "SELECT 2"));
        FxThread.waitUntil(10, () -> !editor.validatingProperty().get());

        assertThat(editor.edited().editingTextProperty().get()).isEqualTo("editing tv_b");
        assertThat(editor.edited().entities()).containsExactly("b");
        assertThat(editor.edited().summaryProperty().get()).isEqualTo("Connect to compare the text with the installed definition.");
        assertThat(editor.replacingProperty().get()).isEqualTo("tv_b");
        assertThat(editor.installLabelProperty().get()).isEqualTo("Replace\u2026");

        FxThread.run(() -> editor.newDocument("CREATE TVIEW tv_c AS SELECT 3;"));
        FxThread.waitUntil(10, () -> !editor.validatingProperty().get());
        assertThat(editor.edited().editingTextProperty().get()).isEmpty();
        assertThat(editor.installLabelProperty().get()).isEqualTo("Install");
        assertThat(editor.titleProperty().get()).isEqualTo("\u2022 tv_c.tview.sql");
    }
}
