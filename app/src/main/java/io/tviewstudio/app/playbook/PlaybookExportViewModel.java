package io.tviewstudio.app.playbook;

import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.tools.DatabaseTask;
import io.tviewstudio.app.tools.ErrorText;
import io.tviewstudio.app.tools.FolderOpener;
import io.tviewstudio.app.tools.JobState;
import io.tviewstudio.core.playbook.PlaybookExporter;
import io.tviewstudio.core.playbook.TviewSnapshot;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
 * Export of the disaster-recovery playbook of the open database (or the demo): the folder to
 * write, whether to zip it, the export itself in the background, then what was written.
 */
public final class PlaybookExportViewModel {

    private final DatabaseViewModel database;
    private final String tool;
    private final FolderOpener folderOpener;
    private final Executor background;
    private final Executor ui;
    private final JobState job;

    private final StringProperty folder = new SimpleStringProperty("");
    private final BooleanProperty zip = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper zipText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PlaybookExporter.Export> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ExportedTview> tviews = FXCollections.observableArrayList();
    private final BooleanBinding exportDisabled;

    /**
     * @param tool who exports, as the playbook records it (e.g. {@code TVIEW Studio 0.1.0})
     * @param ui   where a failure to open the written folder is shown: {@code Platform::runLater} in the application
     */
    public PlaybookExportViewModel(DatabaseViewModel database, String tool, FolderOpener folderOpener, Executor background,
                                   Executor ui) {
        this.database = Objects.requireNonNull(database);
        this.tool = Objects.requireNonNull(tool);
        this.folderOpener = Objects.requireNonNull(folderOpener);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.job = new JobState(background);
        exportDisabled = job.runningProperty().or(folder.isEmpty())
                .or(database.stateProperty().isNotEqualTo(DatabaseViewModel.State.CONNECTED));
        DatabaseSession session = database.sessionProperty().get();
        source.set(session == null ? "No database is open: connect, or open the demo database (File menu)."
                : "Database " + session.target().database() + " (" + session.label() + "), "
                + plural(database.tviews().size(), "TVIEW"));
    }

    /** The folder to write; it must not exist or be empty. The view's Choose button fills it. */
    public StringProperty folderProperty() { return folder; }
    /** Also write {@code <folder>.zip}. */
    public BooleanProperty zipProperty() { return zip; }
    /** Which database is exported. */
    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }
    /** After an export: what was written where, with the totals. */
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty zipTextProperty() { return zipText.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<PlaybookExporter.Export> resultProperty() { return result.getReadOnlyProperty(); }
    /** Each exported TVIEW with its row count and checksum. */
    public ObservableList<ExportedTview> tviews() { return tviews; }
    public BooleanBinding exportDisabledProperty() { return exportDisabled; }
    public JobState job() { return job; }

    /** Writes the playbook in the background, with progress; Cancel stops it before files are written. */
    public void export() {
        DatabaseSession session = database.sessionProperty().get();
        if (session == null || exportDisabled.get()) {
            return;
        }
        Path target;
        try {
            target = Path.of(folder.get().strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            job.fail(new ErrorText("invalid_path", "not a folder name: " + folder.get(), e.getReason()));
            return;
        }
        boolean alsoZip = zip.get();
        String name = session.target().database();
        result.set(null);
        tviews.clear();
        summary.set("");
        zipText.set("");
        job.start(new DatabaseTask<>(session, (studio, progress) -> studio.exportPlaybook(name, tool, target,
                        alsoZip, progress::step)),
                true, "Cancelled: nothing was written.", this::exported);
    }

    private void exported(PlaybookExporter.Export export) {
        result.set(export);
        long rows = 0;
        for (TviewSnapshot tview : export.manifest().tviews()) {
            tviews.add(new ExportedTview(tview.order(), tview.tview(), tview.rowCount(), tview.totalBytes(), tview.checksum()));
            rows += tview.rowCount();
        }
        summary.set("Playbook of database " + export.manifest().database() + " (runtime " + export.manifest().runtimeVersion()
                + ", " + plural(tviews.size(), "TVIEW") + ", " + plural(rows, "row") + ", " + plural(export.files().size(), "file")
                + ") written to " + export.folder());
        zipText.set(export.zip() == null ? "" : "Zip: " + export.zip());
    }

    public void cancel() {
        job.cancel();
    }

    /** Shows the written folder in the file manager (off the UI thread). */
    public void openFolder() {
        PlaybookExporter.Export export = result.get();
        if (export == null) {
            return;
        }
        Path written = export.folder();
        background.execute(() -> {
            try {
                folderOpener.open(written);
            } catch (Exception e) {
                ui.execute(() -> job.fail(new ErrorText("cannot_open_folder", e.getMessage(), "")));
            }
        });
    }

    static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
