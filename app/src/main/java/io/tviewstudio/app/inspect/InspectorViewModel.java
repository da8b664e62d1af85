package io.tviewstudio.app.inspect;

import io.tviewstudio.app.DialogService;
import io.tviewstudio.app.connection.DatabaseSession;
import io.tviewstudio.app.connection.DatabaseViewModel;
import io.tviewstudio.app.tools.DatabaseTask;
import io.tviewstudio.app.tools.JobState;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.inspect.JsonDiff;
import io.tviewstudio.core.inspect.RowComparison;
import io.tviewstudio.core.inspect.RowFilter;
import io.tviewstudio.core.inspect.RowInspector;
import io.tviewstudio.core.inspect.RowPage;
import io.tviewstudio.core.inspect.RowRepair;
import io.tviewstudio.core.inspect.RowSummary;
import io.tviewstudio.core.inspect.SourceRows;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The row inspector: one TVIEW's rows a page at a time (keyset paging, never the whole table),
 * searched by key or JSON path; the selected row as a JSON tree beside its view's row with the
 * differing paths, the source rows it was built from, and "Repair this row" after a confirmation.
 * Read-only otherwise. Call it on the JavaFX thread; the database work runs in the background.
 */
public final class InspectorViewModel {

    /** Rows per page: small enough for a slow link (each carries only the start of its document). */
    public static final int PAGE_SIZE = 50;
    /** The page sizes offered. */
    public static final List<Integer> PAGE_SIZES = List.of(20, 50, 200);
    /** Source rows shown per lineage rule. */
    static final int SOURCE_ROWS = 20;

    private final DatabaseViewModel database;
    private final DialogService dialogs;
    private final JobState job;
    private final JobState rowJob;

    private final ObservableList<String> tviews = FXCollections.observableArrayList();
    private final StringProperty tview = new SimpleStringProperty("");
    private final ObjectProperty<RowFilter.Mode> searchMode = new SimpleObjectProperty<>(RowFilter.Mode.KEY);
    private final StringProperty searchText = new SimpleStringProperty("");
    private final ObjectProperty<Integer> pageSize = new SimpleObjectProperty<>(PAGE_SIZE);
    private final ObservableList<RowSummary> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper pageInfo = new ReadOnlyStringWrapper("");
    private final ObjectProperty<RowSummary> selected = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<RowComparison> comparison = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<JsonTreeNode> storedTree = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<JsonTreeNode> viewTree = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Set<String>> differingPaths = new ReadOnlyObjectWrapper<>(Set.of());
    private final ObservableList<String> differences = FXCollections.observableArrayList();
    private final ObservableList<String> sources = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper rowState = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper rowCurrent = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper repairOutcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper repairable = new ReadOnlyBooleanWrapper(false);

    /** The filter of the rows shown, and where their page starts (null: the first page). */
    private RowFilter filter = RowFilter.ALL;
    private Long pageStartsAfter;
    private boolean quietSelection;
    /** A page asked for while another job ran (another TVIEW chosen, a new search): read when it ends; the last wins. */
    private Runnable pendingPage;

    public InspectorViewModel(DatabaseViewModel database, DialogService dialogs, Executor background) {
        this.database = Objects.requireNonNull(database);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.job = new JobState(background);
        this.rowJob = new JobState(background);
        Runnable listTviews = () -> tviews.setAll(database.tviews().stream().map(TviewInfo::table).sorted().toList());
        listTviews.run();
        database.tviews().subscribe(listTviews);
        tview.addListener((observable, old, table) -> showAll());
        pageSize.addListener((observable, old, size) -> loadPage(null, true));
        job.runningProperty().addListener((observable, old, running) -> {
            if (!running && pendingPage != null) {
                Runnable page = pendingPage;
                pendingPage = null;
                page.run();
            }
        });
        selected.addListener((observable, old, row) -> {
            if (!quietSelection) {
                loadRow(row);
            }
        });
    }

