package io.tviewstudio.app.editor;

import io.tviewstudio.app.DialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.help.HelpTopic;
import io.tviewstudio.core.catalog.SchemaObjects.SchemaObject;
import io.tviewstudio.core.deploy.CreatePreview;
import io.tviewstudio.core.deploy.DefinitionSet;
import io.tviewstudio.core.deploy.TviewCreator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
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
 * JavaFX thread, against the live catalog when a database is open), the problems found, the
 * preview of what the runtime would generate, and installing. Holds no nodes.
 */
public final class DefinitionEditorViewModel {

    /** How long typing must pause before the text is analysed again. */
    static final Duration VALIDATION_DELAY = Duration.millis(350);
    static final String UNTITLED = "untitled.tview.sql";

    public enum Outcome { NONE, WORKING, SUCCESS, FAILURE }

    private final DatabaseViewModel database;
    private final DialogService dialogs;
    private final Executor offline;

    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper savedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper documentName = new ReadOnlyStringWrapper(UNTITLED);
    private final BooleanBinding dirty;
    private final StringBinding title;
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problemSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper validating = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<PreviewItem> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resultHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final PauseTransition typingPause = new PauseTransition(VALIDATION_DELAY);
    private final BooleanBinding noDatabase;

    private Consumer<List<String>> onInstalled = names -> { };
    private long generation;
    /** The text a shown refusal was about (its problems, or the runtime's error); null when none is shown. */
    private String refusedText;

