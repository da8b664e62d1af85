package io.tviewstudio.app.editor;

import io.tviewstudio.app.DialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.help.HelpTopic;
import io.tviewstudio.app.tools.DatabaseTask;
import io.tviewstudio.core.analysis.AnalysisResult;
import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.jdbc.DatabaseError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

/**
 * The definition editor: the text and its file, validation as the user types (debounced, off the
 * JavaFX thread, against the live catalog when a database is open) and the problems found. What it
 * does with the database (preview, install, replace) is {@link EditorDeployment}; which installed
 * TVIEWs the document edits, and what replacing one changes, is {@link EditedTviews}. Holds no
 * nodes.
 *
 * <p>A document without a file of the user's choosing is named after the first TVIEW its text
 * defines ({@code tv_post.tview.sql}), so its name follows an edited name; once saved to or opened
 * from a file, it keeps the file's name.
 */
public final class DefinitionEditorViewModel {

    /** How long typing must pause before the text is analysed again. */
    static final Duration VALIDATION_DELAY = Duration.millis(350);
    static final String UNTITLED = "untitled.tview.sql";
    private static final String EXTENSION = ".tview.sql";

    private final DatabaseViewModel database;
    private final DialogService dialogs;
    private final Executor offline;
    private final Executor ui;

    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper documentName = new ReadOnlyStringWrapper(UNTITLED);
    private final BooleanBinding dirty;
    private final StringBinding title;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problemSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(false);
    private final PauseTransition typingPause = new PauseTransition(VALIDATION_DELAY);
    private final EditedTviews edited = new EditedTviews();
    private final ReadOnlyStringWrapper replacing = new ReadOnlyStringWrapper();
    private final StringBinding installLabel = Bindings.createStringBinding(
            () -> replacing.get() == null ? "Install" : "Replace\u2026", replacing);
    private final EditorDeployment deployment;

    private long generation;

    /**
     * @param offline where a definition is analysed without a database
     * @param ui      runs what follows an analysis or a database action: {@code Platform::runLater} in
     *                the application
     */
    public DefinitionEditorViewModel(DatabaseViewModel database, DialogService dialogs, Executor offline, Executor ui) {
        this.database = Objects.requireNonNull(database);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.offline = Objects.requireNonNull(offline);
        this.ui = Objects.requireNonNull(ui);
        deployment = new EditorDeployment(database, dialogs, edited, new EditorDeployment.Document() {
            @Override
            public String name() {
                return documentName.get();
            }

            @Override
            public String text() {
                return text.get();
            }

            @Override
            public void recheck() {
                validateNow();
            }
        }, ui);
        dirty = text.isNotEqualTo(savedText);
        title = Bindings.createStringBinding(() -> (dirty.get() ? "\u2022 " : "") + documentName.get(), dirty, documentName);
        typingPause.setOnFinished(event -> validateNow());
        text.addListener((observable, old, value) -> typingPause.playFromStart());
        // A new database means a new catalog: what was unknown may exist now.
        database.stateProperty().addListener((observable, old, state) -> {
            if (state == DatabaseViewModel.State.CONNECTED) {
                validateNow();
            }
        });
        validateNow();
    }

