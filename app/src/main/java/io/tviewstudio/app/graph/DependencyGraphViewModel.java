package io.tviewstudio.app.graph;

import io.tviewstudio.app.graph.layout.ElkLayeredLayout;
import io.tviewstudio.app.graph.layout.NodeSizes;
import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.GraphHighlight;
import io.tviewstudio.app.graph.model.NodeSearch;
import io.tviewstudio.app.graph.render.SvgWriter;
import io.tviewstudio.core.catalog.DependencyGraphReader;
import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
import io.tviewstudio.core.graph.DependencyGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The "Dependency graph" pane: the connected database's tables and TVIEWs as a laid-out graph,
 * the selected node with its details and impact, search and SVG export. Call it on the UI thread.
 * Big graphs are laid out on a background thread and handed back through the UI executor; the
 * newest graph wins. The graph, its impact and its cycles are core's {@link DependencyGraph}: this
 * class only keeps what the pane shows.
 */
public final class DependencyGraphViewModel {

    static final String NO_DATABASE_HINT = "TVIEWs and the tables they read, once a database is connected.";
    static final String LOADING_HINT = "Reading the TVIEWs\u2026";
    /** Up to this many nodes the layout runs right away on the calling thread (tens of milliseconds). */
    static final int SYNC_LAYOUT_LIMIT = 60;

    private final Function<DependencyGraph, DagLayout> layouter;
    private final Executor background;
    private final Executor ui;

    private final ObservableList<TviewInfo> tviews = FXCollections.observableArrayList();
    private final Map<String, TviewInfo> catalog = new HashMap<>();
    private java.util.function.Consumer<String> onEditDefinition = name -> { };
    private java.util.function.Consumer<String> onInspectRows = name -> { };
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final StringBinding hint = Bindings.when(loading).then(LOADING_HINT).otherwise(NO_DATABASE_HINT);
    private final BooleanBinding empty = Bindings.isEmpty(tviews);

    private final ReadOnlyObjectWrapper<DependencyGraph> dag = new ReadOnlyObjectWrapper<>(DependencyGraph.empty());
    private final ReadOnlyObjectWrapper<DagLayout> layout = new ReadOnlyObjectWrapper<>(DagLayout.empty());
    private final ReadOnlyBooleanWrapper layingOut = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper selected = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<GraphHighlight> highlight = new ReadOnlyObjectWrapper<>(GraphHighlight.NONE);
    private final ReadOnlyObjectWrapper<NodeDetails> details = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Map<String, Double>> refreshRates = new ReadOnlyObjectWrapper<>(Map.of());
    private long generation;

