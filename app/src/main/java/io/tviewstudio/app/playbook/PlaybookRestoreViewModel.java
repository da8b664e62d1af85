package io.tviewstudio.app.playbook;

import io.tviewstudio.app.DialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.tools.DatabaseTask;
import io.tviewstudio.app.tools.ErrorText;
import io.tviewstudio.app.tools.JobState;
import io.tviewstudio.core.playbook.Manifest;
import io.tviewstudio.core.playbook.Playbook;
import io.tviewstudio.core.playbook.PlaybookRestore;
import io.tviewstudio.core.playbook.TviewSnapshot;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Restore of a playbook into the open database, in three steps the user sees: read the playbook
 * (checked against its SHA256SUMS) and show the plan, which changes nothing; confirm; restore in
 * one transaction with progress, then the verification (pg_tviews_verify through the playbook's
 * library, checksums against the export) or the exact failure, after which nothing was changed.
 */
public final class PlaybookRestoreViewModel {

    private final DatabaseViewModel database;
    private final DialogService dialogs;
    private final JobState job;

    private final StringProperty path = new SimpleStringProperty("");
    private final BooleanProperty replaceRuntime = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper target = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PlaybookRestore.Plan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper planSummary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper planWarning = new ReadOnlyStringWrapper("");
    private final ObservableList<PlanStep> steps = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<PlaybookRestore.Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper verification = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper checksumSummary = new ReadOnlyStringWrapper("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final ObservableList<ChecksumRow> checksums = FXCollections.observableArrayList();
    private final BooleanBinding readDisabled;
    private final BooleanBinding restoreDisabled;
    private Playbook playbook;

    public PlaybookRestoreViewModel(DatabaseViewModel database, DialogService dialogs, Executor background) {
        this.database = Objects.requireNonNull(database);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.job = new JobState(background);
        // A database without the runtime (or with another version) is a restore target too.
        readDisabled = job.runningProperty().or(path.isEmpty()).or(database.sessionProperty().isNull());
        restoreDisabled = job.runningProperty().or(plan.isNull()).or(result.isNotNull());
        DatabaseSession session = database.sessionProperty().get();
        target.set(session == null ? "No database is open: connect to the database to restore into (File \u203a Connect\u2026)."
                : "Target: database " + session.target().database() + " (" + session.label() + ")");
        path.addListener((observable, old, value) -> forgetPlan());
    }

    /** The playbook folder, or the .zip written with it. */
    public StringProperty pathProperty() { return path; }
    /** Install the playbook's runtime over another installed version (else the restore is refused). */
    public BooleanProperty replaceRuntimeProperty() { return replaceRuntime; }
    public ReadOnlyStringProperty targetProperty() { return target.getReadOnlyProperty(); }
    /** The plan read from the database, null until read; reading it changes nothing. */
    public ReadOnlyObjectProperty<PlaybookRestore.Plan> planProperty() { return plan.getReadOnlyProperty(); }
    public ReadOnlyStringProperty planSummaryProperty() { return planSummary.getReadOnlyProperty(); }
    /** What keeps the plan from running as is (missing base tables, another runtime), empty when nothing. */
    public ReadOnlyStringProperty planWarningProperty() { return planWarning.getReadOnlyProperty(); }
    public ObservableList<PlanStep> steps() { return steps; }
    public ReadOnlyObjectProperty<PlaybookRestore.Result> resultProperty() { return result.getReadOnlyProperty(); }
    /** The verification after the restore, e.g. "Verified: ..., committed." */
    public ReadOnlyStringProperty verificationProperty() { return verification.getReadOnlyProperty(); }
    public ReadOnlyStringProperty checksumSummaryProperty() { return checksumSummary.getReadOnlyProperty(); }
    public ObservableList<String> problems() { return problems; }
    public ObservableList<ChecksumRow> checksums() { return checksums; }
    public BooleanBinding readDisabledProperty() { return readDisabled; }
    public BooleanBinding restoreDisabledProperty() { return restoreDisabled; }
    public JobState job() { return job; }

    /** Reads and checks the playbook, then the plan against the database, in a transaction that is rolled back. */
    public void readPlan() {
        DatabaseSession session = database.sessionProperty().get();
        if (session == null || readDisabled.get()) {
            return;
        }
        Path source;
        try {
            source = Path.of(path.get().strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            job.fail(new ErrorText("invalid_path", "not a file or folder name: " + path.get(), e.getReason()));
            return;
        }
        forgetPlan();
        job.start(new DatabaseTask<>(session, (studio, progress) -> {
            progress.step(0, 2, "Checking " + source.getFileName() + " against its SHA256SUMS");
            Playbook read = Playbook.load(source, Files.createTempDirectory("tview-studio-playbook"));
            progress.step(1, 2, "Reading what the restore would do to database " + session.target().database());
            return new Loaded(read, studio.planPlaybookRestore(read));
        }), false, "", this::showPlan);
    }

    private record Loaded(Playbook playbook, PlaybookRestore.Plan plan) {
    }

    private void showPlan(Loaded loaded) {
        playbook = loaded.playbook();
        PlaybookRestore.Plan read = loaded.plan();
        Manifest manifest = playbook.manifest();
        List<PlanStep> rows = new ArrayList<>();
        for (PlaybookRestore.TviewStep step : read.steps()) {
            TviewSnapshot exported = manifest.tviews().stream().filter(t -> t.order() == step.order()).findFirst().orElseThrow();
            rows.add(new PlanStep(step.order(), step.tview(), step.state(), step.action(), exported.rowCount(), exported.checksum()));
        }
        steps.setAll(rows);
        String runtime = switch (read.runtimeAction()) {
            case "keep" -> "runtime " + read.installedRuntime() + " is installed and kept";
            case "install" -> "the runtime is not installed: install " + read.playbookRuntime() + " from the playbook";
            default -> "runtime " + read.installedRuntime() + " is installed: " + read.runtimeAction() + " " + read.playbookRuntime();
        };
        planSummary.set("Playbook of database " + manifest.database() + " exported " + manifest.exportedAt() + " by " + manifest.tool()
                + ". Restoring into database " + read.database() + ": " + runtime + "; "
                + PlaybookExportViewModel.plural(rows.size(), "TVIEW") + " in dependency order."
                + (read.notInPlaybook().isEmpty() ? "" : " Not in the playbook, left alone: " + String.join(", ", read.notInPlaybook()) + ".")
                + " Nothing has been changed yet.");
        List<String> warnings = new ArrayList<>();
        if (!read.missingSources().isEmpty()) {
            warnings.add("Base tables missing in the target: " + String.join(", ", read.missingSources())
                    + ". Restore them from your backup first; the restore will refuse.");
        }
        if (read.runtimeMismatch()) {
            warnings.add("Another runtime version is installed (" + read.installedRuntime() + "). Tick \u201cReplace the runtime\u201d to install "
                    + read.playbookRuntime() + " from the playbook; otherwise the restore is refused.");
        }
        planWarning.set(String.join("\n", warnings));
        plan.set(read);
    }

    /** Asks for confirmation, then restores in one transaction with progress, verifies, and reads the catalog again. */
    public void restore() {
        DatabaseSession session = database.sessionProperty().get();
        PlaybookRestore.Plan planned = plan.get();
        if (session == null || planned == null || restoreDisabled.get()) {
            return;
        }
        if (!dialogs.confirm("Restore playbook", "Restore " + PlaybookExportViewModel.plural(planned.steps().size(), "TVIEW")
                + " of the playbook into database " + planned.database() + "? It runs in one transaction: if the "
                + "verification finds a problem, nothing is changed.")) {
            return;
        }
        Playbook chosen = playbook;
        PlaybookRestore.Options options = new PlaybookRestore.Options(false, replaceRuntime.get());
        job.start(new DatabaseTask<>(session, (studio, progress) ->
                        studio.restorePlaybook(chosen, options, progress::step)),
                true, "Cancelled: the restore was rolled back, nothing was changed.", this::showResult);
    }

    private void showResult(PlaybookRestore.Result restored) {
        problems.setAll(restored.problems());
        List<ChecksumRow> rows = restored.checksums().stream().map(c -> new ChecksumRow(c.tview(), c.exportedRows(),
                c.currentRows() == null ? "missing" : Long.toString(c.currentRows()), c.exportedChecksum(),
                c.currentChecksum() == null ? "" : c.currentChecksum(), c.matches())).toList();
        checksums.setAll(rows);
        long matching = rows.stream().filter(ChecksumRow::matches).count();
        if (restored.committed()) {
            verification.set("Restored and committed. Verified: pg_tviews_verify finds no problem in any of the "
                    + PlaybookExportViewModel.plural(rows.size(), "TVIEW") + ".");
        } else {
            verification.set("The verification found " + PlaybookExportViewModel.plural(restored.problems().size(), "problem")
                    + ": the restore was rolled back, nothing was changed.");
        }
        checksumSummary.set(matching == rows.size() ? "Checksums: all " + rows.size() + " equal the export."
                : "Checksums: " + (rows.size() - matching) + " of " + rows.size()
                + " differ from the export (expected where the base data changed since the export).");
        result.set(restored);
        if (restored.committed()) {
            database.reload();
        }
    }

    public void cancel() {
        job.cancel();
    }

    private void forgetPlan() {
        playbook = null;
        plan.set(null);
        result.set(null);
        steps.clear();
        problems.clear();
        checksums.clear();
        planSummary.set("");
        planWarning.set("");
        verification.set("");
        checksumSummary.set("");
    }
}
