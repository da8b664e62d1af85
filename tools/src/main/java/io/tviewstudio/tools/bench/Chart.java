package io.tviewstudio.tools.bench;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cells as a PNG: one group of horizontal bars per scenario, one bar per variant, the bar's
 * length the median as a multiple of the floor on a logarithmic axis (the ratios span 1 to
 * thousands). Drawn into an image with AWT, which needs no display.
 */
public final class Chart {

    static final int WIDTH = 1000;
    private static final int LEFT = 170;
    private static final int RIGHT = 60;
    private static final int TOP = 60;
    private static final int BAR = 14;
    private static final int GROUP_GAP = 18;
    private static final Color[] COLORS = {new Color(0x9e9e9e), new Color(0x1e88e5), new Color(0x8e24aa), new Color(0x43a047),
            new Color(0xe53935), new Color(0xfb8c00), new Color(0x6d4c41), new Color(0x00acc1)};

    private final BenchResult result;

    public Chart(BenchResult result) {
        this.result = result;
    }

    public void writePng(OutputStream out) throws IOException {
        Map<String, List<BenchResult.Cell>> groups = new LinkedHashMap<>();
        List<String> variants = new ArrayList<>();
        double max = 10;
        for (BenchResult.Cell cell : result.cells()) {
            groups.computeIfAbsent(cell.scenario(), s -> new ArrayList<>()).add(cell);
            if (!variants.contains(cell.variant())) {
                variants.add(cell.variant());
            }
            if (cell.ratioToFloor() != null) {
                max = Math.max(max, cell.ratioToFloor());
            }
        }
        double decades = Math.ceil(Math.log10(max));
        int legendHeight = 24 * ((variants.size() + 3) / 4);
        int height = TOP + groups.size() * (variants.size() * BAR + GROUP_GAP) + 40 + legendHeight;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString("Median write latency as a multiple of the floor (log scale), " + result.settings().products()
                    + " products, PostgreSQL " + result.serverVersion(), 10, 22);
            int plotWidth = WIDTH - LEFT - RIGHT;
            int plotBottom = height - 40 - legendHeight;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int d = 0; d <= decades; d++) {
                int x = LEFT + (int) (plotWidth * d / decades);
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(x, TOP - 8, x, plotBottom);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "%,.0fx", Math.pow(10, d)), x - 8, TOP - 12);
            }
            int y = TOP;
            for (Map.Entry<String, List<BenchResult.Cell>> group : groups.entrySet()) {
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                g.drawString(group.getKey(), 10, y + group.getValue().size() * BAR / 2 + 4);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
                for (BenchResult.Cell cell : group.getValue()) {
                    double ratio = cell.ratioToFloor() == null ? 1 : Math.max(1, cell.ratioToFloor());
                    int length = Math.max(2, (int) (plotWidth * Math.log10(ratio) / decades));
                    g.setColor(COLORS[variants.indexOf(cell.variant()) % COLORS.length]);
                    g.fillRect(LEFT, y + 1, length, BAR - 2);
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(Report.ratio(cell.ratioToFloor()), LEFT + length + 4, y + BAR - 3);
                    y += BAR;
                }
                y += GROUP_GAP;
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1));
            g.drawLine(LEFT, TOP - 8, LEFT, plotBottom);
            int legendY = plotBottom + 24;
            for (int i = 0; i < variants.size(); i++) {
                int x = 10 + (i % 4) * 240;
                int ly = legendY + (i / 4) * 24;
                g.setColor(COLORS[i % COLORS.length]);
                g.fillRect(x, ly - 10, 14, 12);
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                g.drawString(variants.get(i), x + 20, ly);
            }
        } finally {
            g.dispose();
        }
        ImageIO.write(image, "png", out);
    }
}
