package snn.sweep;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import snn.support.AtomicFiles;

/**
 * The sweep report's figures (PNG, drawn headless): accuracy against Wt per norm, accuracy and
 * training time against neuron count, and the homeostasis ablations. Bands and error bars are the
 * 95% t-intervals over seeds; a configuration with one seed shows its mean alone.
 */
final class SweepCharts {
    static final int W = 900;
    static final int H = 520;

    private SweepCharts() {
    }

    static Color color(String norm) {
        return switch (norm) {
            case "l1" -> new Color(0x1F77B4);
            case "l2" -> new Color(0xD62728);
            default -> new Color(0x555555);
        };
    }

    /** One file per group of configurations that differ in Wt (and norm); each norm its own panel and Wt axis. */
    static List<Path> wt(Analysis an, Path out) throws IOException {
        List<Path> files = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, List<Analysis.Config>> g : an.groupBy(an.configs, Set.of("norm", "target-norm")).entrySet()) {
            Map<String, List<Analysis.Config>> byNorm = byNorm(g.getValue());
            if (byNorm.values().stream().noneMatch(l -> distinct(l, c -> c.first().targetNorm()) >= 2)) {
                continue;
            }
            CombinedRangeXYPlot plot = new CombinedRangeXYPlot(accuracyAxis());
            plot.setGap(12);
            for (Map.Entry<String, List<Analysis.Config>> e : byNorm.entrySet()) {
                if (e.getKey().equals("none")) {
                    continue;
                }
                List<Analysis.Config> cs = new ArrayList<>(e.getValue());
                cs.sort(Comparator.comparingDouble(c -> c.first().targetNorm()));
                YIntervalSeries s = new YIntervalSeries(e.getKey());
                for (Analysis.Config c : cs) {
                    add(s, c.first().targetNorm(), c.accuracy());
                }
                NumberAxis x = new NumberAxis("Wt (" + e.getKey().toUpperCase() + " norm)");
                x.setAutoRangeIncludesZero(false);
                XYPlot sub = new XYPlot(new YIntervalSeriesCollection(), x, null, band(color(e.getKey())));
                ((YIntervalSeriesCollection) sub.getDataset()).addSeries(s);
                plot.add(sub, 1);
            }
            files.add(save(new JFreeChart("Test accuracy against the target norm Wt", JFreeChart.DEFAULT_TITLE_FONT,
                    plot, true), subtitle(g.getKey()), out.resolve("accuracy-vs-wt-" + (++k) + ".png")));
        }
        return files;
    }

    /** Accuracy (bands, left axis) and mean training time (dashed, right axis) against the neuron count. */
    static List<Path> neurons(Analysis an, Path out) throws IOException {
        List<Path> files = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, List<Analysis.Config>> g : an.groupBy(an.configs, Set.of("norm", "neurons")).entrySet()) {
            Map<String, List<Analysis.Config>> byNorm = byNorm(g.getValue());
            if (byNorm.values().stream().noneMatch(l -> distinct(l, c -> c.first().neurons()) >= 2)) {
                continue;
            }
            YIntervalSeriesCollection acc = new YIntervalSeriesCollection();
            XYSeriesCollection time = new XYSeriesCollection();
            DeviationRenderer accR = band(null);
            XYLineAndShapeRenderer timeR = new XYLineAndShapeRenderer(true, true);
            int i = 0;
            for (Map.Entry<String, List<Analysis.Config>> e : byNorm.entrySet()) {
                List<Analysis.Config> cs = new ArrayList<>(e.getValue());
                cs.sort(Comparator.comparingInt(c -> c.first().neurons()));
                YIntervalSeries s = new YIntervalSeries(e.getKey() + " accuracy");
                XYSeries t = new XYSeries(e.getKey() + " training time");
                for (Analysis.Config c : cs) {
                    add(s, c.first().neurons(), c.accuracy());
                    t.add(c.first().neurons(), c.meanTrainSeconds());
                }
                acc.addSeries(s);
                time.addSeries(t);
                Color col = color(e.getKey());
                accR.setSeriesPaint(i, col);
                accR.setSeriesFillPaint(i, col);
                timeR.setSeriesPaint(i, col);
                timeR.setSeriesStroke(i, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                        new float[] {6f, 4f}, 0f));
                i++;
            }
            NumberAxis x = new NumberAxis("excitatory neurons");
            x.setAutoRangeIncludesZero(false);
            XYPlot plot = new XYPlot(acc, x, accuracyAxis(), accR);
            NumberAxis secs = new NumberAxis("training time (s), dashed");
            plot.setRangeAxis(1, secs);
            plot.setDataset(1, time);
            plot.setRenderer(1, timeR);
            plot.mapDatasetToRangeAxis(1, 1);
            files.add(save(new JFreeChart("Accuracy and cost against the neuron count", JFreeChart.DEFAULT_TITLE_FONT,
                    plot, true), subtitle(g.getKey()), out.resolve("accuracy-vs-neurons-" + (++k) + ".png")));
        }
        return files;
    }

    /** Bars (mean, 95% CI whiskers) of the homeostasis variants, one bar colour per group. */
    static List<Path> ablations(Analysis an, Path out) throws IOException {
        DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
        boolean any = false;
        // Wt stays in the group: variants are compared at the same swept Wt (or at each norm's default).
        Map<String, List<Analysis.Config>> groups = an.groupBy(an.configs, Set.of("norm", "no-adaptive-threshold"));
        for (Map.Entry<String, List<Analysis.Config>> g : groups.entrySet()) {
            Map<String, Analysis.Config> variants = new LinkedHashMap<>();
            for (Analysis.Config c : g.getValue()) {
                variants.putIfAbsent(c.homeostasis(), c);
            }
            boolean ablated = variants.values().stream().anyMatch(c -> "none".equals(c.norm()) || !c.adaptive());
            if (variants.size() < 2 || variants.size() != g.getValue().size() || !ablated) {
                continue;
            }
            any = true;
            List<Analysis.Config> cs = new ArrayList<>(variants.values());
            cs.sort(Comparator.comparingInt(SweepCharts::ablationOrder));
            for (Analysis.Config c : cs) {
                double half = Double.isNaN(c.accuracy().halfWidth()) ? 0 : c.accuracy().halfWidth();
                data.add(100 * c.accuracy().mean(), 100 * half, g.getKey().isEmpty() ? "all" : g.getKey(), c.homeostasis());
            }
        }
        if (!any) {
            return List.of();
        }
        CategoryAxis cat = new CategoryAxis("homeostasis");
        cat.setCategoryLabelPositions(CategoryLabelPositions.createUpRotationLabelPositions(Math.PI / 8));
        NumberAxis y = accuracyAxis();
        y.setAutoRangeIncludesZero(true);
        StatisticalBarRenderer r = new StatisticalBarRenderer();
        r.setErrorIndicatorPaint(Color.BLACK);
        CategoryPlot plot = new CategoryPlot(data, cat, y, r);
        JFreeChart chart = new JFreeChart("Ablations: what each part of the homeostasis contributes",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return List.of(save(chart, "whiskers: 95% CI over seeds", out.resolve("ablations.png")));
    }

    private static int ablationOrder(Analysis.Config c) {
        boolean scaled = !"none".equals(c.norm());
        return (scaled ? 0 : 2) + (c.adaptive() ? 0 : 1) + ("l1".equals(c.norm()) ? 4 : 0);
    }

    private static Map<String, List<Analysis.Config>> byNorm(List<Analysis.Config> cs) {
        Map<String, List<Analysis.Config>> m = new java.util.TreeMap<>();
        for (Analysis.Config c : cs) {
            m.computeIfAbsent(c.norm(), k -> new ArrayList<>()).add(c);
        }
        return m;
    }

    private static <T> int distinct(List<Analysis.Config> cs, java.util.function.Function<Analysis.Config, T> f) {
        Set<String> s = new TreeSet<>();
        for (Analysis.Config c : cs) {
            s.add(String.valueOf(f.apply(c)));
        }
        return s.size();
    }

    private static void add(YIntervalSeries s, double x, Stats.MeanCi ci) {
        double m = 100 * ci.mean();
        double h = Double.isNaN(ci.halfWidth()) ? 0 : 100 * ci.halfWidth();
        s.add(x, m, m - h, m + h);
    }

    private static NumberAxis accuracyAxis() {
        NumberAxis y = new NumberAxis("test accuracy (%), band: 95% CI over seeds");
        y.setAutoRangeIncludesZero(false);
        return y;
    }

    private static DeviationRenderer band(Color c) {
        DeviationRenderer r = new DeviationRenderer(true, true);
        r.setAlpha(0.25f);
        if (c != null) {
            r.setSeriesPaint(0, c);
            r.setSeriesFillPaint(0, c);
        }
        r.setDefaultStroke(new BasicStroke(2f));
        r.setAutoPopulateSeriesStroke(false);
        return r;
    }

    private static Path save(JFreeChart chart, String subtitle, Path file) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        if (!subtitle.isEmpty()) {
            chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        }
        AtomicFiles.write(file, o -> ChartUtils.writeChartAsPNG(o, chart, W, H));
        return file;
    }

    private static String subtitle(String group) {
        return group;
    }
}
