package snn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.model.AccuracyPoint;
import snn.protocol.model.LoopParams;
import snn.protocol.model.TrainConfig;
import snn.protocol.model.TrainSummary;
import snn.protocol.model.TrainedModel;
import snn.support.Json;

/** The report on a small synthetic model: which files, their image sizes, what the pixels and page say. */
public class ReportTest {
    static final int NEURONS = 6;
    static final int ROWS = 5;
    static final int COLS = 4;
    static final int CLASSES = 3;
    static final double EPSP_MV = 0.6;

    @TempDir
    Path tmp;

    /** The input pixel neuron j answers to: one bright weight in an otherwise dim field. */
    static int hotPixel(int j) {
        return (ROWS * COLS - 1) - 3 * j;
    }

    /**
     * 6 neurons on 5x4 images (not square, so a transposed reshape shows), 3 classes. Neuron j's
     * weights are 60000 at {@link #hotPixel(int)} and 1000 + 2000 i elsewhere; its threshold is
     * (13 + j) mV; its label is j % 3.
     */
    public static TrainedModel synthetic(boolean curve, boolean confusion) {
        TrainedModel.Builder m = TrainedModel.newBuilder().setFormatVersion(1).setDataset("synthetic")
                .setInputs(ROWS * COLS).setImageRows(ROWS).setImageCols(COLS).setNeurons(NEURONS).setClasses(CLASSES)
                .setLoop(LoopParams.newBuilder().setWeightMax(65535).setDecision(0))
                .setConfig(TrainConfig.newBuilder().setSeed(42).putValues("epsp_mv", EPSP_MV)
                        .putValues("threshold_exc_mv", 13).putStrings("norm", "l2"));
        for (int i = 0; i < ROWS * COLS; i++) {
            for (int j = 0; j < NEURONS; j++) {
                m.addWeights(i == hotPixel(j) ? 60000 : 1000 + 2000 * i);
            }
        }
        double unitsPerMv = 65535 / EPSP_MV;
        for (int j = 0; j < NEURONS; j++) {
            m.addThresholds((int) Math.round((13 + j) * unitsPerMv));
            m.addLabels(j % CLASSES);
        }
        TrainSummary.Builder s = TrainSummary.newBuilder().setTrainImages(300).setEpochs(1).setTestImages(30)
                .setTestAccuracyMaxNeuron(0.7).setTestAccuracyVote(0.8);
        if (confusion) {
            int[] c = {8, 1, 1, 2, 7, 1, 0, 4, 6};
            for (int v : c) {
                s.addConfusion(v);
            }
        }
        if (curve) {
            for (int k = 1; k <= 3; k++) {
                s.addCurve(AccuracyPoint.newBuilder().setImagesSeen(100 * k).setAccuracy(0.2 * k));
            }
        }
        return m.setSummary(s).build();
    }

    private static BufferedImage image(Path p) throws Exception {
        assertTrue(Files.isRegularFile(p), p + " missing");
        BufferedImage img = ImageIO.read(p.toFile());
        assertTrue(img != null, p + " does not decode as an image");
        return img;
    }

