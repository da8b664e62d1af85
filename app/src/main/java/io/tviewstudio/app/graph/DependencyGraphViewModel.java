package io.tviewstudio.app.graph;

import io.tviewstudio.core.catalog.TviewInfo;
import io.tviewstudio.core.catalog.TviewSource;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Dependency graph" pane: for now a list of the connected database's TVIEWs, each with the
 * relations it reads. (The DAG canvas will replace the list and keep this model.)
 */
public final class DependencyGraphViewModel {

    static final String NO_DATABASE_HINT = "TVIEWs and the tables they read, once a database is connected.";
    static final String LOADING_HINT = "Reading the TVIEWs\u2026";

    private final ObservableList<TviewInfo> tviews = FXCollections.observableArrayList();
    private final BooleanProperty loading = new SimpleBooleanProperty(false);
    private final StringBinding hint = Bindings.when(loading).then(LOADING_HINT).otherwise(NO_DATABASE_HINT);
    private final BooleanBinding empty = Bindings.isEmpty(tviews);

    /** The TVIEWs to show, TVIEWs that read only tables first. */
    public ObservableList<TviewInfo> tviews() {
        return tviews;
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

    /** The line of a TVIEW, e.g. {@code tv_post \u2014 216 rows}. */
    public static String label(TviewInfo tview) {
        return tview.table() + " \u2014 " + tview.rowCount() + (tview.rowCount() == 1 ? " row" : " rows");
    }

    /**
     * The line of one source under its TVIEW: the relation, then how a change in it finds the
     * TVIEW's rows (rule and TVIEW column), e.g. {@code tv_post (TVIEW) \u2014 child, pk_category}.
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
