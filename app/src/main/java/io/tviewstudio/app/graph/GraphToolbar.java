package io.tviewstudio.app.graph;

import javafx.geometry.HPos;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;

/**
 * The graph pane's header: the title, and the tools beside it taking the rest of the line, or on a
 * line of their own below it when the rest is narrower than the tools can be. Neither is ever cut
 * short: the tools' own minimum (their buttons whole, the search box at its narrowest) decides.
 */
final class GraphToolbar extends Pane {

    static final double GAP = 12;
    static final double LINE_GAP = 6;

    private final Region title;
    private final Region tools;

    GraphToolbar(Region title, Region tools) {
        super(title, tools);
        this.title = title;
        this.tools = tools;
    }

    /**
     * Its height depends on its width (one line or two): a parent VBox asks for the height of the
     * width it gives, not for the height of an unknown width (one line), which cut the second off.
     */
    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    /** Whether title and tools fit on one line of this width (insets included). */
    private boolean oneLine(double width) {
        return width < 0 || inner(width) - title.prefWidth(-1) - GAP >= tools.minWidth(-1);
    }

    private double inner(double width) {
        return width - snappedLeftInset() - snappedRightInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + Math.max(title.prefWidth(-1), tools.minWidth(-1));
    }

    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + title.prefWidth(-1) + GAP + tools.prefWidth(-1);
    }

    @Override
    protected double computePrefHeight(double width) {
        double lines = oneLine(width) ? Math.max(title.prefHeight(-1), tools.prefHeight(-1))
                : title.prefHeight(-1) + LINE_GAP + tools.prefHeight(-1);
        return snappedTopInset() + snappedBottomInset() + lines;
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double width = inner(getWidth());
        double titleWidth = title.prefWidth(-1);
        if (oneLine(getWidth())) {
            double height = getHeight() - top - snappedBottomInset();
            layoutInArea(title, left, top, titleWidth, height, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(tools, left + titleWidth + GAP, top, width - titleWidth - GAP, height, 0, HPos.LEFT, VPos.CENTER);
        } else {
            double titleHeight = title.prefHeight(-1);
            layoutInArea(title, left, top, titleWidth, titleHeight, 0, HPos.LEFT, VPos.CENTER);
            layoutInArea(tools, left, top + titleHeight + LINE_GAP, width, tools.prefHeight(-1), 0, HPos.LEFT, VPos.CENTER);
        }
    }
}
