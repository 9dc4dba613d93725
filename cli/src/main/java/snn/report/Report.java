package snn.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import snn.protocol.model.AccuracyPoint;
import snn.protocol.model.TrainSummary;
import snn.protocol.model.TrainedModel;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.SnnException;

/**
 * A run's report: PNG figures, {@code index.html} that shows them beside the run's settings, and
 * {@code report.json} that sums it up, all written atomically into the run folder. A figure whose
 * data the model or folder lacks (no accuracy curve, no test confusion, no verify results) is left
 * out with a note in the page and the JSON, rather than drawn empty.
 *
 * <pre>
 * RUN_DIR/receptive-fields.png   every excitatory neuron's input weights as an image, with its class
 * RUN_DIR/confusion.png          [true][predicted] test counts
 * RUN_DIR/thresholds.png         histogram of the per-neuron thresholds (mV above rest)
 * RUN_DIR/weights.png            histogram of all input weights (fraction of weight_max)
 * RUN_DIR/accuracy.png           accuracy against training images seen
 * RUN_DIR/device-accuracy.png    device versus trainer accuracy per bit width (from verify-*.json)
 * RUN_DIR/index.html, report.json  (with demo.json's figures when {@code snn demo} wrote one)
 * </pre>
 */
public final class Report {
    static {
        // Must be set before anything touches AWT; charts and images need no display.
        System.setProperty("java.awt.headless", "true");
    }

    public static final String RECEPTIVE_FIELDS = "receptive-fields.png";
    public static final String CONFUSION = "confusion.png";
    public static final String THRESHOLDS = "thresholds.png";
    public static final String WEIGHTS = "weights.png";
    public static final String ACCURACY = "accuracy.png";
    public static final String DEVICE = "device-accuracy.png";

    private static final String[] FASHION = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot"};

    /** One figure of the page: file name, heading and caption. */
    public record Figure(String file, String title, String caption) {
    }

    /** What was written: the figures, the notes about figures left out, and the JSON summary. */
    public record Result(List<Figure> figures, List<String> notes, ReportSummary summary) {
    }

    private Report() {
    }

