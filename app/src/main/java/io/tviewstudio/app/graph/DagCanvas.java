package io.tviewstudio.app.graph;

import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.GraphHighlight;
import io.tviewstudio.app.graph.render.DagPainter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Cursor;
import javafx.scene.SnapshotParameters;
import javafx.scene.canvas.Canvas;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * The graph drawing: one canvas the size of the pane, repainted (visible part only) when the
 * layout, the highlight or the view changes. Drag to pan, wheel to zoom at the pointer, click a
 * node to select it. Holds view state only (zoom, offset); what is selected lives in the view model.
 */
public final class DagCanvas extends Region {

    static final double MIN_SCALE = 0.01;
    static final double MAX_SCALE = 4;
    static final double STEP = 1.25;
    /** Space kept between the highlighted nodes and the pane's edges when they are brought into view. */
    static final double REVEAL_MARGIN = 16;
    /** Fit never enlarges a small graph beyond this, so three nodes do not fill a big window. */
    static final double FIT_MAX_SCALE = 1.25;
    /**
     * Exports render at up to twice the screen resolution (crisp small graphs), at most this many
     * pixels a side and in all (a big graph's PNG stays a file an image viewer opens; SVG scales).
     */
    static final double EXPORT_SCALE = 2;
    static final double EXPORT_MAX_SIDE = 8192;
    static final double EXPORT_MAX_PIXELS = 16_000_000;
    private static final int EXPORT_TILE = 1024;
    private static final double CLICK_SLOP = 4;

    private final Canvas canvas = new Canvas();
    private final DagPainter painter = new DagPainter();
    private DagLayout layout = DagLayout.empty();
    private GraphHighlight highlight = GraphHighlight.NONE;
    private Map<String, Double> refreshRates = Map.of();
    private double scale = 1;
    /** The scale a narrowing pane shrank to keep the whole graph in view; restored as it widens. NaN: none. */
    private double scaleBeforeShrink = Double.NaN;
    private double translateX;
    private double translateY;
    private boolean redrawQueued;
    /** A new selection waits for the next layout to be brought into view; an explicit view (Fit, a search) cancels it. */
    private boolean revealPending;
    private DagPainter.Frame lastFrame = new DagPainter.Frame(0, 0, false);

    private double pressX;
    private double pressY;
    private double pressTranslateX;
    private double pressTranslateY;
    private boolean dragged;
    private Consumer<String> onNodeClicked = name -> { };

    public DagCanvas() {
        setId("dagCanvas");
        getStyleClass().add("dag-canvas");
        getChildren().add(canvas);
        setMinSize(0, 0);
        setFocusTraversable(true);
        canvas.setMouseTransparent(true);
        widthProperty().addListener((observable, old, value) -> resized(old.doubleValue(), getHeight()));
        heightProperty().addListener((observable, old, value) -> resized(getWidth(), old.doubleValue()));
        setOnMousePressed(this::pressed);
        setOnMouseDragged(this::dragged);
        setOnMouseReleased(this::released);
        setOnScroll(this::scrolled);
    }

    /** Called with the clicked node's name, or with an empty string for a click on the background. */
    public void setOnNodeClicked(Consumer<String> action) {
        onNodeClicked = Objects.requireNonNull(action);
    }

    /**
     * Shows a new layout, fitted to the pane; a graph of the same shape (new row counts, say)
     * keeps the zoom and offset the user chose.
     */
    public void setGraphLayout(DagLayout newLayout) {
        boolean sameShape = !layout.dag().isEmpty() && layout.dag().sameShapeAs(newLayout.dag());
        layout = Objects.requireNonNull(newLayout);
        if (sameShape) {
            requestRedraw();
        } else {
            fit();
        }
    }

    /** Live refreshes per second by TVIEW name, drawn as a badge on each TVIEW node. */
    public void setRefreshRates(Map<String, Double> rates) {
        refreshRates = Map.copyOf(rates);
        painter.setRefreshRates(refreshRates);
        requestRedraw();
    }

    /** The rates the nodes show now. */
    public Map<String, Double> refreshRates() {
        return refreshRates;
    }

    public DagLayout graphLayout() {
        return layout;
    }

    /**
     * Shows the selection and its impact. A new selection is brought into view at the next layout,
     * once the pane has the size it has beside the selection's details.
     */
    public void setHighlight(GraphHighlight newHighlight) {
        boolean newSelection = newHighlight.active() && !newHighlight.selected().equals(highlight.selected());
        highlight = Objects.requireNonNull(newHighlight);
        revealPending = revealPending || newSelection;
        requestLayout();
        requestRedraw();
    }

