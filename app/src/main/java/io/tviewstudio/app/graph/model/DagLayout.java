package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import io.tviewstudio.core.graph.ReadEdge;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each node and edge of a {@link DependencyGraph} goes, in graph units (1 unit = 1 pixel at
 * 100 % zoom), origin at the top left of the drawing. Immutable; independent of how it was made.
 */
public final class DagLayout {

    /** A point of the drawing. */
    public record Point(double x, double y) {
    }

    /** A node's box. */
    public record NodeBox(GraphNode node, double x, double y, double width, double height) {

        public boolean contains(double px, double py) {
            return px >= x && px <= x + width && py >= y && py <= y + height;
        }

        public double centerX() {
            return x + width / 2;
        }

        public double centerY() {
            return y + height / 2;
        }

        public boolean intersects(double left, double top, double right, double bottom) {
            return x + width >= left && x <= right && y + height >= top && y <= bottom;
        }
    }

    /** An edge's route from the source's border to the target's border, bends in between. */
    public record EdgePath(ReadEdge edge, List<Point> points) {

        public EdgePath {
            points = List.copyOf(points);
            if (points.size() < 2) {
                throw new IllegalArgumentException("an edge path needs two points at least");
            }
        }

        /** Whether the path's bounding box meets the rectangle (cheap culling test). */
        public boolean intersects(double left, double top, double right, double bottom) {
            double minX = Double.MAX_VALUE;
            double minY = Double.MAX_VALUE;
            double maxX = -Double.MAX_VALUE;
            double maxY = -Double.MAX_VALUE;
            for (Point point : points) {
                minX = Math.min(minX, point.x());
                minY = Math.min(minY, point.y());
                maxX = Math.max(maxX, point.x());
                maxY = Math.max(maxY, point.y());
            }
            return maxX >= left && minX <= right && maxY >= top && minY <= bottom;
        }
    }

    private final DependencyGraph dag;
    private final Map<String, NodeBox> boxes;
    private final List<EdgePath> edges;
    private final double width;
    private final double height;

    public DagLayout(DependencyGraph dag, List<NodeBox> boxes, List<EdgePath> edges, double width, double height) {
        this.dag = dag;
        Map<String, NodeBox> byName = new LinkedHashMap<>();
        boxes.forEach(box -> byName.put(box.node().name(), box));
        this.boxes = Collections.unmodifiableMap(byName);
        this.edges = List.copyOf(edges);
        this.width = width;
        this.height = height;
    }

    public static DagLayout empty() {
        return new DagLayout(DependencyGraph.empty(), List.of(), List.of(), 0, 0);
    }

    public DependencyGraph dag() {
        return dag;
    }

    /**
     * This layout for a graph of the same shape whose nodes carry newer facts (row counts, sizes):
     * every box and edge stays where it is.
     */
    public DagLayout withFactsOf(DependencyGraph newer) {
        if (!dag.sameShapeAs(newer)) {
            throw new IllegalArgumentException("the graph has other nodes or edges than the layout");
        }
        List<NodeBox> moved = boxes.values().stream()
                .map(box -> new NodeBox(newer.node(box.node().name()).orElseThrow(), box.x(), box.y(), box.width(),
                        box.height()))
                .toList();
        return new DagLayout(newer, moved, edges, width, height);
    }

    public java.util.Collection<NodeBox> boxes() {
        return boxes.values();
    }

    public Optional<NodeBox> box(String name) {
        return Optional.ofNullable(boxes.get(name));
    }

    public List<EdgePath> edges() {
        return edges;
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    /** The topmost node at the point, if any. */
    public Optional<NodeBox> nodeAt(double x, double y) {
        return boxes.values().stream().filter(box -> box.contains(x, y)).reduce((first, second) -> second);
    }
}
