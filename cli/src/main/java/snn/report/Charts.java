package snn.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, drawn by JFreeChart into images (the caller must run headless). */
final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    static final int CONFUSION_SIZE = 720;
    private static final Color BLUE = new Color(0x2F6DB5);
    private static final Color ORANGE = new Color(0xE0802A);
    private static final Color CLEAR = new Color(255, 255, 255, 0);

    private Charts() {
    }

    /**
     * Heatmap of a [true][predicted] count matrix with the count printed in every cell; rows run top
     * to bottom like the matrix on paper. Colour is the count as a share of its row (the recall), so a
     * rare class's mistakes show as clearly as a common one's.
     */
    static BufferedImage confusion(int[] counts, int classes, String[] names, String subtitle) {
        DefaultXYZDataset data = new DefaultXYZDataset();
        int cells = classes * classes;
        double[][] xyz = new double[3][cells];
        XYPlot plot = new XYPlot();
        for (int t = 0; t < classes; t++) {
            long rowSum = 0;
            for (int p = 0; p < classes; p++) {
                rowSum += counts[t * classes + p];
            }
            for (int p = 0; p < classes; p++) {
                int k = t * classes + p;
                xyz[0][k] = p;
                xyz[1][k] = t;
                xyz[2][k] = rowSum == 0 ? 0 : counts[k] / (double) rowSum;
                XYTextAnnotation a = new XYTextAnnotation(Integer.toString(counts[k]), p, t);
                a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, classes > 15 ? 9 : 13));
                a.setPaint(xyz[2][k] > 0.55 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(a);
            }
        }
        data.addSeries("share of row", xyz);
        SymbolAxis x = new SymbolAxis("predicted class", names);
        SymbolAxis y = new SymbolAxis("true class", names);
        y.setInverted(true);
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(new BluePaintScale());
        r.setBlockAnchor(RectangleAnchor.CENTER);
        plot.setDataset(data);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        x.setRange(-0.5, classes - 0.5);
        y.setRange(-0.5, classes - 0.5);
        JFreeChart chart = new JFreeChart("Confusion matrix (test images)", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(subtitle(subtitle));
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(CONFUSION_SIZE, CONFUSION_SIZE);
    }

    /** White (0) to dark blue (1). */
    private static final class BluePaintScale implements PaintScale {
        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double v) {
            double f = Math.max(0, Math.min(1, v));
            return new Color((int) (255 - f * (255 - 0x08)), (int) (255 - f * (255 - 0x30)), (int) (255 - f * (255 - 0x6B)));
        }
    }

    /**
     * A histogram of {@code values} in {@code bins} equal bins over [min, max], with optional vertical
     * markers (label, x) and a logarithmic count axis when the counts span several decades.
     */
    static BufferedImage histogram(String title, String subtitle, String xLabel, double[] values, int bins,
            double min, double max, boolean logCounts, List<Marker> markers) {
        HistogramDataset data = new HistogramDataset();
        double hi = max > min ? max : min + 1;
        data.addSeries("count", values, bins, min, hi);
        JFreeChart chart = ChartFactory.createHistogram(title, xLabel, "count", data, PlotOrientation.VERTICAL,
                false, false, false);
        chart.addSubtitle(subtitle(subtitle));
        XYPlot plot = chart.getXYPlot();
        style(chart, plot);
        XYBarRenderer r = (XYBarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, BLUE);
        r.setDrawBarOutline(false);
        if (logCounts) {
            LogAxis y = new LogAxis("count (log scale)");
            y.setSmallestValue(0.5);
            y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            plot.setRangeAxis(y);
        }
        for (Marker m : markers) {
            plot.addDomainMarker(dashed(m, ORANGE, RectangleAnchor.TOP_RIGHT), Layer.FOREGROUND);
        }
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    record Marker(String label, double x) {
    }

    /** A labelled dashed line at the marker's value: the look every chart's reference lines share. */
    private static ValueMarker dashed(Marker m, Color color, RectangleAnchor labelAnchor) {
        ValueMarker vm = new ValueMarker(m.x(), color, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        vm.setLabel(m.label());
        vm.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        vm.setLabelBackgroundColor(CLEAR);
        vm.setLabelAnchor(labelAnchor);
        vm.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        return vm;
    }

    /**
     * Accuracy (%) against training images seen, with the final test accuracy as a dashed line; the
     * axis zoomed to the points and the line ({@link AxisRange}).
     */
    static BufferedImage accuracyCurve(int[] seen, double[] accuracy, double finalTest, String subtitle) {
        return accuracyCurveChart(seen, accuracy, finalTest, subtitle).createBufferedImage(WIDTH, HEIGHT);
    }

    static JFreeChart accuracyCurveChart(int[] seen, double[] accuracy, double finalTest, String subtitle) {
        XYSeries s = new XYSeries("held-out training images");
        double[] shown = new double[accuracy.length + 1];
        for (int k = 0; k < seen.length; k++) {
            s.add(seen[k], accuracy[k] * 100);
            shown[k] = accuracy[k] * 100;
        }
        shown[accuracy.length] = finalTest >= 0 ? finalTest * 100 : Double.NaN;
        AxisRange range = AxisRange.of(shown);
        XYSeriesCollection data = new XYSeriesCollection(s);
        JFreeChart chart = ChartFactory.createXYLineChart("Accuracy during training", "training images seen",
                range.label("accuracy (%)"), data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(subtitle(subtitle));
        XYPlot plot = chart.getXYPlot();
        style(chart, plot);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, BLUE);
        r.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(r);
        zoom((NumberAxis) plot.getRangeAxis(), range);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setLowerBound(0);
        if (finalTest >= 0) {
            ValueMarker m = new ValueMarker(finalTest * 100, ORANGE, new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            m.setLabel(String.format(Locale.ROOT, "final test accuracy %.2f%%", finalTest * 100));
            m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            m.setLabelBackgroundColor(CLEAR);
            m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
            m.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
            plot.addRangeMarker(m);
        }
        return chart;
    }

    /**
     * Grouped bars: device and trainer accuracy (%) for each bit width, values printed on the bars, and
     * dashed lines (label, accuracy in %) such as the paper's figure. The axis is zoomed to the bars and
     * lines ({@link AxisRange}), and its label says where it starts.
     */
    static BufferedImage deviceVsTrainer(List<DeviceResults.Entry> entries, List<Marker> lines, String subtitle) {
        return deviceVsTrainerChart(entries, lines, subtitle).createBufferedImage(WIDTH, HEIGHT);
    }

    static JFreeChart deviceVsTrainerChart(List<DeviceResults.Entry> entries, List<Marker> lines, String subtitle) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        double[] shown = new double[2 * entries.size() + lines.size()];
        int n = 0;
        for (DeviceResults.Entry e : entries) {
            String col = e.bits() + " bits";
            if (!Double.isNaN(e.device())) {
                data.addValue(e.device() * 100, "device", col);
            }
            if (!Double.isNaN(e.trainer())) {
                data.addValue(e.trainer() * 100, "trainer", col);
            }
            shown[n++] = e.device() * 100;
            shown[n++] = e.trainer() * 100;
        }
        for (Marker m : lines) {
            shown[n++] = m.x();
        }
        AxisRange range = AxisRange.of(shown);
        JFreeChart chart = ChartFactory.createBarChart("Device versus trainer accuracy", "weight bit width",
                range.label("accuracy (%)"), data, PlotOrientation.VERTICAL, true, false, false);
        chart.addSubtitle(subtitle(subtitle));
        CategoryPlot plot = chart.getCategoryPlot();
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setSeriesPaint(0, BLUE);
        r.setSeriesPaint(1, ORANGE);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}",
                new java.text.DecimalFormat("0.00")));
        r.setDefaultItemLabelsVisible(true);
        r.setItemMargin(0.05);
        zoom((NumberAxis) plot.getRangeAxis(), range);
        CategoryAxis x = plot.getDomainAxis();
        x.setCategoryMargin(0.3);
        for (Marker m : lines) {
            plot.addRangeMarker(dashed(m, ORANGE.darker(), RectangleAnchor.BOTTOM_LEFT), Layer.FOREGROUND);
        }
        return chart;
    }

    private static void zoom(NumberAxis y, AxisRange range) {
        y.setRange(range.lower(), range.upper());
        y.setTickUnit(new NumberTickUnit(range.step()));
    }

    /** A chart's second line, bounded: JFreeChart breaks a title into lines in quadratic time. */
    static TextTitle subtitle(String text) {
        return new TextTitle(DisplayText.shorten(text));
    }

    private static void style(JFreeChart chart, XYPlot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    }
}
