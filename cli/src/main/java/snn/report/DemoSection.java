package snn.report;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The page's account of {@code snn demo} (demo.json): accuracy from the paper to the device, the
 * serial-line results, and the deploy. Every key of the file is shown; keys this class does not know
 * (a newer demo) are listed at the end as they are.
 */
final class DemoSection {
    /** Whose figure demo.json's paper_accuracy is (DemoCommand.PAPER_L2). */
    static final String PAPER = "paper (arXiv 2601.11261: L2, 400 neurons)";

    private final Map<String, Object> demo;
    private final Set<String> shown = new HashSet<>();

    private DemoSection(Map<String, Object> demo) {
        this.demo = demo;
    }

    static void render(StringBuilder h, Map<String, Object> demo) {
        new DemoSection(demo).render(h);
    }

    private void render(StringBuilder h) {
        h.append("<h2>Demo: from the paper to the device</h2>\n<table>\n");
        Object paper = take("paper_accuracy");
        HtmlPage.row(h, PAPER, paper == null
                ? "- (no published figure for this dataset)" : pct(paper));
        HtmlPage.row(h, "trainer, max-neuron rule (" + text(take("test_images")) + " test images)", pct(take("trainer_accuracy")));
        HtmlPage.row(h, "trainer, vote rule", pct(take("trainer_accuracy_vote")));
        for (String b : List.of("8", "4", "2")) {
            Object a = take("device_accuracy_" + b + "bit");
            if (a != null) {
                HtmlPage.row(h, "device, " + b + "-bit weights (emulator, same test images)", pct(a));
            }
        }
        HtmlPage.row(h, "flashed image", text(take("bits")) + "-bit weights, device accuracy " + pct(take("device_accuracy")));
        h.append("</table>\n");

        h.append("<h3>On the device over the serial line</h3>\n<table>\n");
        HtmlPage.row(h, "test images sent", text(take("serial_sample_images")));
        HtmlPage.row(h, "accuracy", pct(take("serial_sample_accuracy")));
        Object mism = take("mismatches");
        HtmlPage.row(h, "answers that differ from the emulator", text(mism) + (isZero(mism) ? " (every answer equal)" : ""));
        h.append("</table>\n");

        h.append("<h3>Deploy</h3>\n<table>\n");
        HtmlPage.row(h, "port", text(take("port")) + ", " + text(take("baud")) + " baud");
        Object bytes = take("deploy_bytes");
        Object stream = take("deploy_stream_bytes");
        Object enc = take("deploy_encoding");
        HtmlPage.row(h, "image", text(bytes) + " bytes, sent as " + text(enc) + (stream == null ? ""
                : " (" + text(stream) + " bytes on the line)"));
        HtmlPage.row(h, "time", String.format(Locale.ROOT, "%.2f s", num(take("deploy_seconds"))));
        HtmlPage.row(h, "speed", String.format(Locale.ROOT, "%.1f kB/s of image", num(take("deploy_bytes_per_second")) / 1000));
        Object paced = take("deploy_paced");
        Object eff = take("link_efficiency");
        HtmlPage.row(h, "link efficiency (image bytes / line capacity at the baud rate)", eff != null
                ? String.format(Locale.ROOT, "%.3f", num(eff))
                : Boolean.FALSE.equals(paced) ? "none: unpaced link (the baud rate does not limit it)" : "-");
        h.append("</table>\n");

        h.append("<h3>Run</h3>\n<table>\n");
        HtmlPage.row(h, "dataset", DisplayText.shorten(text(take("dataset"))) + (Boolean.TRUE.equals(take("quick")) ? " (--quick)" : ""));
        HtmlPage.row(h, "neurons", text(take("neurons")));
        HtmlPage.row(h, "training images", text(take("train_images")));
        HtmlPage.row(h, "training speed", String.format(Locale.ROOT, "%.1f images/s", num(take("images_per_second"))));
        HtmlPage.row(h, "this page, as the demo named it", DisplayText.shorten(text(take("report"))));
        for (Map.Entry<String, Object> e : demo.entrySet()) {
            if (!shown.contains(e.getKey())) {
                HtmlPage.row(h, DisplayText.shorten(e.getKey()), DisplayText.shorten(text(e.getValue())));
            }
        }
        h.append("</table>\n");
    }

    private Object take(String key) {
        shown.add(key);
        return demo.get(key);
    }

    private static boolean isZero(Object o) {
        return o instanceof Number n && n.doubleValue() == 0;
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** Whole numbers without ".0" (JSON numbers arrive as doubles), others as they are; "-" when missing. */
    static String text(Object o) {
        if (o == null) {
            return "-";
        }
        if (o instanceof Number n) {
            double v = n.doubleValue();
            return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        }
        return String.valueOf(o);
    }

    private static String pct(Object o) {
        return o instanceof Number n ? String.format(Locale.ROOT, "%.2f%%", n.doubleValue() * 100) : "-";
    }
}