    /**
     * The application's: ELK layouts, big ones on a daemon thread of their own, their result back on
     * {@code ui} (the application passes {@code Platform::runLater}).
     */
    public DependencyGraphViewModel(Executor ui) {
        this(new ElkLayeredLayout()::layout, Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "graph-layout");
            thread.setDaemon(true);
            return thread;
        }), ui);
    }

    /**
     * With the layout function, the executor big layouts run on and the one their result comes back
     * on, the UI thread (tests pass {@code Runnable::run} or a list's {@code add} and need no toolkit).
     */
    public DependencyGraphViewModel(Function<DependencyGraph, DagLayout> layouter, Executor background, Executor ui) {
        this.layouter = Objects.requireNonNull(layouter);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        tviews.addListener((ListChangeListener<TviewInfo>) change -> {
            catalog.clear();
            tviews.forEach(tview -> catalog.put(tview.table(), tview));
            showGraph(DependencyGraphReader.graphOf(tviews));
        });
    }

    /** The TVIEWs to show, TVIEWs that read only tables first; the graph follows this list. */
    public ObservableList<TviewInfo> tviews() {
        return tviews;
    }

    /**
     * Shows a graph and lays it out (in the background when it is big). The catalog list calls
     * this; another source of graphs (the facade's {@code graph()}, definitions not yet installed) can too.
     */
    public void showGraph(DependencyGraph graph) {
        long current = ++generation;
        dag.set(Objects.requireNonNull(graph));
        String keep = selected.get();
        if (!layingOut.get() && factsOnlyChanged(graph)) {
            // New row counts or sizes: the nodes stay where the user knows them.
            laidOut(current, layout.get().withFactsOf(graph), keep);
            return;
        }
        if (graph.size() <= SYNC_LAYOUT_LIMIT) {
            laidOut(current, layouter.apply(graph), keep);
            return;
        }
        layingOut.set(true);
        background.execute(() -> {
            DagLayout result = layouter.apply(graph);
            ui.execute(() -> laidOut(current, result, keep));
        });
    }

    /** Same nodes and edges as the graph on screen, and every node's new text fits its box. */
    private boolean factsOnlyChanged(DependencyGraph graph) {
        DagLayout current = layout.get();
        return !graph.isEmpty() && current.dag().sameShapeAs(graph) && current.boxes().stream()
                .allMatch(box -> NodeSizes.width(graph.node(box.node().name()).orElseThrow()) <= box.width());
    }

    private void laidOut(long forGeneration, DagLayout result, String keepSelected) {
        if (forGeneration != generation) {
            return;
        }
        layingOut.set(false);
        layout.set(result);
        select(result.dag().node(keepSelected).isPresent() ? keepSelected : "");
    }

    /** True while a database is being opened and its TVIEWs are not known yet. */
    public BooleanProperty loadingProperty() {
        return loading;
    }

    /** What the pane says while it has no TVIEWs to show. */
    public StringBinding hintProperty() {
        return hint;
    }

    public BooleanBinding emptyProperty() {
        return empty;
    }

    public ReadOnlyObjectProperty<DependencyGraph> dagProperty() {
        return dag.getReadOnlyProperty();
    }

    /** The laid-out graph the canvas draws. */
    public ReadOnlyObjectProperty<DagLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** True while a big graph is being laid out in the background. */
    public ReadOnlyBooleanProperty layingOutProperty() {
        return layingOut.getReadOnlyProperty();
    }

    /** The selected node's name, empty when none. */
    public ReadOnlyStringProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected node and the TVIEWs a write to it refreshes. */
    public ReadOnlyObjectProperty<GraphHighlight> highlightProperty() {
        return highlight.getReadOnlyProperty();
    }

    /** The selected node's details, or null when nothing is selected. */
    public ReadOnlyObjectProperty<NodeDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    /** A short note for the toolbar: search without match, export written or failed; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** What "Edit definition" on a selected TVIEW does (the window opens it in the editor). */
    public void setOnEditDefinition(java.util.function.Consumer<String> action) {
        onEditDefinition = java.util.Objects.requireNonNull(action);
    }

    /** What "Inspect rows" on a selected TVIEW does (the window opens the row inspector on it). */
    public void setOnInspectRows(java.util.function.Consumer<String> action) {
        onInspectRows = java.util.Objects.requireNonNull(action);
    }

    /** Opens the row inspector on the selected TVIEW. */
    public void inspectSelectedRows() {
        NodeDetails shown = details.get();
        if (shown != null && "TVIEW".equals(shown.kind())) {
            onInspectRows.accept(shown.name());
        }
    }

    /** Opens the selected TVIEW's definition for editing. */
    public void editSelectedDefinition() {
        NodeDetails shown = details.get();
        if (shown != null && !shown.definition().isEmpty()) {
            onEditDefinition.accept(shown.name());
        }
    }

    /**
     * Shows each TVIEW's live refresh rate (refreshes per second by TVIEW table, e.g. from the
     * metrics sampler) on its node; an empty map removes the rates.
     */
    public void showRefreshRates(Map<String, Double> perTview) {
        refreshRates.set(Map.copyOf(perTview));
    }

    /** The refresh rates the nodes show, by TVIEW table; empty when none are sampled. */
    public ReadOnlyObjectProperty<Map<String, Double>> refreshRatesProperty() {
        return refreshRates.getReadOnlyProperty();
    }

    /** Selects a node of the laid-out graph (empty or unknown name: clears the selection). */
    public void select(String name) {
        message.set("");
        DagLayout current = layout.get();
        String found = name == null ? "" : current.dag().node(name).map(node -> node.name()).orElse("");
        selected.set(found);
        highlight.set(GraphHighlight.of(current.dag(), found));
        details.set(found.isEmpty() ? null
                : NodeDetails.of(current.dag(), current.dag().node(found).orElseThrow(), catalog));
    }

    /**
     * Selects the best match for the text (exact name, then prefix, then contained) and returns
     * it, so that the view can bring it into sight; empty and a message when nothing matches.
     */
    public Optional<String> search(String text) {
        if (text == null || text.isBlank()) {
            message.set("");
            return Optional.empty();
        }
        List<String> matches = NodeSearch.matches(layout.get().dag(), text);
        if (matches.isEmpty()) {
            message.set("No table or TVIEW matches \u201c" + text.strip() + "\u201d");
            return Optional.empty();
        }
        select(matches.get(0));
        message.set(matches.size() == 1 ? "" : "1 of " + matches.size() + " matches");
        return Optional.of(matches.get(0));
    }

    /**
     * Writes the graph as drawn (selection and impact included) as an SVG file; says in
     * {@link #messageProperty()} whether it worked. Returns true when the file was written.
     */
    public boolean exportSvg(Path file) {
        return export(file, () -> SvgWriter.write(layout.get(), highlight.get(), file));
    }

    /**
     * Writes an image of the graph as a PNG file, encoded by the view (which renders it); reports like
     * {@link #exportSvg}, a failure to encode included.
     */
    public boolean exportPng(Path file, PngBytes png) {
        return export(file, () -> Files.write(file, png.encode()));
    }

    /** A PNG image of the graph, encoded when the export asks for it. */
    @FunctionalInterface
    public interface PngBytes {
        byte[] encode() throws IOException;
    }

    private interface Export {
        void write() throws IOException;
    }

    private boolean export(Path file, Export export) {
        try {
            export.write();
            message.set("Exported " + file.getFileName());
            return true;
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            message.set("Could not export " + file.getFileName() + ": " + reason);
            return false;
        }
    }

    /**
     * The line of one source: the relation, then how a change in it finds the TVIEW's rows (rule
     * and TVIEW column), e.g. {@code tv_post (TVIEW) \u2014 child, pk_category}.
     */
    public static String sourceLabel(TviewSource source) {
        return source.relation() + (source.isTview() ? " (TVIEW)" : "")
                + " \u2014 " + source.rule() + ", " + source.tviewColumn();
    }

    /** The source lines of a TVIEW, in catalog order. */
    public static List<String> sourceLabels(TviewInfo tview) {
        return tview.sources().stream().map(DependencyGraphViewModel::sourceLabel).toList();
    }
}
