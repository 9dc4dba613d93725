package snn.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import snn.protocol.model.TrainedModel;

/**
 * The receptive fields of all excitatory neurons as one grid image: tile k is neuron k (row-major),
 * its incoming weights reshaped to the image's rows x cols, grey levels stretched per neuron from its
 * smallest weight (black) to its largest (white), and its assigned class in the top-left corner.
 *
 * <pre>
 *  GAP | tile 0 | GAP | tile 1 | GAP | ... | tile gridCols-1 | GAP
 *  tile = (cols*scale) x (rows*scale) pixels, each weight a scale x scale square
 *  width  = gridCols * (cols*scale + GAP) + GAP,  gridCols = ceil(sqrt(neurons))
 *  height = gridRows * (rows*scale + GAP) + GAP,  gridRows = ceil(neurons / gridCols)
 * </pre>
 * Drawn with Java2D rather than a chart library: it is an image, not a chart.
 */
public final class ReceptiveFields {
    static {
        // Images need no display; set before the first use of AWT (Report does the same).
        System.setProperty("java.awt.headless", "true");
    }

    /** Pixels between tiles and around the grid. */
    public static final int GAP = 2;
    /** Tiles are scaled up until their longer side reaches this many pixels, so labels fit. */
    public static final int MIN_TILE = 48;

    private ReceptiveFields() {
    }

    /** Tiles per grid row: the smallest square grid that holds every neuron. */
    public static int gridCols(int neurons) {
        int c = (int) Math.ceil(Math.sqrt(neurons));
        return Math.max(1, c);
    }

    public static int gridRows(int neurons) {
        return Math.max(1, (neurons + gridCols(neurons) - 1) / gridCols(neurons));
    }

    /** Screen pixels per weight. */
    public static int scale(int rows, int cols) {
        int side = Math.max(1, Math.max(rows, cols));
        return Math.max(1, (MIN_TILE + side - 1) / side);
    }

    public static BufferedImage render(TrainedModel m) {
        int n = m.getNeurons();
        int rows = m.getImageRows();
        int cols = m.getImageCols();
        int s = scale(rows, cols);
        int tileW = cols * s;
        int tileH = rows * s;
        int gc = gridCols(n);
        int gr = gridRows(n);
        BufferedImage img = new BufferedImage(gc * (tileW + GAP) + GAP, gr * (tileH + GAP) + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(new Color(0x3060A0));
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int fontPx = Math.max(8, Math.min(12, tileH / 4));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontPx));
            int inputs = rows * cols;
            for (int j = 0; j < n; j++) {
                int x0 = GAP + (j % gc) * (tileW + GAP);
                int y0 = GAP + (j / gc) * (tileH + GAP);
                int lo = Integer.MAX_VALUE;
                int hi = Integer.MIN_VALUE;
                for (int i = 0; i < inputs; i++) {
                    int w = m.getWeights(i * n + j);
                    lo = Math.min(lo, w);
                    hi = Math.max(hi, w);
                }
                int span = Math.max(1, hi - lo);
                for (int i = 0; i < inputs; i++) {
                    int grey = (int) ((m.getWeights(i * n + j) - lo) * 255L / span);
                    int rgb = grey << 16 | grey << 8 | grey;
                    int px = x0 + (i % cols) * s;
                    int py = y0 + (i / cols) * s;
                    for (int dy = 0; dy < s; dy++) {
                        for (int dx = 0; dx < s; dx++) {
                            img.setRGB(px + dx, py + dy, rgb);
                        }
                    }
                }
                if (j < m.getLabelsCount()) {
                    String label = Integer.toString(m.getLabels(j));
                    int tw = g.getFontMetrics().stringWidth(label);
                    int th = g.getFontMetrics().getAscent();
                    g.setColor(new Color(0, 0, 0, 150));
                    g.fillRect(x0, y0, tw + 3, th + 1);
                    g.setColor(new Color(0xFFD040));
                    g.drawString(label, x0 + 1, y0 + th - 1);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