    /**
     * Brings the highlighted nodes (the selected one and what it refreshes) into view: pans as
     * little as needed, and zooms out, centred on them, only when they do not fit at this zoom.
     */
    public void revealHighlight() {
        double width = getWidth();
        double height = getHeight();
        List<DagLayout.NodeBox> lit = layout.boxes().stream().filter(box -> highlight.isLit(box.node().name())).toList();
        if (lit.isEmpty() || width <= 2 * REVEAL_MARGIN || height <= 2 * REVEAL_MARGIN) {
            requestRedraw();
            return;
        }
        double left = lit.stream().mapToDouble(DagLayout.NodeBox::x).min().orElseThrow();
        double top = lit.stream().mapToDouble(DagLayout.NodeBox::y).min().orElseThrow();
        double right = lit.stream().mapToDouble(box -> box.x() + box.width()).max().orElseThrow();
        double bottom = lit.stream().mapToDouble(box -> box.y() + box.height()).max().orElseThrow();
        double room = Math.min((width - 2 * REVEAL_MARGIN) / (right - left), (height - 2 * REVEAL_MARGIN) / (bottom - top));
        if (room < scale) {
            scale = clamp(room);
            translateX = width / 2 - (left + right) / 2 * scale;
            translateY = height / 2 - (top + bottom) / 2 * scale;
        }
        translateX += shift(toPaneX(left), toPaneX(right), width);
        translateY += shift(toPaneY(top), toPaneY(bottom), height);
        requestRedraw();
    }

    /** How far to move [from, to] to lie inside [margin, size - margin]; 0 when it already does. */
    private static double shift(double from, double to, double size) {
        if (from < REVEAL_MARGIN) {
            return REVEAL_MARGIN - from;
        }
        return to > size - REVEAL_MARGIN ? size - REVEAL_MARGIN - to : 0;
    }

    public double scale() {
        return scale;
    }

    public double translateXValue() {
        return translateX;
    }

    public double translateYValue() {
        return translateY;
    }

    /** What the last repaint drew (nodes and edges in view, whether labels were drawn). */
    public DagPainter.Frame lastFrame() {
        return lastFrame;
    }

    public void zoomIn() {
        zoomAt(STEP, getWidth() / 2, getHeight() / 2);
    }

    public void zoomOut() {
        zoomAt(1 / STEP, getWidth() / 2, getHeight() / 2);
    }

    /**
     * The pane changed size (the details opening beside it, the window): a graph that was wholly in
     * view stays so, zoomed out if needed, and back in to the scale it had as the pane widens again
     * (the details closing); otherwise what was in the middle stays there.
     */
    private void resized(double oldWidth, double oldHeight) {
        double width = getWidth();
        double height = getHeight();
        if (oldWidth > 1 && oldHeight > 1 && layout.width() > 0 && wholeGraphWithin(oldWidth, oldHeight)) {
            double wanted = Double.isNaN(scaleBeforeShrink) ? scale : scaleBeforeShrink;
            scale = clamp(Math.min(wanted, Math.min(width / layout.width(), height / layout.height())));
            scaleBeforeShrink = scale < wanted ? wanted : Double.NaN;
            translateX = (width - layout.width() * scale) / 2;
            translateY = (height - layout.height() * scale) / 2;
        } else {
            translateX += (width - oldWidth) / 2;
            translateY += (height - oldHeight) / 2;
        }
        requestRedraw();
    }

    private boolean wholeGraphWithin(double width, double height) {
        double slack = 0.5;
        return toPaneX(0) >= -slack && toPaneY(0) >= -slack
                && toPaneX(layout.width()) <= width + slack && toPaneY(layout.height()) <= height + slack;
    }

    /** Shows the whole graph, centred. */
    public void fit() {
        revealPending = false;
        scaleBeforeShrink = Double.NaN;
        double width = Math.max(1, getWidth());
        double height = Math.max(1, getHeight());
        if (layout.width() <= 0 || layout.height() <= 0) {
            scale = 1;
        } else {
            scale = clamp(Math.min(FIT_MAX_SCALE, Math.min(width / layout.width(), height / layout.height())));
        }
        translateX = (width - layout.width() * scale) / 2;
        translateY = (height - layout.height() * scale) / 2;
        requestRedraw();
    }

    /** Puts the node in the middle of the pane, zooming in to a readable size if needed. */
    public void centerOn(String name) {
        revealPending = false;
        scaleBeforeShrink = Double.NaN;
        layout.box(name).ifPresent(box -> {
            scale = Math.max(scale, 1);
            translateX = getWidth() / 2 - box.centerX() * scale;
            translateY = getHeight() / 2 - box.centerY() * scale;
            requestRedraw();
        });
    }

    /** Where a point of the pane lies in the drawing. */
    public double toGraphX(double paneX) {
        return (paneX - translateX) / scale;
    }