    @Test
    void writesEveryFigureAtItsSizeAndAPageThatLinksThem() throws Exception {
        Files.writeString(tmp.resolve("verify-8.json"),
                "{\"bits\": 8, \"device_accuracy\": 0.69, \"trainer_accuracy\": 0.7}");
        Report.Result r = Report.write(tmp, synthetic(true, true), "model.snn");

        // Receptive fields: 3x2 tiles (ceil(sqrt(6)) columns), each weight a 10x10 square (48/5 rounded up),
        // 2-pixel gaps around every tile.
        BufferedImage rf = image(tmp.resolve("receptive-fields.png"));
        assertEquals(3 * (COLS * 10 + 2) + 2, rf.getWidth());
        assertEquals(2 * (ROWS * 10 + 2) + 2, rf.getHeight());
        assertEquals(new java.awt.Dimension(720, 720), size(image(tmp.resolve("confusion.png"))));
        for (String f : List.of("thresholds.png", "weights.png", "accuracy.png", "device-accuracy.png")) {
            assertEquals(new java.awt.Dimension(800, 500), size(image(tmp.resolve(f))), f);
        }
        assertEquals(6, r.figures().size());

        String html = Files.readString(tmp.resolve("index.html"));
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int links = 0;
        while (img.find()) {
            assertFalse(img.group(1).contains("/"), "links must be relative to the run folder: " + img.group(1));
            assertTrue(Files.isRegularFile(tmp.resolve(img.group(1))), img.group(1));
            links++;
        }
        assertEquals(6, links);
        assertTrue(html.contains("epsp_mv") && html.contains("0.6") && html.contains("l2"), "settings shown");
        assertTrue(html.contains("70.00%") && html.contains("80.00%"), "accuracies shown");

        Map<String, Object> j = Json.parseObject(Files.readString(tmp.resolve("report.json")));
        assertEquals("synthetic", j.get("dataset"));
        assertEquals(0.7, (Double) j.get("test_accuracy"), 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> thr = (Map<String, Object>) j.get("thresholds");
        assertEquals("mV", thr.get("unit"));
        assertEquals(13.0, (Double) thr.get("min"), 1e-4);
        assertEquals(18.0, (Double) thr.get("max"), 1e-4);
        assertEquals(15.5, (Double) thr.get("mean"), 1e-4);
        @SuppressWarnings("unchecked")
        Map<String, Object> per = (Map<String, Object>) j.get("neurons_per_class");
        assertEquals(Map.of("0", 2.0, "1", 2.0, "2", 2.0), per);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> dev = (List<Map<String, Object>>) j.get("device");
        assertEquals(1, dev.size());
        assertEquals(8.0, dev.get(0).get("bits"));
        assertEquals(0.69, dev.get(0).get("device_accuracy"));
        try (var s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    /** Each tile is its neuron's weights reshaped row-major to rows x cols: the one bright pixel is white. */
    @Test
    void receptiveFieldTilesShowEachNeuronsWeightsInPlace() {
        TrainedModel m = synthetic(false, false);
        BufferedImage rf = ReceptiveFields.render(m);
        int s = 10;
        int gap = 2;
        for (int j = 0; j < NEURONS; j++) {
            int x0 = gap + (j % 3) * (COLS * s + gap);
            int y0 = gap + (j / 3) * (ROWS * s + gap);
            int hot = hotPixel(j);
            // Sample the centre of every weight square except the top-left corner, where the label sits.
            for (int i = 0; i < ROWS * COLS; i++) {
                int r = i / COLS;
                int c = i % COLS;
                if (r < 2 && c < 2) {
                    continue;
                }
                int grey = rf.getRGB(x0 + c * s + s / 2, y0 + r * s + s / 2) & 0xFF;
                if (i == hot) {
                    assertEquals(255, grey, "neuron " + j + " hot pixel " + i);
                } else {
                    // 1000 + 2000 i stretched between the neuron's own min (1000) and max (60000).
                    assertEquals(2000 * i * 255 / (60000 - 1000), grey, "neuron " + j + " pixel " + i);
                }
            }
        }
    }

    @Test
    void leavesOutFiguresWithoutDataAndSaysWhy() throws Exception {
        Report.Result r = Report.write(tmp, synthetic(false, false), null);
        for (String f : List.of("receptive-fields.png", "thresholds.png", "weights.png")) {
            image(tmp.resolve(f));
        }
        for (String f : List.of("confusion.png", "accuracy.png", "device-accuracy.png")) {
            assertFalse(Files.exists(tmp.resolve(f)), f);
        }
        assertEquals(3, r.figures().size());
        assertEquals(3, r.notes().size(), r.notes().toString());
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains("no verify-*.json"), "the page says why the device figure is missing");
    }

    @Test
    void deviceResultsAreReadTolerantly() throws Exception {
        // Nested, percentages, a string number, a later file completing an earlier one, junk files.
        Files.writeString(tmp.resolve("quantize-a.json"), "{\"profiles\": [{\"bits\": 4, \"trainer_accuracy\": 61.5},"
                + " {\"bits\": 8, \"trainer_accuracy\": 0.70}]}");
        Files.writeString(tmp.resolve("verify-4.json"), "{\"bits\": \"4\", \"device_accuracy\": 0.6}");
        Files.writeString(tmp.resolve("verify-broken.json"), "{\"bits\": 8, ");
        Files.writeString(tmp.resolve("verify-other.json"), "{\"ok\": true}");
        Files.writeString(tmp.resolve("notes.json"), "{\"bits\": 2, \"device_accuracy\": 0.1}");
        DeviceResults.Found f = DeviceResults.read(tmp);
        assertEquals(2, f.entries().size(), f.entries().toString());
        DeviceResults.Entry four = f.entries().get(0);
        assertEquals(4, four.bits());
        assertEquals(0.6, four.device(), 0);
        assertEquals(0.615, four.trainer(), 1e-12);
        DeviceResults.Entry eight = f.entries().get(1);
        assertEquals(8, eight.bits());
        assertTrue(Double.isNaN(eight.device()));
        assertEquals(0.70, eight.trainer(), 0);
        assertEquals(2, f.notes().size(), f.notes().toString());
    }

    @Test
    void refusesAModelWhoseArraysDoNotMatchItsShape() {
        TrainedModel bad = synthetic(false, false).toBuilder().addWeights(0).build();
        snn.support.SnnException e = org.junit.jupiter.api.Assertions.assertThrows(snn.support.SnnException.class,
                () -> Report.write(tmp, bad, "x"));
        assertEquals(2, e.exitCode());
        assertTrue(e.getMessage().contains("weights"), e.getMessage());
    }

    private static java.awt.Dimension size(BufferedImage img) {
        return new java.awt.Dimension(img.getWidth(), img.getHeight());
    }
}
