package io.tviewstudio.core.analysis;

/**
 * One lineage rule, as the runtime would record it in {@code pg_tview_source}: a change of a row in
 * {@code source} recomputes the TVIEW rows whose {@code tviewColumn} equals the changed row's
 * {@code sourceColumn} (old and new values).
 *
 * @param source       the source relation as written or resolved (e.g. {@code tb_user}, {@code public.tb_user})
 * @param sourceIsTview whether the source is itself a TVIEW table (a change there cascades)
 * @param rule         {@code root}, {@code child} or {@code parent}
 */
public record LineageRule(String source, boolean sourceIsTview, String rule, String tviewColumn, String sourceColumn) {

    /** A sentence for the user: what a change in the source touches. */
    public String explanation(String tview) {
        return switch (rule) {
            case "root" -> "a change in " + source + " recomputes the " + tview + " row with the same "
                    + tviewColumn + " (old and new value)";
            case "child" -> "a change in " + source + " recomputes the " + tview + " row whose " + tviewColumn
                    + " equals the changed row's " + sourceColumn + " (old and new value)";
            default -> "a change in " + source + " recomputes every " + tview + " row whose " + tviewColumn
                    + " equals the changed row's " + sourceColumn;
        } + (sourceIsTview ? "; it cascades from the TVIEW " + source : "");
    }
}
