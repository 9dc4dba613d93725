package snn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.Json;

/** {@code snn sweep report} on results written by hand: known statistics, and every kind of figure. */
class SweepReportTest {
    @TempDir
    Path dir;

    private static final int N = 50;
    private final StringBuilder jsonl = new StringBuilder();
    private int next;

    /** Appends a row whose first {@code right} of N test images are right (labels all 0). */
    private void row(String norm, String wt, String neurons, boolean adaptive, long seed, int right) throws Exception {
        String id = String.format("%016x", next++);
        byte[] labels = new byte[N];
        byte[] pred = new byte[N];
        for (int k = right; k < N; k++) {
            pred[k] = 1;
        }
        Files.createDirectories(dir.resolve("predictions"));
        Files.write(dir.resolve("predictions/" + id + ".pred"), new Predictions(3, labels, pred, pred).encode());
        Map<String, Object> grid = new LinkedHashMap<>();
        grid.put("dataset", "mnist");
        grid.put("norm", norm);
        grid.put("target-norm", wt);
        grid.put("neurons", neurons);
        grid.put("no-adaptive-threshold", Boolean.toString(!adaptive));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", id);
        r.put("status", "ok");
        r.put("dataset", "mnist");
        r.put("norm", norm);
        r.put("target_norm", Double.parseDouble(wt));
        r.put("neurons", Double.parseDouble(neurons));
        r.put("adaptive_threshold", adaptive);
        r.put("seed", (double) seed);
        r.put("decision", "max-neuron");
        r.put("test_accuracy", right / (double) N);
        r.put("test_accuracy_max_neuron", right / (double) N);
        r.put("test_accuracy_vote", right / (double) N);
        r.put("train_seconds", Double.parseDouble(neurons) / 10);
        r.put("hoyer", seed / 10.0);
        r.put("predictions", "predictions/" + id + ".pred");
        r.put("grid", grid);
        r.put("key", id);
        jsonl.append(Json.compact(r)).append('\n');
    }