    /**
     * Writes the report of {@code m} into {@code runDir} (created if missing).
     *
     * @param modelName how the page names the model file (e.g. {@code model.snn}); may be null
     */
    public static Result write(Path runDir, TrainedModel m, String modelName) throws IOException {
        check(m);
        List<Figure> figures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Stats st = Stats.of(m);
        String[] names = classNames(m);
        String run = String.format(Locale.ROOT, "%s, %d neurons, %d training images", DisplayText.shorten(m.getDataset(), 60),
                m.getNeurons(), m.getSummary().getTrainImages());

        png(runDir, RECEPTIVE_FIELDS, ReceptiveFields.render(m));
        figures.add(new Figure(RECEPTIVE_FIELDS, "Receptive fields",
                "Each tile is one excitatory neuron's " + m.getInputs() + " input weights laid out as a "
                        + m.getImageRows() + "x" + m.getImageCols() + " image (neuron 0 top left, row by row),"
                        + " black = its smallest weight, white = its largest; the number is the class it is"
                        + " assigned." + legend(m, names)));

        TrainSummary s = m.getSummary();
        int c = m.getClasses();
        if (s.getConfusionCount() == c * c && c > 0) {
            int[] counts = new int[c * c];
            for (int k = 0; k < counts.length; k++) {
                counts[k] = s.getConfusion(k);
            }
            png(runDir, CONFUSION, Charts.confusion(counts, c, names, String.format(Locale.ROOT,
                    "%s rule, %d test images, accuracy %.2f%%", ruleName(m), s.getTestImages(), st.testAccuracy * 100)));
            figures.add(new Figure(CONFUSION, "Confusion matrix", "Test images by true class (rows) and predicted"
                    + " class (columns) under the model's default rule (" + ruleName(m) + "); the shade is the share"
                    + " of the row, the number the count. Images no neuron answered are not counted."));
        } else {
            notes.add("no confusion matrix: the model has no test results (trained with --test-images 0?)");
        }

        double[] thr = new double[m.getNeurons()];
        for (int j = 0; j < thr.length; j++) {
            thr[j] = learnedThreshold(m, j) / st.unitsPerMv;
        }
        List<Charts.Marker> thrMarkers = new ArrayList<>();
        Double base = m.getConfig().getValuesMap().get("threshold_exc_mv");
        if (base != null && st.inMv) {
            thrMarkers.add(new Charts.Marker(String.format(Locale.ROOT, " base %.2f mV", base), base));
        }
        boolean shared = m.getThresholdsList().stream().distinct().count() == 1;
        if (m.getLearnedThresholdsCount() == m.getNeurons() && shared && st.inMv) {
            double inf = m.getThresholds(0) / st.unitsPerMv;
            thrMarkers.add(new Charts.Marker(String.format(Locale.ROOT, " inference %.2f mV", inf), inf));
        }
        double tLo = Math.min(st.thrMin, base != null && st.inMv ? base : st.thrMin);
        png(runDir, THRESHOLDS, Charts.histogram("Firing thresholds", run, st.inMv ? "threshold above rest (mV)"
                : "threshold (membrane units)", thr, 40, tLo, Math.max(st.thrMax, tLo + 1e-6), false, thrMarkers));
        figures.add(new Figure(THRESHOLDS, "Thresholds", "Each excitatory neuron's learned threshold: the base"
                + " threshold plus what its adaptive threshold learned (it rises with every spike in training)."
                + (m.getLearnedThresholdsCount() == m.getNeurons()
                ? " Inference uses the blend that --theta-inference sets (the second marker)." : "")
                + (st.inMv ? String.format(Locale.ROOT, " Converted at %.1f membrane units per mV.", st.unitsPerMv)
                : " Shown in membrane units: the model does not record epsp_mv.")));

        int wmax = Math.max(1, m.getLoop().getWeightMax());
        double[] w = new double[m.getWeightsCount()];
        for (int k = 0; k < w.length; k++) {
            w[k] = m.getWeights(k) / (double) wmax;
        }
        png(runDir, WEIGHTS, Charts.histogram("Input weights", run, "weight (fraction of weight_max = " + wmax + ")",
                w, 64, 0, 1, true, List.of()));
        figures.add(new Figure(WEIGHTS, "Weights", String.format(Locale.ROOT, "All %d input-to-excitatory weights,"
                + " as a fraction of the largest weight; counts on a log scale. %.1f%% are zero, the mean is %.4f.",
                w.length, st.zeroWeightShare * 100, st.weightMean)));

        if (s.getCurveCount() > 0) {
            int[] seen = new int[s.getCurveCount()];
            double[] acc = new double[seen.length];
            for (int k = 0; k < seen.length; k++) {
                AccuracyPoint p = s.getCurve(k);
                seen[k] = p.getImagesSeen();
                acc[k] = p.getAccuracy();
            }
            png(runDir, ACCURACY, Charts.accuracyCurve(seen, acc, s.getTestImages() > 0 ? st.testAccuracy : -1, run));
            figures.add(new Figure(ACCURACY, "Accuracy during training", "Sampled while training: the network"
                    + " so far, labelled on one slice of held-out training images and scored on another. The dashed"
                    + " line is the final test accuracy (" + ruleName(m) + " rule). The axis is zoomed to the values."));
        } else {
            notes.add("no accuracy curve: the model holds no curve points");
        }

        DeviceResults.Found dev = DeviceResults.read(runDir);
        notes.addAll(dev.notes());
        Map<String, Object> demo = DemoResults.read(runDir, notes);
        double paper = demo == null ? Double.NaN : DemoResults.number(demo, "paper_accuracy");
        if (!dev.entries().isEmpty()) {
            // The paper's line only when it is near the bars: far off, it would squash the tenths of a
            // point between device and trainer that this chart is for.
            boolean paperDrawn = !Double.isNaN(paper) && barRange(dev.entries()).near(paper * 100, PAPER_REACH);
            List<Charts.Marker> lines = !paperDrawn ? List.of() : List.of(new Charts.Marker(
                    String.format(Locale.ROOT, " %s %.2f%%", DemoSection.PAPER, paper * 100), paper * 100));
            png(runDir, DEVICE, Charts.deviceVsTrainer(dev.entries(), lines, run));
            figures.add(new Figure(DEVICE, "Device versus trainer", "Accuracy on the device (emulated or real)"
                    + " and in the trainer, per weight bit width, from the run folder's verify-*.json and"
                    + " quantize-*.json files" + (paperDrawn ? "; the dashed line is the paper's figure"
                    : Double.isNaN(paper) ? "" : String.format(Locale.ROOT, "; the paper's figure (%.2f%%) is more"
                    + " than %d points off this axis, so not drawn", paper * 100, PAPER_REACH))
                    + ". The axis is zoomed to the values: it does not start at 0."));
        } else {
            notes.add("no device-versus-trainer figure: no verify-*.json or quantize-*.json with bits and"
                    + " accuracies in this folder (run snn verify with --json into it)");
        }

        ReportSummary summary = summary(m, st, modelName, figures, notes, dev, demo);
        AtomicFiles.write(runDir.resolve("report.json"), (Json.pretty(summary) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(runDir.resolve("index.html"), HtmlPage.render(m, modelName, summary, figures, notes)
                .getBytes(StandardCharsets.UTF_8));
        return new Result(figures, notes, summary);
    }

    /** How far (points) outside the bars' axis the paper's figure may lie and still be drawn. */
    static final int PAPER_REACH = 3;

    private static AxisRange barRange(List<DeviceResults.Entry> entries) {
        double[] v = new double[2 * entries.size()];
        for (int k = 0; k < entries.size(); k++) {
            v[2 * k] = entries.get(k).device() * 100;
            v[2 * k + 1] = entries.get(k).trainer() * 100;
        }
        return AxisRange.of(v);
    }

    /** Refuses a model whose arrays disagree with its shape, naming the field. */
    static void check(TrainedModel m) {
        int n = m.getNeurons();
        long inputs = (long) m.getImageRows() * m.getImageCols();
        if (n <= 0 || inputs <= 0 || m.getClasses() <= 0) {
            throw SnnException.badInput("model: neurons " + n + ", image " + m.getImageRows() + "x"
                    + m.getImageCols() + ", classes " + m.getClasses() + ": all must be > 0");
        }
        if (m.getInputs() != inputs) {
            throw SnnException.badInput("model: inputs " + m.getInputs() + " != image_rows*image_cols " + inputs);
        }
        if (m.getWeightsCount() != inputs * n) {
            throw SnnException.badInput("model: " + m.getWeightsCount() + " weights, expected inputs*neurons = " + inputs * n);
        }
        if (m.getThresholdsCount() != n || m.getLabelsCount() != n) {
            throw SnnException.badInput("model: " + m.getThresholdsCount() + " thresholds and " + m.getLabelsCount()
                    + " labels, expected " + n + " each");
        }
    }

    /** Mean field size (participation ratio, in inputs) of the neurons assigned to each class. */
    private static Map<String, Double> fieldSizePerClass(TrainedModel m, String[] names) {
        int n = m.getNeurons();
        double[] size = snn.trainer.WeightStats.fieldSizes(snn.trainer.WeightStats.weights(m), m.getInputs(), n);
        double[] sum = new double[names.length];
        int[] count = new int[names.length];
        for (int j = 0; j < n && j < m.getLabelsCount(); j++) {
            int c = m.getLabels(j);
            if (c >= 0 && c < names.length) {
                sum[c] += size[j];
                count[c]++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < names.length; c++) {
            out.put(names[c], count[c] == 0 ? null : sum[c] / count[c]);
        }
        return out;
    }

    static String ruleName(TrainedModel m) {
        return m.getLoop().getDecision() == 1 ? "vote" : "max-neuron";
    }

    static String[] classNames(TrainedModel m) {
        String[] names = new String[m.getClasses()];
        boolean fashion = m.getDataset().equals("fashion-mnist") && names.length == FASHION.length;
        for (int k = 0; k < names.length; k++) {
            names[k] = fashion ? k + " " + FASHION[k] : Integer.toString(k);
        }
        return names;
    }

    private static String legend(TrainedModel m, String[] names) {
        if (!m.getDataset().equals("fashion-mnist")) {
            return "";
        }
        return " Classes: " + String.join(", ", names) + ".";
    }

    private static void png(Path dir, String name, BufferedImage img) throws IOException {
        AtomicFiles.write(dir.resolve(name), out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        });
    }

    private static ReportSummary summary(TrainedModel m, Stats st, String modelName, List<Figure> figures,
            List<String> notes, DeviceResults.Found dev, Map<String, Object> demo) {
        TrainSummary s = m.getSummary();
        Map<String, Integer> perClass = new LinkedHashMap<>();
        String[] names = classNames(m);
        for (int k = 0; k < m.getClasses(); k++) {
            perClass.put(names[k], st.neuronsPerClass[k]);
        }
        List<ReportSummary.Device> devs = new ArrayList<>();
        for (DeviceResults.Entry e : dev.entries()) {
            devs.add(new ReportSummary.Device(e.bits(), Double.isNaN(e.device()) ? null : e.device(),
                    Double.isNaN(e.trainer()) ? null : e.trainer(), e.source()));
        }
        List<String> files = new ArrayList<>();
        for (Figure f : figures) {
            files.add(f.file());
        }
        return new ReportSummary(modelName, m.getDataset(), m.getNeurons(), m.getImageRows(), m.getImageCols(),
                m.getClasses(), s.getTrainImages(), s.getEpochs(), s.getTestImages(), ruleName(m), st.testAccuracy,
                s.getTestAccuracyMaxNeuron(), s.getTestAccuracyVote(), perClass,
                new ReportSummary.Thresholds(st.inMv ? "mV" : "membrane units", st.thrMin, st.thrMean, st.thrMax),
                new ReportSummary.Weights(m.getLoop().getWeightMax(), st.weightMean, st.zeroWeightShare),
                snn.trainer.WeightStats.of(m).toMap(), fieldSizePerClass(m, names), devs, demo, files, notes,
                new ReportSummary.Config(m.getConfig().getSeed(), new TreeMap<>(m.getConfig().getValuesMap()),
                        new TreeMap<>(m.getConfig().getStringsMap())));
    }

    /** Figures derived from the model once, shared by the charts, the page and the JSON. */
    static final class Stats {
        double unitsPerMv = 1;
        boolean inMv;
        double thrMin;
        double thrMax;
        double thrMean;
        double weightMean;
        double zeroWeightShare;
        double testAccuracy;
        int[] neuronsPerClass;

        static Stats of(TrainedModel m) {
            Stats st = new Stats();
            Double epsp = m.getConfig().getValuesMap().get("epsp_mv");
            if (epsp != null && epsp > 0 && m.getLoop().getWeightMax() > 0) {
                // One input spike through weight_max lifts the membrane by epsp_mv; the membrane may
                // carry v_shift extra fractional bits.
                st.unitsPerMv = ((double) m.getLoop().getWeightMax() * (1L << m.getLoop().getVShift())) / epsp;
                st.inMv = true;
            }
            int n = m.getNeurons();
            st.thrMin = Double.MAX_VALUE;
            st.thrMax = -Double.MAX_VALUE;
            double sum = 0;
            for (int j = 0; j < n; j++) {
                double t = learnedThreshold(m, j) / st.unitsPerMv;
                st.thrMin = Math.min(st.thrMin, t);
                st.thrMax = Math.max(st.thrMax, t);
                sum += t;
            }
            st.thrMean = sum / n;
            double wmax = Math.max(1, m.getLoop().getWeightMax());
            double ws = 0;
            long zeros = 0;
            for (int k = 0; k < m.getWeightsCount(); k++) {
                int v = m.getWeights(k);
                ws += v / wmax;
                if (v == 0) {
                    zeros++;
                }
            }
            st.weightMean = ws / m.getWeightsCount();
            st.zeroWeightShare = zeros / (double) m.getWeightsCount();
            TrainSummary s = m.getSummary();
            st.testAccuracy = m.getLoop().getDecision() == 1 ? s.getTestAccuracyVote() : s.getTestAccuracyMaxNeuron();
            st.neuronsPerClass = new int[m.getClasses()];
            for (int j = 0; j < n; j++) {
                int c = m.getLabels(j);
                if (c < st.neuronsPerClass.length) {
                    st.neuronsPerClass[c]++;
                }
            }
            return st;
        }
    }

    /** The threshold as training left it: the learned one when the model records it, else the inference one. */
    static int learnedThreshold(TrainedModel m, int j) {
        return m.getLearnedThresholdsCount() == m.getNeurons() ? m.getLearnedThresholds(j) : m.getThresholds(j);
    }
}
