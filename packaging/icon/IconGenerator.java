import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the TVIEW Studio application icon: a table of read-model rows with a refresh arrow, that
 * is, a view that keeps itself fresh. Shapes only (no fonts), so the result is the same on every
 * build machine. Run with the JDK's source launcher:
 *
 *   java packaging/icon/IconGenerator.java target/icon/tview-studio.png [size]
 */
public final class IconGenerator {

    private static final Color BACKGROUND = new Color(0x1d, 0x4e, 0x89);
    private static final Color TABLE = new Color(0xf4, 0xf7, 0xfb);
    private static final Color HEADER = new Color(0x9c, 0xc3, 0xe6);
    private static final Color GRID = new Color(0x1d, 0x4e, 0x89);
    private static final Color REFRESH = new Color(0x3c, 0xc4, 0x7c);

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: java IconGenerator.java <output.png> [size, default 256]");
            System.exit(2);
        }
        int size = args.length == 2 ? Integer.parseInt(args[1]) : 256;
        File output = new File(args[0]);
        File parent = output.getAbsoluteFile().getParentFile();
        if (!parent.isDirectory() && !parent.mkdirs()) {
            throw new IOException("cannot create " + parent);
        }
        ImageIO.write(draw(size), "png", output);
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            // Drawn on a 256 grid, scaled to the requested size.
            g.scale(size / 256.0, size / 256.0);

            g.setColor(BACKGROUND);
            g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 48, 48));

            // The table: a header band and three rows.
            g.setColor(TABLE);
            g.fill(new RoundRectangle2D.Double(40, 52, 140, 128, 14, 14));
            g.setColor(HEADER);
            g.fill(new RoundRectangle2D.Double(40, 52, 140, 32, 14, 14));
            g.fillRect(40, 70, 140, 14);
            g.setColor(GRID);
            g.setStroke(new BasicStroke(5));
            for (int y : new int[] {84, 116, 148}) {
                g.drawLine(40, y, 180, y);
            }
            g.drawLine(88, 84, 88, 180);

            // The refresh arrow around the table's lower right corner.
            g.setColor(REFRESH);
            g.setStroke(new BasicStroke(16, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Arc2D.Double(124, 124, 92, 92, 100, 250, Arc2D.OPEN));
            Path2D head = new Path2D.Double();
            head.moveTo(150, 108);
            head.lineTo(184, 126);
            head.lineTo(150, 146);
            head.closePath();
            g.fill(head);
        } finally {
            g.dispose();
        }
        return image;
    }
}
