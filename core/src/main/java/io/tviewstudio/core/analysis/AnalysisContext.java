package io.tviewstudio.core.analysis;

import io.tviewstudio.core.analysis.schema.CatalogSnapshot;

/**
 * What every rule works on: the parsed query, the catalog, the TVIEW's name (null when the name is
 * invalid: rules that need the entity then skip) and where to report.
 */
record AnalysisContext(QueryModel model, Typing typing, CatalogSnapshot catalog, TviewName name, String nameText,
                       Reporter reporter) {

    /** The TVIEW as the runtime names it in messages: the name as the user passed it. */
    String tview() {
        return nameText;
    }
}