    public double toGraphY(double paneY) {
        return (paneY - translateY) / scale;
    }

    /** Where a point of the drawing lies in the pane. */
    public double toPaneX(double graphX) {
        return graphX * scale + translateX;
    }

    public double toPaneY(double graphY) {
        return graphY * scale + translateY;
    }

    /** Repaints now (normally repaints are coalesced into one per pulse). Returns what was drawn. */
    public DagPainter.Frame paintNow() {
        redrawQueued = false;
        double width = Math.floor(getWidth());
        double height = Math.floor(getHeight());
        if (canvas.getWidth() != width || canvas.getHeight() != height) {
            canvas.setWidth(width);
            canvas.setHeight(height);
        }
        lastFrame = painter.paint(canvas.getGraphicsContext2D(), layout, highlight, scale, translateX, translateY,
                width, height);
        return lastFrame;
    }

    /**
     * The whole graph rendered off screen at export resolution, for the PNG export. Drawn in
     * tiles: one canvas the size of a big graph would need a texture larger than the renderer allows.
     */
    public WritableImage renderWholeGraph() {
        double graphWidth = Math.max(1, layout.width());
        double graphHeight = Math.max(1, layout.height());
        double exportScale = Math.min(EXPORT_SCALE, Math.min(EXPORT_MAX_SIDE / Math.max(graphWidth, graphHeight),
                Math.sqrt(EXPORT_MAX_PIXELS / (graphWidth * graphHeight))));
        int width = (int) Math.max(1, Math.ceil(layout.width() * exportScale));
        int height = (int) Math.max(1, Math.ceil(layout.height() * exportScale));
        WritableImage image = new WritableImage(width, height);
        Canvas tile = new Canvas(EXPORT_TILE, EXPORT_TILE);
        DagPainter tilePainter = new DagPainter();
        tilePainter.setGrid(false);
        SnapshotParameters parameters = new SnapshotParameters();
        parameters.setFill(Color.TRANSPARENT);
        for (int top = 0; top < height; top += EXPORT_TILE) {
            for (int left = 0; left < width; left += EXPORT_TILE) {
                tilePainter.paint(tile.getGraphicsContext2D(), layout, highlight, exportScale, -left, -top,
                        EXPORT_TILE, EXPORT_TILE);
                WritableImage shot = tile.snapshot(parameters, null);
                image.getPixelWriter().setPixels(left, top, Math.min(EXPORT_TILE, width - left),
                        Math.min(EXPORT_TILE, height - top), shot.getPixelReader(), 0, 0);
            }
        }
        return image;
    }

    @Override
    protected void layoutChildren() {
        canvas.relocate(0, 0);
        if (revealPending) {
            revealPending = false;
            revealHighlight();
        }
    }

    private void requestRedraw() {
        if (!redrawQueued) {
            redrawQueued = true;
            Platform.runLater(() -> {
                if (redrawQueued) {
                    paintNow();
                }
            });
        }
    }

    private void zoomAt(double factor, double paneX, double paneY) {
        scaleBeforeShrink = Double.NaN;
        double newScale = clamp(scale * factor);
        double graphX = toGraphX(paneX);
        double graphY = toGraphY(paneY);
        scale = newScale;
        translateX = paneX - graphX * scale;
        translateY = paneY - graphY * scale;
        requestRedraw();
    }

    private static double clamp(double value) {
        return Math.max(MIN_SCALE, Math.min(MAX_SCALE, value));
    }

    private void pressed(MouseEvent event) {
        requestFocus();
        pressX = event.getX();
        pressY = event.getY();
        pressTranslateX = translateX;
        pressTranslateY = translateY;
        dragged = false;
    }

    private void dragged(MouseEvent event) {
        double dx = event.getX() - pressX;
        double dy = event.getY() - pressY;
        if (!dragged && Math.hypot(dx, dy) < CLICK_SLOP) {
            return;
        }
        dragged = true;
        setCursor(Cursor.CLOSED_HAND);
        translateX = pressTranslateX + dx;
        translateY = pressTranslateY + dy;
        requestRedraw();
    }

    private void released(MouseEvent event) {
        setCursor(Cursor.DEFAULT);
        if (dragged || event.getButton() != MouseButton.PRIMARY) {
            return;
        }
        onNodeClicked.accept(layout.nodeAt(toGraphX(event.getX()), toGraphY(event.getY()))
                .map(box -> box.node().name()).orElse(""));
    }

    private void scrolled(ScrollEvent event) {
        if (event.getDeltaY() == 0) {
            return;
        }
        double factor = Math.pow(1.0015, event.getDeltaY());
        zoomAt(factor, event.getX(), event.getY());
        event.consume();
    }
}
