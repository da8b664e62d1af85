package io.tviewstudio.app.help;

import javafx.scene.Node;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A table cell's text. Its minimum width is its widest word, so that a narrow page shrinks a
 * table by wrapping between words, never inside one ({@code immedi|ate}), and columns of short
 * values keep their width while the columns of prose give way.
 */
final class TableCellFlow extends TextFlow {

    private final Text measure = new Text();

    @Override
    protected double computeMinWidth(double height) {
        double widest = 0;
        for (Node child : getChildren()) {
            if (child instanceof Text text) {
                measure.setFont(text.getFont());
                for (String word : text.getText().split("\\s+")) {
                    measure.setText(word);
                    widest = Math.max(widest, measure.getLayoutBounds().getWidth());
                }
            } else {
                widest = Math.max(widest, child.prefWidth(-1));
            }
        }
        return Math.ceil(widest) + snappedLeftInset() + snappedRightInset() + 1;
    }
}
