package snn.report;

import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import snn.protocol.model.TrainSummary;
import snn.protocol.model.TrainedModel;

/**
 * The report's {@code index.html}: one self-contained page (inline CSS, images by relative link, no
 * scripts) with the headline figures, every figure and its caption, the notes about figures left
 * out, and the run's settings.
 */
final class HtmlPage {
    private HtmlPage() {
    }

    static String render(TrainedModel m, String modelName, ReportSummary summary, List<Report.Figure> figures,
            List<String> notes) {
        TrainSummary s = m.getSummary();
        StringBuilder h = new StringBuilder(16_384);
        String dataset = DisplayText.shorten(m.getDataset());
        String title = "snn report: " + dataset + ", " + m.getNeurons() + " neurons";
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;color:#222}\n")
                .append("table{border-collapse:collapse;margin:.5em 0 1.5em}\n")
                .append("td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}\n")
                .append("figure{margin:1.5em 0}img{max-width:100%;border:1px solid #ddd}\n")
                .append("figcaption{color:#555;max-width:60em}.note{color:#8a5a00}\n")
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
        if (modelName != null) {
            h.append("<p>Model: <code>").append(esc(modelName)).append("</code></p>\n");
        }

        h.append("<h2>Results</h2>\n<table>\n");
        row(h, "dataset", dataset + " (" + m.getImageRows() + "x" + m.getImageCols() + " images, "
                + m.getClasses() + " classes)");
        row(h, "excitatory neurons", Integer.toString(m.getNeurons()));
        row(h, "training images", s.getTrainImages() + " x " + s.getEpochs() + " epoch(s)");
        row(h, "test images", Integer.toString(s.getTestImages()));
        if (s.getTestImages() > 0) {
            row(h, "test accuracy, max-neuron rule", pct(s.getTestAccuracyMaxNeuron()));
            row(h, "test accuracy, vote rule", pct(s.getTestAccuracyVote()));
        }
        row(h, "default decision rule", Report.ruleName(m));
        ReportSummary.Thresholds thr = summary.thresholds();
        row(h, "thresholds (min / mean / max)", String.format(Locale.ROOT, "%.2f / %.2f / %.2f %s",
                thr.min(), thr.mean(), thr.max(), thr.unit()));
        ReportSummary.Weights w = summary.weights();
        row(h, "weights: mean (fraction of max), zero share", String.format(Locale.ROOT, "%.4f, %.1f%%",
                w.meanFraction(), w.zeroShare() * 100));
        StringBuilder pc = new StringBuilder();
        summary.neuronsPerClass().forEach((k, v) -> pc.append(pc.length() == 0 ? "" : ", ").append(k).append(": ").append(v));
        row(h, "neurons per assigned class", pc.toString());
        for (ReportSummary.Device d : summary.device()) {
            row(h, d.bits() + "-bit weights: device / trainer accuracy", pctOrDash(d.deviceAccuracy())
                    + " / " + pctOrDash(d.trainerAccuracy()) + " (" + d.source() + ")");
        }
        h.append("</table>\n");
        if (summary.demo() != null) {
            DemoSection.render(h, summary.demo());
        }

        for (Report.Figure f : figures) {
            h.append("<figure>\n<h2>").append(esc(f.title())).append("</h2>\n<img src=\"").append(esc(f.file()))
                    .append("\" alt=\"").append(esc(f.title())).append("\">\n<figcaption>").append(esc(f.caption()))
                    .append("</figcaption>\n</figure>\n");
        }
        if (!notes.isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>\n");
            for (String n : notes) {
                h.append("<li class=\"note\">").append(esc(n)).append("</li>\n");
            }
            h.append("</ul>\n");
        }

        h.append("<h2>Settings</h2>\n<table>\n");
        row(h, "seed", Long.toUnsignedString(m.getConfig().getSeed()));
        new TreeMap<>(m.getConfig().getStringsMap()).forEach((k, v) -> row(h, DisplayText.shorten(k), DisplayText.shorten(v)));
        new TreeMap<>(m.getConfig().getValuesMap()).forEach((k, v) -> row(h, DisplayText.shorten(k), num(v)));
        h.append("</table>\n<p>Written by <code>snn report</code>; the same figures are in <a href=\"report.json\">"
                + "report.json</a>.</p>\n</body>\n</html>\n");
        return h.toString();
    }

    static void row(StringBuilder h, String key, String value) {
        h.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value)).append("</td></tr>\n");
    }

    private static String pct(double v) {
        return String.format(Locale.ROOT, "%.2f%%", v * 100);
    }

    private static String pctOrDash(Double v) {
        return v == null ? "-" : pct(v);
    }

    /** Integers without a decimal point, others with as many digits as they need. */
    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