    public ObservableList<String> tviews() { return tviews; }
    /** The TVIEW table inspected, e.g. {@code tv_post}. */
    public StringProperty tviewProperty() { return tview; }
    public ObjectProperty<RowFilter.Mode> searchModeProperty() { return searchMode; }
    public StringProperty searchTextProperty() { return searchText; }
    public ObjectProperty<Integer> pageSizeProperty() { return pageSize; }
    public ObservableList<RowSummary> rows() { return rows; }
    public ReadOnlyBooleanProperty hasPreviousProperty() { return hasPrevious.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty hasNextProperty() { return hasNext.getReadOnlyProperty(); }
    /** Which rows the page shows, e.g. "Keys 1–50 of tv_post (all rows), more after". */
    public ReadOnlyStringProperty pageInfoProperty() { return pageInfo.getReadOnlyProperty(); }
    public ObjectProperty<RowSummary> selectedProperty() { return selected; }
    public ReadOnlyObjectProperty<RowComparison> comparisonProperty() { return comparison.getReadOnlyProperty(); }
    /** The stored row (pk, id, fk columns, data) as a tree; null when the table has no such row. */
    public ReadOnlyObjectProperty<JsonTreeNode> storedTreeProperty() { return storedTree.getReadOnlyProperty(); }
    /** The row the view computes now, as a tree; null when the view has no such row. */
    public ReadOnlyObjectProperty<JsonTreeNode> viewTreeProperty() { return viewTree.getReadOnlyProperty(); }
    /** The paths at which stored and view rows differ (see {@link JsonDiff}). */
    public ReadOnlyObjectProperty<Set<String>> differingPathsProperty() { return differingPaths.getReadOnlyProperty(); }
    public ObservableList<String> differences() { return differences; }
    public ObservableList<String> sources() { return sources; }
    /** Whether the selected row is current, stale, missing or extra, in words. */
    public ReadOnlyStringProperty rowStateProperty() { return rowState.getReadOnlyProperty(); }
    /** Whether the selected row equals its view's row (or both are gone): nothing to repair. */
    public ReadOnlyBooleanProperty rowCurrentProperty() { return rowCurrent.getReadOnlyProperty(); }
    public ReadOnlyStringProperty repairOutcomeProperty() { return repairOutcome.getReadOnlyProperty(); }
    /** True when a row is shown and no job runs. */
    public ReadOnlyBooleanProperty repairableProperty() { return repairable.getReadOnlyProperty(); }
    /** Reading pages, and the repair. */
    public JobState job() { return job; }
    /** Reading the selected row, its view's row and its sources. */
    public JobState rowJob() { return rowJob; }

    /** Opens the inspector on a TVIEW (also when it is the one shown: reads its first page again). */
    public void inspect(String table) {
        if (Objects.equals(tview.get(), table)) {
            showAll();
        } else {
            tview.set(table);
        }
    }

    /** The first page of every row. */
    public void showAll() {
        filter = RowFilter.ALL;
        loadPage(null, true);
    }

    /** The first page of the rows that match the search field, by key or by JSON path. */
    public void search() {
        String text = searchText.get() == null ? "" : searchText.get().strip();
        if (text.isEmpty()) {
            showAll();
            return;
        }
        filter = searchMode.get() == RowFilter.Mode.JSON_PATH ? RowFilter.jsonPath(text) : RowFilter.key(text);
        loadPage(null, true);
    }

    public void nextPage() {
        if (hasNext.get() && !rows.isEmpty()) {
            loadPage(rows.getLast().pk(), true);
        }
    }

    public void previousPage() {
        if (hasPrevious.get() && !rows.isEmpty()) {
            loadPage(rows.getFirst().pk(), false);
        }
    }

    private void loadPage(Long bound, boolean forward) {
        DatabaseSession session = database.sessionProperty().get();
        String table = tview.get();
        if (session == null || table == null || table.isEmpty()) {
            return;
        }
        if (job.runningProperty().get()) {
            RowFilter wanted = filter;
            pendingPage = () -> {
                filter = wanted;
                loadPage(bound, forward);
            };
            return;
        }
        RowFilter reading = filter;
        int limit = pageSize.get();
        job.start(new DatabaseTask<>(session, (studio, progress) -> {
            progress.step(0, 0, "Reading rows of " + table);
            RowInspector inspector = studio.rowInspector(table);
            if (bound == null) {
                return inspector.first(reading, limit);
            }
            return forward ? inspector.after(reading, bound, limit) : inspector.before(reading, bound, limit);
        }), true, "Cancelled.", page -> showPage(table, reading, bound, forward, page), this::clearPage);
    }

    private void showPage(String table, RowFilter reading, Long bound, boolean forward, RowPage page) {
        if (!forward && page.rows().isEmpty()) {
            return;
        }
        rows.setAll(page.rows());
        boolean atStart = bound == null || !forward && !page.more();
        hasPrevious.set(!atStart);
        hasNext.set(forward ? page.more() : true);
        pageStartsAfter = atStart || page.rows().isEmpty() ? null : page.firstPk() - 1;
        String which = switch (reading.mode()) {
            case ALL -> "all rows";
            case KEY -> "key " + reading.text();
            case JSON_PATH -> "data @? " + reading.text();
        };
        pageInfo.set(page.rows().isEmpty() ? "No rows of " + table + " (" + which + ")."
                : "Keys " + page.firstPk() + "\u2013" + page.lastPk() + " of " + table + " (" + which + "), "
                + page.rows().size() + " row" + (page.rows().size() == 1 ? "" : "s")
                + (hasNext.get() ? ", more after" : "") + ".");
        selected.set(null);
    }

    private void clearPage() {
        rows.clear();
        hasPrevious.set(false);
        hasNext.set(false);
        pageInfo.set("");
    }

    private void loadRow(RowSummary row) {
        comparison.set(null);
        storedTree.set(null);
        viewTree.set(null);
        differingPaths.set(Set.of());
        differences.clear();
        sources.clear();
        rowState.set("");
        repairable.set(false);
        DatabaseSession session = database.sessionProperty().get();
        if (row == null || session == null) {
            return;
        }
        String table = tview.get();
        // A selection made while a row is read is read when that ends (the job refuses a second one).
        rowJob.start(new DatabaseTask<>(session, (studio, progress) -> {
            progress.step(0, 0, "Comparing row " + row.pk() + " with its view");
            return RowDetail.read(studio.rowInspector(table), row.pk());
        }), true, "Cancelled.", detail -> {
            if (selected.get() == row) {
                showRow(table, detail);
            } else {
                loadRow(selected.get());
            }
        });
    }

    private record RowDetail(RowComparison comparison, List<SourceRows> sources) {

        static RowDetail read(RowInspector inspector, long pk) throws Exception {
            return new RowDetail(inspector.compare(pk), inspector.sources(pk, SOURCE_ROWS));
        }
    }

    private record Repaired(RowRepair repair, RowPage page, RowDetail detail) {
    }

    private void showRow(String table, RowDetail detail) {
        RowComparison row = detail.comparison();
        comparison.set(row);
        storedTree.set(JsonTreeNode.of(row.stored()));
        viewTree.set(JsonTreeNode.of(row.fresh()));
        List<JsonDiff.Difference> found = JsonDiff.between(row.stored(), row.fresh());
        differingPaths.set(found.stream().map(JsonDiff.Difference::path).collect(Collectors.toUnmodifiableSet()));
        differences.setAll(found.stream().map(JsonDiff.Difference::describe).toList());
        rowCurrent.set(row.state() == RowComparison.State.CURRENT || row.state() == RowComparison.State.ABSENT);
        rowState.set(switch (row.state()) {
            case CURRENT -> "Current: the stored row equals its view's row.";
            case STALE -> "Stale: the stored row differs from its view's row at " + found.size() + " path"
                    + (found.size() == 1 ? "" : "s") + ".";
            case MISSING -> "Missing: the view has this row, " + table + " does not.";
            case EXTRA -> "Extra: " + table + " has this row, its view no longer does.";
            case ABSENT -> "Gone: neither " + table + " nor its view has this row now.";
        });
        List<String> lines = new ArrayList<>();
        for (SourceRows source : detail.sources()) {
            String head = source.rule().relation() + " (" + source.rule().rule() + ", " + source.rule().sourceColumn() + " = "
                    + (source.value() == null ? "NULL" : source.value()) + ")";
            if (source.rows().isEmpty()) {
                lines.add(head + ": no rows");
            }
            for (String json : source.rows()) {
                lines.add(head + ": " + json);
            }
            if (source.truncated()) {
                lines.add(head + ": \u2026 more rows (the first " + source.rows().size() + " shown)");
            }
        }
        sources.setAll(lines);
        repairable.set(row.state() != RowComparison.State.ABSENT);
    }

    /** Recomputes the selected row after a confirmation; the only write of the inspector. */
    public void repairRow() {
        RowSummary row = selected.get();
        RowComparison shown = comparison.get();
        DatabaseSession session = database.sessionProperty().get();
        if (row == null || shown == null || session == null) {
            return;
        }
        String table = tview.get();
        if (job.runningProperty().get() || rowJob.runningProperty().get()) {
            return;
        }
        if (!dialogs.confirm("Repair this row", "Recompute row " + row.pk() + " of " + table + " from its view and write it? "
                + "One transaction, through the runtime (pg_tviews_cascade on the row's root source row): TVIEWs that read "
                + "that source row are recomputed with it, and rows that already match are not written.")) {
            repairOutcome.set("Not repaired: nothing was changed.");
            return;
        }
        repairOutcome.set("");
        RowFilter reading = filter;
        Long bound = pageStartsAfter;
        int limit = pageSize.get();
        job.start(new DatabaseTask<>(session, (studio, progress) -> {
            progress.step(0, 0, "Repairing row " + row.pk() + " of " + table);
            RowInspector inspector = studio.rowInspector(table);
            RowRepair repair = inspector.repair(row.pk());
            // The page shown and the row, read again after the commit.
            RowPage page = bound == null ? inspector.first(reading, limit) : inspector.after(reading, bound, limit);
            return new Repaired(repair, page, RowDetail.read(inspector, row.pk()));
        }), false, "", done -> repaired(table, done));
    }

    private void repaired(String table, Repaired done) {
        RowRepair repair = done.repair();
        String before = repair.before().state().name().toLowerCase(Locale.ROOT);
        String after = repair.after().state() == RowComparison.State.CURRENT ? "now current"
                : repair.after().state() == RowComparison.State.ABSENT ? "now deleted, as its view has no such row"
                : "still " + repair.after().state().name().toLowerCase(Locale.ROOT);
        rows.setAll(done.page().rows());
        hasNext.set(done.page().more());
        RowSummary kept = done.page().rows().stream().filter(r -> r.pk() == repair.before().pk()).findFirst().orElse(null);
        quietSelection = true;
        try {
            selected.set(kept);
        } finally {
            quietSelection = false;
        }
        showRow(table, done.detail());
        repairOutcome.set(repair.changed()
                ? "Repaired row " + repair.before().pk() + " of " + table + ": it was " + before + ", " + after + ". Ran "
                + repair.call() + " (" + repair.queued() + " item" + (repair.queued() == 1 ? "" : "s") + " queued), committed."
                : "Row " + repair.before().pk() + " of " + table + " was " + before + ": nothing was written. Ran " + repair.call() + ".");
    }
}
