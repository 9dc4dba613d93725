package snn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.cli.Main;
import snn.data.IdxWriter;
import snn.support.Json;

/**
 * {@code snn sweep} end to end on Spark local[2], on a small synthetic dataset written here as IDX
 * files: the rows of a 2-norm x 2-seed grid, resume, a failing point, and the report.
 */
class SweepCommandTest {
    @TempDir
    Path tmp;

    private Path data;
    private String out;
    private String err;

    private static final String[] TINY = {"--neurons", "20", "--train-images", "300", "--label-images", "100",
            "--test-images", "120", "--master", "local[2]", "-q"};

    @BeforeEach
    void dataset() throws Exception {
        data = strokes(tmp, 400, 150);
    }

    private int run(String... args) {
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(e, true));
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(args);
            out = captured.toString(StandardCharsets.UTF_8);
            err = e.toString();
            return code;
        } finally {
            System.setOut(old);
        }
    }

    private int sweep(Path dir, String... extra) {
        List<String> a = new ArrayList<>(List.of("sweep", "--dataset", data.toString(), "--dir", dir.toString(), "--json"));
        a.addAll(List.of(extra));
        for (int k = 0; k < TINY.length; k++) {
            boolean valued = k + 1 < TINY.length && !TINY[k + 1].startsWith("-");
            if (!a.contains(TINY[k])) {
                a.add(TINY[k]);
                if (valued) {
                    a.add(TINY[k + 1]);
                }
            }
            if (valued) {
                k++;
            }
        }
        return run(a.toArray(new String[0]));
    }

    private static List<Map<String, Object>> rows(Path dir) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("results.jsonl"))) {
            rows.add(Json.parseObject(line));
        }
        return rows;
    }

    @Test
    void tinyGridGivesOneRowPerPointAndResumes() throws Exception {
        Path dir = tmp.resolve("grid");
        assertEquals(0, sweep(dir, "--norm", "l1,l2", "--seeds", "2"), err + out);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals(4.0, j.get("points"));
        assertEquals(4.0, j.get("ok"));
        assertEquals(0.0, j.get("skipped"));
        List<Map<String, Object>> rows = rows(dir);
        assertEquals(4, rows.size());
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> r : rows) {
            assertEquals("ok", r.get("status"), r.toString());
            assertEquals("strokes", Path.of((String) r.get("dataset")).getFileName().toString());
            assertEquals(20.0, r.get("neurons"));
            assertEquals(120.0, r.get("test_images"));
            double acc = (Double) r.get("test_accuracy");
            assertTrue(acc >= 0 && acc <= 1, "accuracy " + acc);
            seen.add(r.get("norm") + "/" + r.get("seed"));
            Predictions p = Predictions.read(dir.resolve((String) r.get("predictions")));
            assertEquals(120, p.count());
            int right = 0;
            for (boolean b : p.correct("max-neuron")) {
                right += b ? 1 : 0;
            }
            assertEquals(acc, right / 120.0, 1e-12, "the prediction file and the row agree");
        }
        assertEquals(Set.of("l1/1.0", "l1/2.0", "l2/1.0", "l2/2.0"), seen);
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(5, csv.size());
        assertTrue(csv.get(0).startsWith("id,status,dataset,norm,target_norm,neurons"), csv.get(0));

        // A point is exactly `snn train` with the same arguments.
        Map<String, Object> l2seed2 = rows.stream().filter(r -> "l2".equals(r.get("norm")) && 2.0 == (Double) r.get("seed"))
                .findFirst().orElseThrow();
        assertEquals(0, run("train", "--dataset", data.toString(), "--norm", "l2", "--seed", "2", "--neurons", "20",
                "--train-images", "300", "--label-images", "100", "--test-images", "120", "--no-report", "--json", "-q",
                "--out", tmp.resolve("one/model.snn").toString()), err);
        Map<String, Object> train = Json.parseObject(out);
        assertEquals(train.get("test_accuracy_max_neuron"), l2seed2.get("test_accuracy_max_neuron"));
        assertEquals(train.get("test_accuracy_vote"), l2seed2.get("test_accuracy_vote"));

        // Resume: a third seed runs only its two new points; the same grid again runs nothing.
        assertEquals(0, sweep(dir, "--norm", "l1,l2", "--seeds", "3"), err + out);
        j = Json.parseObject(out);
        assertEquals(6.0, j.get("points"));
        assertEquals(4.0, j.get("skipped"));
        assertEquals(2.0, j.get("ran"));
        assertEquals(6, rows(dir).size());
        assertEquals(0, sweep(dir, "--norm", "l1,l2", "--seeds", "3"), err + out);
        assertEquals(0.0, Json.parseObject(out).get("ran"));
        assertEquals(7, Files.readAllLines(dir.resolve("results.csv")).size());

        // A torn last line (an interrupted append) is dropped on open, and its point runs again.
        String jsonl = Files.readString(dir.resolve("results.jsonl"));
        String cut = jsonl.substring(0, jsonl.length() - 1);
        Files.writeString(dir.resolve("results.jsonl"), cut.substring(0, cut.lastIndexOf('\n') + 1) + "{\"id\":\"trunc");
        assertEquals(0, sweep(dir, "--norm", "l1,l2", "--seeds", "3"), err + out);
        assertEquals(1.0, Json.parseObject(out).get("ran"));
        assertEquals(6, rows(dir).size());

        // The report of this directory: L1 against L2 on seeds 1..3, McNemar counted from the files.
        assertEquals(0, run("sweep", "report", dir.toString(), "--json"), err);
        Map<String, Object> rep = Json.parseObject(Files.readString(dir.resolve("report/summary.json")));
        List<?> cmp = (List<?>) rep.get("comparisons");
        assertEquals(1, cmp.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) cmp.get(0);
        assertEquals("l1", c.get("a"));
        assertEquals("l2", c.get("b"));
        assertEquals(List.of(1.0, 2.0, 3.0), c.get("seeds"));
        long[] bc = countDiscordant(dir, rows(dir));
        @SuppressWarnings("unchecked")
        Map<String, Object> mc = (Map<String, Object>) c.get("mcnemar");
        assertEquals((double) bc[0], mc.get("only_a_right"));
        assertEquals((double) bc[1], mc.get("only_b_right"));
        assertEquals(360.0, mc.get("images"));
        assertTrue(Files.readString(dir.resolve("report/summary.md")).contains("| l1 | l2 | 3 |"));
    }

    /** b and c summed over seeds, counted straight from the prediction files. */
    private static long[] countDiscordant(Path dir, List<Map<String, Object>> rows) throws Exception {
        long b = 0;
        long c = 0;
        for (Map<String, Object> r1 : rows) {
            if (!"l1".equals(r1.get("norm"))) {
                continue;
            }
            Map<String, Object> r2 = rows.stream().filter(r -> "l2".equals(r.get("norm")) && r.get("seed").equals(r1.get("seed")))
                    .findFirst().orElseThrow();
            byte[] f1 = Files.readAllBytes(dir.resolve((String) r1.get("predictions")));
            byte[] f2 = Files.readAllBytes(dir.resolve((String) r2.get("predictions")));
            int n = 120;
            for (int k = 0; k < n; k++) {
                boolean ok1 = f1[12 + n + k] == f1[12 + k];
                boolean ok2 = f2[12 + n + k] == f2[12 + k];
                b += ok1 && !ok2 ? 1 : 0;
                c += !ok1 && ok2 ? 1 : 0;
            }
        }
        return new long[] {b, c};
    }

    @Test
    void aFailingPointIsRecordedAndTheOthersStillRun() throws Exception {
        Path dir = tmp.resolve("fail");
        assertEquals(1, sweep(dir, "--train-images", "300,100000"), err + out);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals(1.0, j.get("ok"));
        assertEquals(1.0, j.get("failed"));
        List<Map<String, Object>> rows = rows(dir);
        assertEquals(2, rows.size());
        Map<String, Object> bad = rows.stream().filter(r -> "failed".equals(r.get("status"))).findFirst().orElseThrow();
        assertEquals(100000.0, bad.get("train_images"));
        assertNotNull(bad.get("error"));
        assertTrue(((String) bad.get("error")).contains("100000"), (String) bad.get("error"));
        assertTrue(Files.readString(dir.resolve("results.csv")).contains(",failed,"));
        // a rerun tries the failed point again (it is not done) and skips the good one
        assertEquals(1, sweep(dir, "--train-images", "300,100000"), err + out);
        assertEquals(1.0, Json.parseObject(out).get("skipped"));
    }

    @Test
    void badGridValuesExitTwoBeforeSparkStarts() {
        Path dir = tmp.resolve("bad");
        assertEquals(2, sweep(dir, "--norm", "l1,l3"));
        assertTrue(err.contains("l3"), err);
        assertEquals(2, sweep(dir, "--target-norm", "1..x"));
        assertEquals(0, sweep(dir, "--norm", "l1,l2", "--target-norm", "2..4", "--seeds", "2", "--dry-run"), err);
        assertEquals(12, ((List<?>) Json.parseObject(out).get("points")).size());
        assertTrue(!Files.exists(dir), "validation and --dry-run write nothing");
        // a directory another sweep holds is refused
        Path busy = tmp.resolve("busy");
        try (var ch = java.nio.channels.FileChannel.open(java.nio.file.Files.createDirectories(busy).resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var lock = ch.lock()) {
            assertEquals(2, sweep(busy, "--norm", "l1"));
            assertTrue(err.contains("in use"), err);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            throw new AssertionError(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** 9x9 images of three classes (a horizontal, a vertical and a diagonal stroke) with noise. */
    static Path strokes(Path tmp, int train, int test) throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        Path dir = Files.createDirectories(tmp.resolve("strokes"));
        int side = 9;
        for (String split : new String[] {"train", "t10k"}) {
            int count = split.equals("train") ? train : test;
            byte[] px = new byte[count * side * side];
            byte[] lb = new byte[count];
            for (int k = 0; k < count; k++) {
                int c = rnd.nextInt(3);
                lb[k] = (byte) c;
                int shift = rnd.nextInt(3) - 1;
                for (int r = 0; r < side; r++) {
                    for (int q = 0; q < side; q++) {
                        boolean on = c == 0 ? Math.abs(r - 4 - shift) <= 1 : c == 1 ? Math.abs(q - 4 - shift) <= 1
                                : Math.abs(r - q - shift) <= 1;
                        px[k * side * side + r * side + q] = (byte) (on ? 200 + rnd.nextInt(56) : rnd.nextInt(8) == 0 ? 60 : 0);
                    }
                }
            }
            IdxWriter.write(dir.resolve(split + "-images-idx3-ubyte"), IdxWriter.images(count, side, side, px), false);
            IdxWriter.write(dir.resolve(split + "-labels-idx1-ubyte"), IdxWriter.labels(lb), false);
        }
        return dir;
    }
}