    public DefinitionEditorViewModel(DatabaseViewModel database, DialogService dialogs, Executor offline) {
        this.database = Objects.requireNonNull(database);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.offline = Objects.requireNonNull(offline);
        dirty = text.isNotEqualTo(savedText);
        title = Bindings.createStringBinding(() -> (dirty.get() ? "\u2022 " : "") + documentName.get(), dirty, documentName);
        noDatabase = database.sessionProperty().isNull()
                .or(database.stateProperty().isNotEqualTo(DatabaseViewModel.State.CONNECTED));
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
    public ObservableList<PreviewItem> previewItems() { return preview; }
    public ReadOnlyStringProperty previewSummaryProperty() { return previewSummary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** The outcome of the last preview or install, e.g. {@code TV040: relation ... does not exist; nothing was changed}. */
    public ReadOnlyStringProperty resultTextProperty() { return resultText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultHintProperty() { return resultHint.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() { return outcome.getReadOnlyProperty(); }
    /** True when Preview and Install cannot run: no database, or it is not ready (runtime, link). */
    public BooleanBinding noDatabaseProperty() { return noDatabase; }

    /** Called with the names of the TVIEWs an install created, after the catalog was read again. */
    public void setOnInstalled(Consumer<List<String>> onInstalled) {
        this.onInstalled = Objects.requireNonNull(onInstalled);
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

    /** Analyses the current text now (off the JavaFX thread); results for older text are dropped. */
    public void validateNow() {
        typingPause.stop();
        long mine = ++generation;
        String current = text.get();
        String name = documentName.get();
        DatabaseSession session = noDatabase.get() ? null : database.sessionProperty().get();
        validating.set(true);
        CompletableFuture<DefinitionSet> analysis = session == null
                ? CompletableFuture.supplyAsync(() -> DefinitionDeployer.analyse(name, current, null), offline)
                : session.submit(connection -> DefinitionDeployer.analyse(name, current, connection));
        analysis.whenComplete((set, error) -> Platform.runLater(() -> {
            if (mine != generation) {
                return;
            }
            validating.set(false);
            if (error != null) {
                if (!database.reportFailure(error)) {
                    problemSummary.set("Could not check the definition: " + firstLine(unwrap(error)));
                }
                return;
            }
            showProblems(set, session);
            clearRefusalOnceFixed(current, set);
        }));
    }

    /** A refusal of earlier text goes away once the edited text checks without errors. */
    private void clearRefusalOnceFixed(String checked, DefinitionSet set) {
        boolean fixed = set.findings().stream().noneMatch(finding -> finding.diagnostic().isError());
        if (refusedText != null && !refusedText.equals(checked) && fixed && outcome.get() == Outcome.FAILURE) {
            clearResult();
        }
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

    // ---- preview and install ------------------------------------------------------------------

    /** The dry run: lists every object the runtime would generate; the database is left unchanged. */
    public void preview() {
        DatabaseSession session = readySession();
        if (session == null) {
            return;
        }
        String current = text.get();
        start("Previewing\u2026");
        session.submit(connection -> DefinitionDeployer.preview(connection, documentName.get(), current))
                .whenComplete((planned, error) -> Platform.runLater(() -> {
                    busy.set(false);
                    if (error != null) {
                        failed(error, current);
                        return;
                    }
                    List<PreviewItem> items = new ArrayList<>();
                    for (CreatePreview.PlannedTview tview : planned) {
                        tview.objects().forEach(object -> items.add(item(tview, "creates", object)));
                        tview.changed().forEach(object -> items.add(item(tview, "replaces", object)));
                    }
                    preview.setAll(items);
                    previewSummary.set(planned.size() + (planned.size() == 1 ? " TVIEW, " : " TVIEWs, ")
                            + items.size() + " objects \u00b7 rolled back: nothing was changed");
                    succeeded("Preview of " + names(planned.stream().map(CreatePreview.PlannedTview::tview).toList())
                            + ": " + items.size() + " objects. Nothing was changed.");
                }));
    }

    private static PreviewItem item(CreatePreview.PlannedTview tview, String action, SchemaObject object) {
        return new PreviewItem(tview.tview(), action, object.kind(), object.name(), object.ddl());
    }

    /** Creates the TVIEWs in one transaction, then reads the catalog again so that the graph shows them. */
    public void install() {
        DatabaseSession session = readySession();
        if (session == null) {
            return;
        }
        String current = text.get();
        start("Installing\u2026");
        session.submit(connection -> DefinitionDeployer.install(connection, documentName.get(), current,
                        step -> Platform.runLater(() -> resultText.set("Installing " + step + "\u2026"))))
                .whenComplete((created, error) -> Platform.runLater(() -> {
                    busy.set(false);
                    if (error != null) {
                        failed(error, current);
                        return;
                    }
                    List<String> names = created.stream().map(TviewCreator.Created::tview).toList();
                    succeeded(created.stream().map(TviewCreator.Created::message).reduce((a, b) -> a + "; " + b).orElse("")
                            + " \u2014 installed in one transaction.");
                    database.refresh().thenRun(() -> onInstalled.accept(names));
                    validateNow();
                }));
    }

    private DatabaseSession readySession() {
        if (busy.get()) {
            return null;
        }
        if (noDatabase.get()) {
            outcome.set(Outcome.FAILURE);
            resultText.set("Connect to a database with the TVIEW runtime first (File \u203a Connect\u2026).");
            resultHint.set("");
            return null;
        }
        return database.sessionProperty().get();
    }

    private void start(String what) {
        refusedText = null;
        busy.set(true);
        outcome.set(Outcome.WORKING);
        resultText.set(what);
        resultHint.set("");
    }

    private void succeeded(String message) {
        outcome.set(Outcome.SUCCESS);
        resultText.set(message);
        resultHint.set("");
    }

    private void failed(Throwable error, String attempted) {
        Throwable cause = unwrap(error);
        outcome.set(Outcome.FAILURE);
        if (database.reportFailure(cause)) {
            resultText.set("The connection was lost; nothing was changed. Reconnect and try again.");
            resultHint.set("");
        } else if (cause instanceof DeployFailure failure) {
            refusedText = attempted;
            resultText.set(failure.describe());
            resultHint.set(failure.hint() == null ? "" : failure.hint());
        } else {
            resultText.set(firstLine(cause));
            resultHint.set("");
        }
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
        load(null, UNTITLED, templateText, "");
        return true;
    }

    /** Opens a file (the caller asked {@link #confirmDiscard()} before choosing it). */
    public void open(Path path) throws IOException {
        String content = Files.readString(path, StandardCharsets.UTF_8);
        load(path, path.getFileName().toString(), content, content);
    }

    /** Opens the definition of an installed TVIEW, as {@code CREATE TVIEW name AS select}. */
    public boolean editTview(String tview, String select) {
        if (!confirmDiscard()) {
            return false;
        }
        String body = select.strip();
        String content = "CREATE TVIEW " + tview + " AS\n" + body + (body.endsWith(";") ? "" : ";") + "\n";
        load(null, tview + ".tview.sql", content, content);
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
        load(null, name, content, "");
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

    private void load(Path path, String name, String content, String saved) {
        file.set(path);
        documentName.set(name);
        savedText.set(saved);
        text.set(content);
        preview.clear();
        previewSummary.set("");
        clearResult();
        validateNow();
    }

    private void clearResult() {
        refusedText = null;
        outcome.set(Outcome.NONE);
        resultText.set("");
        resultHint.set("");
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static String names(List<String> names) {
        return String.join(", ", names);
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String firstLine(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message).strip();
    }
}
