package io.tviewstudio.app.editor;

import io.tviewstudio.core.deploy.DefinitionDiff;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The editor's Changes tab: the installed definition against the edited one, line by line (removed
 * lines red, added lines green, with their line numbers), and what replacing does to the TVIEWs
 * that read it. Binds to {@link EditedTviews}.
 */
final class ReplacementChangesPane {

    private ReplacementChangesPane() {
    }

    static Tab tab(Tab tab, EditedTviews edited) {
        Label summary = new Label();
        summary.setId("changesSummary");
        summary.getStyleClass().add("panel-summary");
        summary.setWrapText(true);
        // A wrapping label in a VBox gets only one line unless its height may follow its text.
        summary.setMinHeight(Region.USE_PREF_SIZE);
        summary.textProperty().bind(edited.summaryProperty());
        ListView<DefinitionDiff.Line> lines = new ListView<>(edited.diff());
        lines.setId("changesList");
        lines.getStyleClass().add("diff-list");
        lines.setPlaceholder(new Label(""));
        lines.setCellFactory(view -> new DiffLineCell());
        Label dependants = new Label();
        dependants.setId("dependantsText");
        dependants.getStyleClass().add("panel-summary");
        dependants.setWrapText(true);
        dependants.setMinHeight(Region.USE_PREF_SIZE);
        dependants.textProperty().bind(edited.dependantsTextProperty());
        dependants.visibleProperty().bind(dependants.textProperty().isNotEmpty());
        dependants.managedProperty().bind(dependants.visibleProperty());
        VBox.setVgrow(lines, Priority.ALWAYS);
        tab.setContent(new VBox(summary, dependants, lines));
        tab.setId("changesTab");
        return tab;
    }

    /** {@code   3     - FROM tb_post p}: the line numbers before and after, the mark, the text. */
    private static final class DiffLineCell extends ListCell<DefinitionDiff.Line> {
        @Override
        protected void updateItem(DefinitionDiff.Line line, boolean empty) {
            super.updateItem(line, empty);
            getStyleClass().removeAll("diff-added", "diff-removed");
            if (empty || line == null) {
                setText(null);
                return;
            }
            setText(String.format("%4s %4s  %s", number(line.oldNumber()), number(line.newNumber()), line));
            switch (line.kind()) {
                case ADDED -> getStyleClass().add("diff-added");
                case REMOVED -> getStyleClass().add("diff-removed");
                default -> { }
            }
        }

        private static String number(int number) {
            return number == 0 ? "" : Integer.toString(number);
        }
    }
}
