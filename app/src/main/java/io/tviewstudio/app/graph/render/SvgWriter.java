package io.tviewstudio.app.graph.render;

import io.tviewstudio.app.graph.model.DagLayout;
import io.tviewstudio.app.graph.model.GraphHighlight;
import io.tviewstudio.app.graph.model.NodeText;
import io.tviewstudio.core.graph.DependencyGraph;
import io.tviewstudio.core.graph.GraphNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes a laid-out graph as a standalone SVG 1.1 document: the same boxes, routes and colours as
 * the canvas, with real text (searchable, selectable) and a {@code <title>} per node.
 */
public final class SvgWriter {

    private SvgWriter() {
    }

    public static void write(DagLayout layout, GraphHighlight highlight, Path file) throws IOException {
        Files.writeString(file, toSvg(layout, highlight), StandardCharsets.UTF_8);
    }

    public static String toSvg(DagLayout layout, GraphHighlight highlight) {
        DependencyGraph dag = layout.dag();
        StringBuilder svg = new StringBuilder(256 + 400 * layout.boxes().size());
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
                .append(" width=\"").append(num(layout.width())).append("\" height=\"").append(num(layout.height()))
                .append("\" viewBox=\"0 0 ").append(num(layout.width())).append(' ').append(num(layout.height()))
                .append("\" font-family=\"Inter, 'Segoe UI', Helvetica, Arial, sans-serif\">\n")
                .append("  <title>TVIEW dependency graph</title>\n")
                .append("  <rect width=\"100%\" height=\"100%\" fill=\"").append(GraphStyle.BACKGROUND).append("\"/>\n")
                .append("  <g id=\"edges\" fill=\"none\">\n");
        for (DagLayout.EdgePath path : layout.edges()) {
            edge(svg, path, highlight, dag);
        }
        svg.append("  </g>\n  <g id=\"nodes\">\n");
        for (DagLayout.NodeBox box : layout.boxes()) {
            node(svg, box, highlight, dag);
        }
        return svg.append("  </g>\n</svg>\n").toString();
    }

    private static void edge(StringBuilder svg, DagLayout.EdgePath path, GraphHighlight highlight, DependencyGraph dag) {
        String color = GraphStyle.edgeColor(path.edge(), highlight, dag);
        double opacity = GraphStyle.edgeOpacity(path.edge(), highlight, dag);
        List<DagLayout.Point> points = path.points();
        svg.append("    <g opacity=\"").append(num(opacity)).append("\"><polyline points=\"");
        for (DagLayout.Point point : points) {
            svg.append(num(point.x())).append(',').append(num(point.y())).append(' ');
        }
        svg.setLength(svg.length() - 1);
        svg.append("\" stroke=\"").append(color).append("\" stroke-width=\"")
                .append(num(GraphStyle.edgeWidth(path.edge(), highlight, dag))).append("\"/>");
        double[] arrow = Arrow.head(points.get(points.size() - 2), points.get(points.size() - 1));
        svg.append("<polygon points=\"").append(num(arrow[0])).append(',').append(num(arrow[1])).append(' ')
                .append(num(arrow[2])).append(',').append(num(arrow[3])).append(' ')
                .append(num(arrow[4])).append(',').append(num(arrow[5])).append("\" fill=\"").append(color)
                .append("\"/></g>\n");
    }

    private static void node(StringBuilder svg, DagLayout.NodeBox box, GraphHighlight highlight, DependencyGraph dag) {
        GraphNode node = box.node();
        svg.append("    <g id=\"").append(escape(node.name())).append("\" opacity=\"")
                .append(num(GraphStyle.opacity(node, highlight))).append("\">")
                .append("<title>").append(escape(node.name())).append(" \u2014 ")
                .append(escape(NodeText.subtitle(node))).append("</title>")
                .append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y()))
                .append("\" width=\"").append(num(box.width())).append("\" height=\"").append(num(box.height()))
                .append("\" rx=\"").append(num(GraphStyle.CORNER)).append("\" fill=\"")
                .append(GraphStyle.fill(node, highlight)).append("\" stroke=\"")
                .append(GraphStyle.border(node, highlight, dag)).append("\" stroke-width=\"")
                .append(num(GraphStyle.borderWidth(node, highlight))).append("\"/>");
        String accent = GraphStyle.accent(node);
        if (accent != null) {
            svg.append("<path d=\"").append(accentPath(box)).append("\" fill=\"").append(accent).append("\"/>");
        }
        double textX = box.x() + NodeGeometry.textInset(node);
        svg.append("<text x=\"").append(num(textX)).append("\" y=\"").append(num(NodeGeometry.titleBaseline(box)))
                .append("\" font-size=\"").append(num(GraphStyle.TITLE_SIZE)).append("\" font-weight=\"bold\" fill=\"")
                .append(GraphStyle.TITLE).append("\">").append(escape(node.name())).append("</text>")
                .append("<text x=\"").append(num(textX)).append("\" y=\"").append(num(NodeGeometry.subtitleBaseline(box)))
                .append("\" font-size=\"").append(num(GraphStyle.SUBTITLE_SIZE)).append("\" fill=\"")
                .append(GraphStyle.SUBTITLE).append("\">").append(escape(NodeText.subtitle(node))).append("</text>")
                .append("</g>\n");
    }

    /** The left stripe: rounded on the outside like the box, square on the inside. */
    private static String accentPath(DagLayout.NodeBox box) {
        double r = GraphStyle.CORNER;
        double x = box.x();
        double y = box.y();
        double w = GraphStyle.ACCENT_WIDTH;
        double h = box.height();
        return "M" + num(x + r) + "," + num(y) + " H" + num(x + w + 0.5) + " V" + num(y + h) + " H" + num(x + r)
                + " A" + num(r) + "," + num(r) + " 0 0 1 " + num(x) + "," + num(y + h - r)
                + " V" + num(y + r) + " A" + num(r) + "," + num(r) + " 0 0 1 " + num(x + r) + "," + num(y) + " Z";
    }

    static String num(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