    @Test
    void statisticsAndFigures() throws Exception {
        int[] l1 = {40, 41, 42};
        int[] l2 = {42, 43, 45};
        for (int s = 0; s < 3; s++) {
            row("l1", "78", "100", true, s + 1, l1[s]);
            row("l2", "78", "100", true, s + 1, l2[s]);
            for (String wt : new String[] {"5", "7"}) {
                row("l2", wt, "100", true, s + 1, 38 + s);
            }
            row("l2", "78", "200", true, s + 1, 44);
            row("none", "78", "100", true, s + 1, 30 + s);
            row("l2", "78", "100", false, s + 1, 35);
            row("none", "78", "100", false, s + 1, 20);
        }
        row("l2", "9", "100", true, 1, 41); // a configuration with a single seed: no CI, no paired test
        Files.writeString(dir.resolve("results.jsonl"), jsonl);
        ByteArrayCapture cap = new ByteArrayCapture();
        int code = cap.run(() -> snn.cli.Main.commandLine().execute("sweep", "report", dir.toString(), "--json"));
        assertEquals(0, code, cap.text());
        Map<String, Object> s = Json.parseObject(Files.readString(dir.resolve("report/summary.json")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cmp = (List<Map<String, Object>>) s.get("comparisons");
        Map<String, Object> l1l2 = cmp.stream().filter(c -> "l1".equals(c.get("a")) && "l2".equals(c.get("b"))
                && ((String) c.get("group")).contains("target-norm=78") && ((String) c.get("group")).contains("neurons=100")
                && !((String) c.get("group")).contains("no-adaptive-threshold=true")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) l1l2.get("paired_t");
        // differences 2, 2, 3 images of 50: mean 7/150, sd = sqrt(1/3)/50
        double sd = Math.sqrt(1.0 / 3) / 50;
        double tt = (7.0 / 150) / (sd / Math.sqrt(3));
        assertEquals(7.0 / 150, (Double) t.get("mean_difference"), 1e-12);
        assertEquals(tt, (Double) t.get("t"), 1e-9);
        assertEquals(1 - tt / Math.sqrt(2 + tt * tt), (Double) t.get("p"), 1e-9);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) l1l2.get("mcnemar");
        assertEquals(0.0, m.get("only_a_right"));
        assertEquals(7.0, m.get("only_b_right"));
        assertEquals(2.0 / 128, (Double) m.get("p_exact"), 1e-12); // 2 * (1/2)^7
        // per class, pooled over the 3 seeds: 150 images of class 0, 123 right under l1 and 130 under l2,
        // the rest answered as class 1
        @SuppressWarnings("unchecked")
        Map<String, List<Double>> pc = (Map<String, List<Double>>) l1l2.get("per_class");
        assertEquals(List.of(150.0, 0.0, 0.0), pc.get("images"));
        assertEquals(List.of(123.0, 0.0, 0.0), pc.get("right_a"));
        assertEquals(List.of(130.0, 0.0, 0.0), pc.get("right_b"));
        assertEquals(List.of(123.0, 27.0, 0.0, 0.0), pc.get("answered_a"));
        assertEquals(List.of(130.0, 20.0, 0.0, 0.0), pc.get("answered_b"));
        String md = Files.readString(dir.resolve("report/summary.md"));
        assertTrue(md.contains("| 0 | 100.00% | 82.00% | 86.67% | 82.00% | 86.67% |"), md);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> configs = (List<Map<String, Object>>) s.get("configurations");
        // hoyer recorded as seed / 10 on every row: mean 0.2, t-interval half-width t(0.975, 2) * 0.1 / sqrt(3)
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> ws = (Map<String, Map<String, Object>>) configs.get(0).get("weight_stats");
        assertEquals(0.2, (Double) ws.get("hoyer").get("mean"), 1e-12);
        @SuppressWarnings("unchecked")
        List<Double> hci = (List<Double>) ws.get("hoyer").get("ci95");
        assertEquals(0.2 - 4.302652729749464 * 0.1 / Math.sqrt(3), hci.get(0), 1e-9);
        assertTrue(md.contains("## Receptive fields"), md);
        Map<String, Object> lone = configs.stream().filter(c -> ((String) c.get("label")).contains("target-norm=9"))
                .findFirst().orElseThrow();
        assertEquals(java.util.Arrays.asList(null, null), lone.get("accuracy_ci95"));
        Map<String, Object> c1 = configs.get(0);
        assertEquals(41.0 / 50, (Double) c1.get("accuracy_mean"), 1e-12);
        @SuppressWarnings("unchecked")
        List<Double> ci = (List<Double>) c1.get("accuracy_ci95");
        double half = Math.sqrt(0.9025 * 2 / 0.0975) * (1.0 / 50) / Math.sqrt(3);
        assertEquals(41.0 / 50 - half, ci.get(0), 1e-9);
        @SuppressWarnings("unchecked")
        List<String> figs = (List<String>) s.get("figures");
        assertTrue(figs.stream().anyMatch(f -> f.startsWith("accuracy-vs-wt")), figs.toString());
        assertTrue(figs.stream().anyMatch(f -> f.startsWith("accuracy-vs-neurons")), figs.toString());
        assertTrue(figs.contains("ablations.png"), figs.toString());
        for (String f : figs) {
            BufferedImage img = ImageIO.read(dir.resolve("report").resolve(f).toFile());
            assertEquals(SweepCharts.W, img.getWidth(), f);
            assertEquals(SweepCharts.H, img.getHeight(), f);
        }
        assertTrue(Files.readString(dir.resolve("report/summary.md")).contains("![ablations.png](ablations.png)"));
    }

    @Test
    void runsOfOtherTrainerDefaultsWithTheSameSweptValuesStayApart() {
        Map<String, Map<String, String>> grids = new LinkedHashMap<>();
        grids.put("{\"inhibition_mv\":14.0,\"norm\":\"l2\"}", new LinkedHashMap<>(Map.of("norm", "l2")));
        grids.put("{\"inhibition_mv\":60.0,\"norm\":\"l2\"}", new LinkedHashMap<>(Map.of("norm", "l2")));
        grids.put("{\"inhibition_mv\":14.0,\"norm\":\"l1\"}", new LinkedHashMap<>(Map.of("norm", "l1")));
        Analysis.distinguish(grids);
        List<Map<String, String>> g = List.copyOf(grids.values());
        assertEquals(Map.of("norm", "l2", "inhibition_mv", "14.0"), g.get(0));
        assertEquals(Map.of("norm", "l2", "inhibition_mv", "60.0"), g.get(1));
        assertEquals(Map.of("norm", "l1"), g.get(2));
    }

    /** Runs a command with stdout captured. */
    static final class ByteArrayCapture {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        int run(java.util.function.IntSupplier body) {
            java.io.PrintStream old = System.out;
            System.setOut(new java.io.PrintStream(bytes, true));
            try {
                return body.getAsInt();
            } finally {
                System.setOut(old);
            }
        }

        String text() {
            return bytes.toString();
        }
    }
}
