package io.tviewstudio.app.editor;

import io.tviewstudio.core.deploy.ReplaceResult;

/**
 * One object of the preview: what creating a TVIEW would create or replace, or one step of
 * replacing a TVIEW.
 *
 * @param tview  the TVIEW whose creation makes it
 * @param action {@code creates} or {@code replaces}; for a replacement's step what it does
 * @param kind   {@code table}, {@code view}, {@code index}, {@code function}, {@code trigger}, ...
 * @param ddl    its DDL as the catalog gives it, or the runtime's message of a step (may be null)
 */
public record PreviewItem(String tview, String action, String kind, String name, String ddl) {

    /** A step of a replacement's dry run, e.g. {@code creates again TVIEW tv_category}. */
    static PreviewItem of(ReplaceResult.Step step) {
        return switch (step.action()) {
            case DROP -> new PreviewItem(step.tview(), "drops", "TVIEW", step.tview() + " with the TVIEWs that read it", step.message());
            case CREATE -> new PreviewItem(step.tview(), "creates", "TVIEW", step.tview() + " from the text", step.message());
            case RECREATE -> new PreviewItem(step.tview(), "creates again", "TVIEW", step.tview(), step.message());
            case REFRESH_MODE -> new PreviewItem(step.tview(), "gives back", "the refresh mode of", step.tview(), step.message());
            case GRANT -> new PreviewItem(step.tview(), "grants again", "the privileges on", "the re-created tables and views",
                    step.message());
        };
    }

    public String label() {
        return action + " " + kind + " " + name;
    }
}
