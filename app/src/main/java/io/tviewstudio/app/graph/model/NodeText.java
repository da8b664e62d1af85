package io.tviewstudio.app.graph.model;

import io.tviewstudio.core.graph.GraphNode;
import java.util.Locale;

/** The words a node shows, the same on the canvas, in the SVG and in the details panel. */
public final class NodeText {

    private NodeText() {
    }

    /** The second line of a node: {@code immediate · 216 rows} for a TVIEW, {@code base table} for a table. */
    public static String subtitle(GraphNode node) {
        if (!node.isTview()) {
            return "base table";
        }
        String mode = node.refreshMode().isEmpty() ? "TVIEW" : node.refreshMode();
        return node.rowCount() < 0 ? mode : mode + " \u00b7 " + rows(node.rowCount());
    }

    /** A TVIEW's live refresh rate: {@code 0 refreshes/s}, {@code 0.50 refreshes/s}, {@code 12.3 refreshes/s}. */
    public static String refreshRate(double perSecond) {
        String value = perSecond == 0 ? "0" : perSecond < 1 ? String.format(Locale.ROOT, "%.2f", perSecond)
                : perSecond < 100 ? String.format(Locale.ROOT, "%.1f", perSecond)
                : String.format(Locale.ROOT, "%,.0f", perSecond);
        return value + " refreshes/s";
    }

    /** {@code 1 row}, {@code 1,234 rows}. */
    public static String rows(long count) {
        return String.format(Locale.ROOT, "%,d", count) + (count == 1 ? " row" : " rows");
    }

    /** {@code 16 kB}, {@code 1.5 MB}; {@code unknown} when negative. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value))
                + " " + units[unit];
    }
}