    public StringProperty textProperty() { return text; }
    public ReadOnlyObjectProperty<Path> fileProperty() { return file.getReadOnlyProperty(); }
    public ReadOnlyStringProperty documentNameProperty() { return documentName.getReadOnlyProperty(); }
    /** True while the text differs from what was last opened or saved. */
    public BooleanBinding dirtyProperty() { return dirty; }
    /** {@code • tv_post.tview.sql} while dirty. */
    public StringBinding titleProperty() { return title; }
    public ObservableList<Problem> problems() { return problems; }
    /** e.g. {@code 2 errors, 1 warning · checked against mydb}. */
    public ReadOnlyStringProperty problemSummaryProperty() { return problemSummary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty validatingProperty() { return validating.getReadOnlyProperty(); }
    public ObservableList<PreviewItem> previewItems() { return deployment.previewItems(); }
    public ReadOnlyStringProperty previewSummaryProperty() { return deployment.previewSummaryProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return deployment.busyProperty(); }
    /** The outcome of the last preview or install, e.g. {@code TV040: relation ... does not exist; nothing was changed}. */
    public ReadOnlyStringProperty resultTextProperty() { return deployment.resultTextProperty(); }
    public ReadOnlyStringProperty resultHintProperty() { return deployment.resultHintProperty(); }
    public ReadOnlyObjectProperty<EditorDeployment.Outcome> outcomeProperty() { return deployment.outcomeProperty(); }
    /** True when Preview and Install cannot run: no database, or it is not ready (runtime, link). */
    public BooleanBinding noDatabaseProperty() { return deployment.noDatabaseProperty(); }
    /** The installed TVIEWs the document edits, and what replacing the one it defines changes. */
    public EditedTviews edited() { return edited; }
    /** The installed TVIEW that Install replaces, as the last check found it; null when Install creates. */
    public ReadOnlyStringProperty replacingProperty() { return replacing.getReadOnlyProperty(); }
    /** {@code Install}, or {@code Replace…} when the text replaces an installed TVIEW. */
    public StringBinding installLabelProperty() { return installLabel; }

    /** Called with the names of the TVIEWs an install created or replaced, after the catalog was read again. */
    public void setOnInstalled(Consumer<List<String>> onInstalled) {
        deployment.setOnInstalled(onInstalled);
    }

    // ---- context help -------------------------------------------------------------------------

    /** F1 or the editor's help button: how to write a definition. */
    public void showHelp() {
        dialogs.showDocumentation(HelpTopic.DEFINITIONS);
    }

    /** A problem's code: its entry (cause, fix, prevention) in the error reference. */
    public void showHelpFor(Problem problem) {
        dialogs.showDocumentation(HelpTopic.errorCode(problem.code()));
    }

    // ---- validation ---------------------------------------------------------------------------

    /** Analyses the current text now (off the UI thread); results for older text are dropped. */
    public void validateNow() {
        typingPause.stop();
        long mine = ++generation;
        String current = text.get();
        String name = documentName.get();
        DatabaseSession session = noDatabaseProperty().get() ? null : database.sessionProperty().get();
        // As the replacement of the TVIEWs the document edits: their own names are no TV002.
        Set<String> editing = edited.entities();
        validating.set(true);
        CompletableFuture<DefinitionDeployer.Checked> analysis = session == null
                ? CompletableFuture.supplyAsync(() -> new DefinitionDeployer.Checked(
                        DefinitionDeployer.analyse(name, current, null, editing), null, null), offline)
                : session.submit(connection -> DefinitionDeployer.check(name, current, connection, editing));
        analysis.whenComplete((checked, error) -> ui.execute(() -> {
            if (mine != generation) {
                return;
            }
            validating.set(false);
            if (error != null) {
                if (!database.reportFailure(error)) {
                    problemSummary.set("Could not check the definition: " + DatabaseError.firstLine(DatabaseTask.unwrap(error)));
                }
                return;
            }
            showChecked(checked, current, session, editing);
        }));
    }

    private void showChecked(DefinitionDeployer.Checked checked, String current, DatabaseSession session, Set<String> editing) {
        DefinitionSet set = checked.definitions();
        showProblems(set, session);
        followTviewName(set);
        AnalysisResult replacement = DefinitionDeployer.replacement(set.entries(), editing);
        if (session != null && replacement != null && checked.plan() == null) {
            // Dropped since the document began to edit it: nothing to replace, Install creates it.
            edited.forget(replacement.name().toString());
            validateNow();
            return;
        }
        replacing.set(replacement == null ? null : replacement.name().toString());
        if (session == null) {
            edited.showUnconnected();
        } else {
            edited.show(checked.plan(), checked.diff());
        }
        deployment.clearRefusalOnceFixed(current, set.findings().stream().noneMatch(finding -> finding.diagnostic().isError()));
    }

    private void showProblems(DefinitionSet set, DatabaseSession session) {
        List<Problem> found = set.findings().stream().map(finding -> Problem.of(finding.diagnostic())).toList();
        problems.setAll(found);
        long errors = found.stream().filter(Problem::isError).count();
        long warnings = found.size() - errors;
        String counts = found.isEmpty() ? "No problems"
                : plural(errors, "error") + (warnings == 0 ? "" : ", " + plural(warnings, "warning"));
        problemSummary.set(counts + " \u00b7 " + (session == null ? "checked offline (connect to check names and types)"
                : "checked against " + session.label()));
    }

    /** Without a file of the user's choosing, the document is named after the first TVIEW its text defines. */
    private void followTviewName(DefinitionSet set) {
        if (file.get() == null && !set.isEmpty() && set.entries().getFirst().analysis().name() != null) {
            documentName.set(set.entries().getFirst().analysis().name() + EXTENSION);
        }
    }

    // ---- preview and install ------------------------------------------------------------------

    /** The dry run: lists every object the runtime would generate; the database is left unchanged. */
    public void preview() {
        deployment.preview();
    }

    /** Creates the TVIEWs in one transaction, or replaces the installed TVIEW the document edits. */
    public void install() {
        deployment.install();
    }

    // ---- documents ----------------------------------------------------------------------------

    /** Asks before unsaved text would be lost; true when there is none or the user lets it go. */
    public boolean confirmDiscard() {
        return !dirty.get() || dialogs.confirm("Unsaved changes",
                documentName.get() + " has unsaved changes. Discard them?");
    }

    /** A new document from a template (asks before discarding unsaved text). */
    public boolean newDocument(String templateText) {
        if (!confirmDiscard()) {
            return false;
        }
        load(null, UNTITLED, templateText, "", null);
        return true;
    }

    /** Opens a file (the caller asked {@link #confirmDiscard()} before choosing it). */
    public void open(Path path) throws IOException {
        String content = Files.readString(path, StandardCharsets.UTF_8);
        load(path, path.getFileName().toString(), content, content, null);
    }

    /**
     * Opens the definition of an installed TVIEW, as {@code CREATE TVIEW name AS select}: the
     * document edits it, so its own name is no TV002 and Install replaces it.
     */
    public boolean editTview(String tview, String select) {
        if (!confirmDiscard()) {
            return false;
        }
        String body = select.strip();
        String content = "CREATE TVIEW " + tview + " AS\n" + body + (body.endsWith(";") ? "" : ";") + "\n";
        load(null, tview + EXTENSION, content, content, tview);
        return true;
    }

    /**
     * Opens text that is not saved anywhere yet under a name (e.g. a TVIEW the migration assistant
     * proposed), so that it counts as unsaved; asks before discarding unsaved text.
     */
    public boolean openDraft(String name, String content) {
        if (!confirmDiscard()) {
            return false;
        }
        load(null, name, content, "", null);
        return true;
    }

    /** Saves to the current file; false when there is none yet (the view then asks for one). */
    public boolean save() throws IOException {
        if (file.get() == null) {
            return false;
        }
        saveAs(file.get());
        return true;
    }

    public void saveAs(Path path) throws IOException {
        String content = text.get();
        Files.writeString(path, content, StandardCharsets.UTF_8);
        file.set(path);
        documentName.set(path.getFileName().toString());
        savedText.set(content);
    }

    /** A new document; {@code editedTview} is the installed TVIEW it edits, or null. */
    private void load(Path path, String name, String content, String saved, String editedTview) {
        if (editedTview == null) {
            edited.clear();
        } else {
            edited.editOnly(editedTview);
        }
        file.set(path);
        documentName.set(name);
        savedText.set(saved);
        text.set(content);
        deployment.clear();
        validateNow();
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
