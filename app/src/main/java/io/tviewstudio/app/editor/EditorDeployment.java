package io.tviewstudio.app.editor;

import io.tviewstudio.app.DialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.tools.DatabaseTask;
import io.tviewstudio.core.catalog.SchemaObjects.SchemaObject;
import io.tviewstudio.core.deploy.CreatePreview;
import io.tviewstudio.core.deploy.ReplaceResult;
import io.tviewstudio.core.deploy.TviewCreator;
import io.tviewstudio.core.jdbc.DatabaseError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the editor does with the database, on its session's thread: the preview (a dry run), the
 * install of new TVIEWs, and the replacement of the installed TVIEW the document edits (asked
 * first), with the outcome shown in the result bar. Holds no nodes; called on the UI thread, and
 * what the session's thread finds comes back through the UI executor.
 */
public final class EditorDeployment {

    public enum Outcome { NONE, WORKING, SUCCESS, FAILURE }

    /** The document as the deployment reads it when an action starts. */
    interface Document {
        String name();

        String text();

        /** Checks the text again (after an install the catalog changed). */
        void recheck();
    }

    private final DatabaseViewModel database;
    private final DialogService dialogs;
    private final EditedTviews edited;
    private final Document document;
    private final Executor ui;
    private final BooleanBinding noDatabase;
    private final ObservableList<PreviewItem> preview = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper previewSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resultHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);

    private Consumer<List<String>> onInstalled = names -> { };
    /** The text a shown refusal was about (its problems, or the runtime's error); null when none is shown. */
    private String refusedText;

    EditorDeployment(DatabaseViewModel database, DialogService dialogs, EditedTviews edited, Document document, Executor ui) {
        this.database = Objects.requireNonNull(database);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.edited = Objects.requireNonNull(edited);
        this.document = Objects.requireNonNull(document);
        this.ui = Objects.requireNonNull(ui);
        noDatabase = database.sessionProperty().isNull()
                .or(database.stateProperty().isNotEqualTo(DatabaseViewModel.State.CONNECTED));
    }

    public ObservableList<PreviewItem> previewItems() { return preview; }
    public ReadOnlyStringProperty previewSummaryProperty() { return previewSummary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** The outcome of the last preview or install, e.g. {@code TV040: relation ... does not exist; nothing was changed}. */
    public ReadOnlyStringProperty resultTextProperty() { return resultText.getReadOnlyProperty(); }
    public ReadOnlyStringProperty resultHintProperty() { return resultHint.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Outcome> outcomeProperty() { return outcome.getReadOnlyProperty(); }
    /** True when Preview and Install cannot run: no database, or it is not ready (runtime, link). */
    public BooleanBinding noDatabaseProperty() { return noDatabase; }

    void setOnInstalled(Consumer<List<String>> onInstalled) {
        this.onInstalled = Objects.requireNonNull(onInstalled);
    }

    /** The dry run: lists every object the runtime would generate (or every step of a replacement); nothing is changed. */
    public void preview() {
        DatabaseSession session = readySession();
        if (session == null) {
            return;
        }
        String name = document.name();
        String current = document.text();
        Set<String> editing = edited.entities();
        String target = DefinitionDeployer.replacementTarget(name, current, editing);
        if (target != null) {
            previewReplacement(session, name, current, editing, target);
            return;
        }
        run(session, "Previewing\u2026", current, connection -> DefinitionDeployer.preview(connection, name, current, editing),
                planned -> {
                    List<PreviewItem> items = new ArrayList<>();
                    for (CreatePreview.PlannedTview tview : planned) {
                        tview.objects().forEach(object -> items.add(item(tview, "creates", object)));
                        tview.changed().forEach(object -> items.add(item(tview, "replaces", object)));
                    }
                    preview.setAll(items);
                    previewSummary.set(planned.size() + (planned.size() == 1 ? " TVIEW, " : " TVIEWs, ")
                            + items.size() + " objects \u00b7 rolled back: nothing was changed");
                    succeeded("Preview of " + String.join(", ", planned.stream().map(CreatePreview.PlannedTview::tview).toList())
                            + ": " + items.size() + " objects. Nothing was changed.");
                }, error -> { });
    }

    /** A replacement's every step, then a rollback; a failing step is shown as the replacement would show it. */
    private void previewReplacement(DatabaseSession session, String name, String current, Set<String> editing, String target) {
        run(session, "Trying the replacement of " + target + "\u2026", current,
                connection -> DefinitionDeployer.replace(connection, name, current, editing, true),
                result -> {
                    preview.setAll(result.steps().stream().map(PreviewItem::of).toList());
                    previewSummary.set("Replacing " + target + ": " + result.steps().size()
                            + " steps \u00b7 rolled back: nothing was changed");
                    succeeded("Dry run: " + target + " can be replaced" + recreatedText(result) + ". Nothing was changed.");
                }, error -> { });
    }

    private static PreviewItem item(CreatePreview.PlannedTview tview, String action, SchemaObject object) {
        return new PreviewItem(tview.tview(), action, object.kind(), object.name(), object.ddl());
    }

    /**
     * Creates the TVIEWs in one transaction, or replaces the installed TVIEW the text defines (asked
     * first); then reads the catalog again so that the graph shows them.
     */
    public void install() {
        DatabaseSession session = readySession();
        if (session == null) {
            return;
        }
        String name = document.name();
        String current = document.text();
        Set<String> editing = edited.entities();
        String target = DefinitionDeployer.replacementTarget(name, current, editing);
        if (target != null) {
            replace(session, name, current, editing, target);
            return;
        }
        run(session, "Installing\u2026", current, connection -> DefinitionDeployer.install(connection, name, current, editing,
                        step -> ui.execute(() -> resultText.set("Installing " + step + "\u2026"))),
                created -> {
                    succeeded(created.stream().map(TviewCreator.Created::message).reduce((a, b) -> a + "; " + b).orElse("")
                            + " \u2014 installed in one transaction.");
                    // The text is what is installed now: checked as their replacement, it is no TV002.
                    edited.installed(created.stream().filter(c -> !c.skipped()).map(TviewCreator.Created::tview).toList());
                    installed(created.stream().map(TviewCreator.Created::tview).toList());
                }, error -> { });
    }

    private void replace(DatabaseSession session, String name, String current, Set<String> editing, String target) {
        if (!dialogs.confirm("Replace " + target, edited.replaceQuestion(target))) {
            return;
        }
        run(session, "Replacing " + target + "\u2026", current,
                connection -> DefinitionDeployer.replace(connection, name, current, editing, false),
                result -> {
                    succeeded(result.createMessage() + recreatedText(result) + " \u2014 replaced in one transaction.");
                    edited.installed(List.of(result.tview()));
                    installed(List.of(result.tview()));
                }, error -> {
                    if (DatabaseTask.unwrap(error) instanceof DeployFailure failure && "TV003".equals(failure.code())) {
                        // Dropped since it was opened: there is nothing to replace, and Install creates it.
                        edited.forget(target);
                        document.recheck();
                    }
                });
    }

    /**
     * Runs one database action of the editor off the UI thread: busy while it runs, then through the
     * UI executor either its success or the failure shown (then {@code afterFailure}, for what a failure
     * of this action changes besides); {@code attempted} is the text it was about.
     */
    private <T> void run(DatabaseSession session, String what, String attempted, DatabaseSession.SqlWork<T> work,
                         Consumer<T> onSuccess, Consumer<Throwable> afterFailure) {
        start(what);
        session.submit(work).whenComplete((result, error) -> ui.execute(() -> {
            busy.set(false);
            if (error != null) {
                failed(error, attempted);
                afterFailure.accept(error);
                return;
            }
            onSuccess.accept(result);
        }));
    }

    private static String recreatedText(ReplaceResult result) {
        return result.recreated().isEmpty() ? "" : "; created again: " + String.join(", ", result.recreated());
    }

    private void installed(List<String> names) {
        database.refresh().thenRun(() -> onInstalled.accept(names));
        document.recheck();
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
        Throwable cause = DatabaseTask.unwrap(error);
        outcome.set(Outcome.FAILURE);
        if (database.reportFailure(cause)) {
            resultText.set("The connection was lost; nothing was changed. Reconnect and try again.");
            resultHint.set("");
        } else if (cause instanceof DeployFailure failure) {
            refusedText = attempted;
            resultText.set(failure.describe());
            resultHint.set(failure.hint() == null ? "" : failure.hint());
        } else {
            resultText.set(DatabaseError.firstLine(cause));
            resultHint.set("");
        }
    }

    /** A refusal of earlier text goes away once the edited text checks without errors. */
    void clearRefusalOnceFixed(String checked, boolean fixed) {
        if (refusedText != null && !refusedText.equals(checked) && fixed && outcome.get() == Outcome.FAILURE) {
            clearResult();
        }
    }

    /** A new document: no preview, no result. */
    void clear() {
        preview.clear();
        previewSummary.set("");
        clearResult();
    }

    private void clearResult() {
        refusedText = null;
        outcome.set(Outcome.NONE);
        resultText.set("");
        resultHint.set("");
    }
}
