package io.tviewstudio.app.migrate;

import io.tviewstudio.app.DialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.editor.DefinitionEditorViewModel;
import io.tviewstudio.app.tools.DatabaseTask;
import io.tviewstudio.app.tools.ErrorText;
import io.tviewstudio.app.tools.JobState;
import io.tviewstudio.core.migrate.ConversionResult;
import io.tviewstudio.core.migrate.Cutover;
import io.tviewstudio.core.migrate.MaterializedView;
import io.tviewstudio.core.migrate.MatviewComparison;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The migration assistant: the materialized views of the open database with their sources and
 * whether they can become TVIEWs (else the blockers with their TV codes and workarounds); timing a
 * refresh on request; the proposal opened in the definition editor; the side-by-side check; and
 * the conversion with its cut-over, one transaction each, saving the rollback script.
 */
public final class MigrationViewModel {

    /** Said next to "Time refresh": timing it is not free for the readers of the materialized view. */
    public static final String LOCK_WARNING = "Timing runs REFRESH MATERIALIZED VIEW in a transaction that is rolled back; "
            + "it takes an ACCESS EXCLUSIVE lock on the materialized view while it runs, so its readers wait (lock wait at most 5 s).";
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);
    static final int SAMPLE_ROWS = 5;

    private final DatabaseViewModel database;
    private final DefinitionEditorViewModel editor;
    private final DialogService dialogs;
    private final JobState job;

    private final ObservableList<MatviewItem> items = FXCollections.observableArrayList();
    private final ObjectProperty<MatviewItem> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Cutover> cutover = new SimpleObjectProperty<>(Cutover.KEEP);
    private final StringProperty rollbackFile = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper listSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper definitionSource = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper conversion = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rollbackScript = new ReadOnlyStringWrapper("");
    private final StringBinding blockers;
    private final StringBinding definition;
    private final BooleanBinding noProposal;
    private Runnable onProposed = () -> { };
    /** The editor document the last proposal was opened as; while the editor shows it, its text is the definition. */
    private String proposedDocument;
    private MatviewItem proposedFor;
    private boolean reloading;

    public MigrationViewModel(DatabaseViewModel database, DefinitionEditorViewModel editor, DialogService dialogs, Executor background) {
        this.database = Objects.requireNonNull(database);
        this.editor = Objects.requireNonNull(editor);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.job = new JobState(background);
        blockers = Bindings.createStringBinding(() -> selected.get() == null ? "" : selected.get().blockersText(), selected);
        definition = Bindings.createStringBinding(() -> selected.get() == null ? "" : selected.get().matview().definition(), selected);
        noProposal = Bindings.createBooleanBinding(() -> selected.get() == null || selected.get().proposal().createTview() == null,
                selected).or(job.runningProperty());
        selected.addListener((observable, old, item) -> selectionChanged(item));
        editor.documentNameProperty().addListener((observable, old, name) -> describeDefinitionSource());
    }

    public ObservableList<MatviewItem> items() { return items; }
    public ObjectProperty<MatviewItem> selectedProperty() { return selected; }
    public ObjectProperty<Cutover> cutoverProperty() { return cutover; }
    /** Where Convert saves the rollback script. */
    public StringProperty rollbackFileProperty() { return rollbackFile; }
    public ReadOnlyStringProperty listSummaryProperty() { return listSummary.getReadOnlyProperty(); }
    /** The selected materialized view's definition, as PostgreSQL prints it. */
    public StringBinding definitionProperty() { return definition; }
    /** What blocks the conversion of the selected one, with codes and workarounds; empty when nothing. */
    public StringBinding blockersProperty() { return blockers; }
    /** Which definition Check and Convert use: the proposal, or the editor's text once it was opened there. */
    public ReadOnlyStringProperty definitionSourceProperty() { return definitionSource.getReadOnlyProperty(); }
    public ReadOnlyStringProperty comparisonProperty() { return comparison.getReadOnlyProperty(); }
    /** The first rows that differ, each way. */
    public ObservableList<String> differences() { return differences; }
    public ReadOnlyStringProperty conversionProperty() { return conversion.getReadOnlyProperty(); }
    public ReadOnlyStringProperty rollbackScriptProperty() { return rollbackScript.getReadOnlyProperty(); }
    /** True when no TVIEW definition could be proposed for the selection (or a job runs). */
    public BooleanBinding noProposalProperty() { return noProposal; }
    public BooleanBinding nothingSelectedProperty() { return selected.isNull().or(job.runningProperty()); }
    public JobState job() { return job; }

    /** Called after a proposal was opened in the editor (the window then shows the editor). */
    public void setOnProposed(Runnable onProposed) {
        this.onProposed = Objects.requireNonNull(onProposed);
    }

    /** Reads pg_matviews and proposes a TVIEW for each, in the background. */
    public void load() {
        DatabaseSession session = database.sessionProperty().get();
        if (session == null) {
            listSummary.set("No database is open: connect first (File \u203a Connect\u2026).");
            return;
        }
        String keep = selected.get() == null ? null : selected.get().name();
        job.start(new DatabaseTask<>(session, (studio, progress) -> {
            List<MatviewItem> read = new ArrayList<>();
            List<MaterializedView> matviews = studio.materializedViews();
            for (int i = 0; i < matviews.size(); i++) {
                progress.step(i, matviews.size(), "Proposing a TVIEW for " + matviews.get(i).name());
                read.add(new MatviewItem(matviews.get(i), studio.proposeConversion(matviews.get(i))));
            }
            return read;
        }), true, "Cancelled.", read -> {
            long convertible = read.stream().filter(item -> item.proposal().convertible()).count();
            listSummary.set(read.isEmpty() ? "Database " + session.target().database() + " has no materialized views."
                    : read.size() + " materialized view" + (read.size() == 1 ? "" : "s") + " in database " + session.target().database()
                    + ", " + convertible + " convertible as proposed.");
            // A reload after a conversion keeps its outcome on screen, though the item is new (or gone after a cut-over);
            // replacing the items clears the table's selection too.
            reloading = true;
            try {
                items.setAll(read);
                selected.set(read.stream().filter(item -> item.name().equals(keep)).findFirst().orElse(null));
            } finally {
                reloading = false;
            }
        });
    }

    /** Times REFRESH MATERIALIZED VIEW of the selection, rolled back (see {@link #LOCK_WARNING}). */
    public void timeRefresh() {
        MatviewItem item = selected.get();
        DatabaseSession session = database.sessionProperty().get();
        if (item == null || session == null) {
            return;
        }
        item.refreshTimed("timing\u2026");
        job.start(new DatabaseTask<>(session, (studio, progress) -> {
            progress.step(0, 0, "Timing REFRESH MATERIALIZED VIEW " + item.name() + " (ACCESS EXCLUSIVE lock, rolled back)");
            return studio.timeRefresh(item.matview(), LOCK_TIMEOUT);
        }), true, "Cancelled: the refresh was rolled back.", took -> item.refreshTimed(took.toMillis() + " ms"),
                () -> item.refreshTimed("not timed"));
    }

    /** Opens the proposed definition in the definition editor, where the user edits it with validation as they type. */
    public void propose() {
        MatviewItem item = selected.get();
        if (item == null || item.proposal().createTview() == null) {
            return;
        }
        String document = item.proposal().tview() + ".tview.sql";
        String header = "-- Proposed for materialized view " + item.name() + " by the migration assistant.\n";
        if (editor.openDraft(document, header + item.proposal().createTview() + ";\n")) {
            proposedDocument = document;
            proposedFor = item;
            describeDefinitionSource();
            onProposed.run();
        }
    }

    /** Compares the materialized view with the TVIEW both ways (created for the check and rolled back if it does not exist). */
    public void checkConsistency() {
        MatviewItem item = selected.get();
        DatabaseSession session = database.sessionProperty().get();
        String create = currentDefinition();
        if (item == null || session == null || create == null) {
            return;
        }
        comparison.set("");
        differences.clear();
        job.start(new DatabaseTask<>(session, (studio, progress) -> {
            progress.step(0, 0, "Comparing " + item.name() + " with its TVIEW (rolled back)");
            return studio.compareConversion(item.matview(), create, SAMPLE_ROWS);
        }), true, "Cancelled: rolled back, nothing was changed.", this::showComparison);
    }

    private void showComparison(MatviewComparison.Result result) {
        String verdict = result.contentsEqual() ? "Equal: every row is in both."
                : "They differ: " + result.onlyInMatview() + " row(s) only in the materialized view, "
                + result.onlyInTview() + " only in the TVIEW.";
        comparison.set(result.matview() + ": " + result.matviewRows() + " rows; " + result.tview() + ": " + result.tviewRows() + " rows"
                + (result.createdForCheck() ? " (created for the check and rolled back)" : "") + ". " + verdict);
        List<String> rows = new ArrayList<>();
        result.firstOnlyInMatview().forEach(row -> rows.add("only in " + result.matview() + ": " + row));
        result.firstOnlyInTview().forEach(row -> rows.add("only in " + result.tview() + ": " + row));
        differences.setAll(rows);
    }

    /**
     * Converts the selection in one transaction (create, compare, cut-over only when equal), after a
     * confirmation, and saves the rollback script where {@link #rollbackFileProperty()} says.
     */
    public void convert() {
        MatviewItem item = selected.get();
        DatabaseSession session = database.sessionProperty().get();
        String create = currentDefinition();
        if (item == null || session == null || create == null) {
            return;
        }
        Path script;
        try {
            script = Path.of(rollbackFile.get().strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            job.fail(new ErrorText("invalid_path", "not a file name: " + rollbackFile.get(), e.getReason()));
            return;
        }
        Cutover mode = cutover.get();
        if (!dialogs.confirm("Convert materialized view", "Convert " + item.name() + " into a TVIEW with cut-over \u201c"
                + mode.name().toLowerCase(Locale.ROOT) + "\u201d? One transaction: if the contents differ, nothing is changed. "
                + "The rollback script is saved to " + script + ".")) {
            return;
        }
        conversion.set("");
        rollbackScript.set("");
        job.start(new DatabaseTask<>(session, (studio, progress) -> {
            progress.step(0, 0, "Converting " + item.name() + " (one transaction)");
            ConversionResult result = studio.convert(item.matview(), create, mode, false);
            if (result.committed()) {
                Files.createDirectories(script.getParent());
                Files.writeString(script, result.rollbackSql());
            }
            return result;
        }), true, "Cancelled: rolled back, nothing was changed.", result -> converted(item, result, script));
    }

    private void converted(MatviewItem item, ConversionResult result, Path script) {
        String compare = result.matviewRows() + " rows in " + item.name() + ", " + result.tviewRows() + " in " + result.tview()
                + "; only in the materialized view: " + result.onlyInMatview() + ", only in the TVIEW: " + result.onlyInTview() + ".";
        if (!result.committed()) {
            conversion.set("Not converted: the contents differ, rolled back, nothing was changed. " + compare
                    + " Refresh the materialized view if it is stale, or edit the definition.");
            return;
        }
        conversion.set("Converted: " + result.created() + ". " + compare + " Cut-over: " + switch (result.cutover()) {
            case KEEP -> "keep: both stay; readers move to " + result.tview() + " when ready.";
            case VIEW -> item.name() + " is now a view over " + result.tview() + ": readers need no change.";
            case DROP -> item.name() + " dropped; readers must read " + result.tview() + ".";
        } + " Rollback script saved to " + script + ".");
        rollbackScript.set(result.rollbackSql());
        database.refresh();
        load();
    }

    public void cancel() {
        job.cancel();
    }

    /** The definition Check and Convert use: the editor's text while it shows the proposal, else the proposal. */
    String currentDefinition() {
        MatviewItem item = selected.get();
        if (item == null) {
            return null;
        }
        if (usesEditor(item)) {
            return editor.textProperty().get().strip().replaceAll(";\\s*$", "");
        }
        return item.proposal().createTview();
    }

    private boolean usesEditor(MatviewItem item) {
        return proposedFor != null && proposedFor.name().equals(item.name()) && proposedDocument != null
                && proposedDocument.equals(editor.documentNameProperty().get());
    }

    private void selectionChanged(MatviewItem item) {
        if (reloading) {
            describeDefinitionSource();
            return;
        }
        comparison.set("");
        differences.clear();
        conversion.set("");
        rollbackScript.set("");
        if (item != null) {
            String file = "tviews-rollback-" + item.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".sql";
            rollbackFile.set(Path.of(System.getProperty("user.home"), file).toString());
        }
        describeDefinitionSource();
    }

    private void describeDefinitionSource() {
        MatviewItem item = selected.get();
        if (item == null) {
            definitionSource.set("");
        } else if (item.proposal().createTview() == null) {
            definitionSource.set("No TVIEW definition can be proposed; see what blocks it above.");
        } else if (usesEditor(item)) {
            definitionSource.set("Check and Convert use the text in the definition editor (" + proposedDocument + ").");
        } else {
            definitionSource.set("Check and Convert use the proposal for " + item.proposal().tview()
                    + "; Propose opens it in the definition editor to edit it first.");
        }
    }
}
