package io.tviewstudio.app.editor;

/**
 * One object of the preview: what creating a TVIEW would create or replace.
 *
 * @param tview  the TVIEW whose creation makes it
 * @param action {@code creates} or {@code replaces}
 * @param kind   {@code table}, {@code view}, {@code index}, {@code function}, {@code trigger}, ...
 * @param ddl    its DDL as the catalog gives it (may be null)
 */
public record PreviewItem(String tview, String action, String kind, String name, String ddl) {

    public String label() {
        return action + " " + kind + " " + name;
    }
}
