package io.tviewstudio.core.catalog;

import io.tviewstudio.core.analysis.LineageRule;

/**
 * One lineage rule of a TVIEW (a row of {@code pg_tview_source}): a change in {@code relation}
 * touches the TVIEW rows whose {@code tviewColumn} equals the changed rows' {@code sourceColumn}.
 *
 * @param relation     the source table or TVIEW table, as regclass text (e.g. {@code tb_user})
 * @param kind         {@code table} or {@code tview}
 * @param rule         {@code root}, {@code parent} or {@code child}
 */
public record TviewSource(String relation, String kind, String rule, String tviewColumn, String sourceColumn) {

    public boolean isTview() {
        return "tview".equals(kind);
    }

    /** The same rule as the analysis and the dependency graph hold it. */
    public LineageRule lineageRule() {
        return new LineageRule(relation, isTview(), rule, tviewColumn, sourceColumn);
    }
}
