package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.data.IdxWriter;
import snn.protocol.model.TrainedModel;
import snn.support.Json;

/** {@code snn train} end to end: a folder dataset written here, real MNIST for the smoke floor, bad input. */
class TrainCommandTest {
    @TempDir
    Path tmp;

    private String out;
    private String err;

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        java.io.PrintStream oldOut = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true));
        try {
            int code = cl.execute(args);
            out = captured + o.toString();
            err = e.toString();
            return code;
        } finally {
            System.setOut(oldOut);
        }
    }

    /** 9x9 images of three classes (a horizontal, a vertical and a diagonal stroke) with noise. */
    private Path strokes(int train, int test) throws Exception {
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

    @Test
    void trainsAFolderDatasetAndWritesAModelAndOneJsonObject() throws Exception {
        Path data = strokes(700, 300);
        Path model = tmp.resolve("run/model.snn");
        int code = run("train", "--dataset", data.toString(), "--neurons", "9", "--train-images", "600",
                "--label-images", "300", "--target-norm", "3", "--out", model.toString(), "--json", "-q");
        assertEquals(0, code, err);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals("strokes", j.get("dataset"));
        assertEquals(9.0, j.get("neurons"));
        assertEquals("l2", j.get("norm"));
        assertEquals(600.0, j.get("train_images"));
        for (String key : new String[] {"target_norm", "seed", "test_accuracy", "test_accuracy_max_neuron",
                "test_accuracy_vote", "train_seconds", "images_per_second", "model"}) {
            assertTrue(j.containsKey(key), "JSON lacks " + key + ": " + out);
        }
        assertTrue((Double) j.get("test_accuracy") >= 0.9, "accuracy on strokes " + j.get("test_accuracy"));
        TrainedModel m = TrainedModel.parseFrom(Files.readAllBytes(model));
        assertEquals(81, m.getInputs());
        assertEquals(9, m.getImageRows());
        assertEquals(3, m.getClasses());
        assertEquals(81 * 9, m.getWeightsCount());
        assertEquals(j.get("test_accuracy"), m.getSummary().getTestAccuracyMaxNeuron());
        // The report goes beside the model unless --no-report.
        assertEquals(model.resolveSibling("index.html").toString(), j.get("report"));
        assertTrue(Files.isRegularFile(model.resolveSibling("receptive-fields.png")));
        Path bare = tmp.resolve("bare/model.snn");
        assertEquals(0, run("train", "--dataset", data.toString(), "--neurons", "9", "--train-images", "60",
                "--label-images", "30", "--test-images", "30", "--out", bare.toString(), "--no-report", "-q"), err);
        try (var files = Files.list(bare.getParent())) {
            assertEquals(List.of(bare), files.toList());
        }
    }

    @Test
    void badOptionsExitTwoWithOneLineAndWriteNothing() throws Exception {
        Path data = strokes(50, 20);
        Path model = tmp.resolve("bad/model.snn");
        assertEquals(2, run("train", "--dataset", data.toString(), "--norm", "l3", "--out", model.toString()));
        assertTrue(err.contains("--norm l3"), err);
        assertFalse(err.contains("Exception"), err);
        assertEquals(2, run("train", "--dataset", data.toString(), "--train-images", "51", "--out", model.toString()));
        assertTrue(err.contains("51") && err.contains("50"), err);
        assertFalse(Files.exists(model));
    }

    /** A few thousand real MNIST images must already learn: a broken rule fails here. */
    @Test
    void realMnistSmokeRunReachesItsFloor() {
        Path model = tmp.resolve("mnist.snn");
        int code = run("train", "--dataset", "mnist", "--train-images", "3000", "--label-images", "1000",
                "--test-images", "1000", "--out", model.toString(), "--json", "-q");
        assertEquals(0, code, err);
        Map<String, Object> j = Json.parseObject(out);
        double maxNeuron = (Double) j.get("test_accuracy_max_neuron");
        double vote = (Double) j.get("test_accuracy_vote");
        assertTrue(maxNeuron >= SMOKE_FLOOR, "max-neuron accuracy " + maxNeuron + " below the smoke floor " + SMOKE_FLOOR);
        assertTrue(vote >= SMOKE_FLOOR, "vote accuracy " + vote + " below the smoke floor " + SMOKE_FLOOR);
    }

    /** The floor of the real-MNIST smoke run (3,000 training images, 1,000 test images, default parameters). */
    static final double SMOKE_FLOOR = 0.60;

    /** Bad outputs are refused before the data is read or a neuron trained, naming the user's path. */
    @Test
    void unwritableOutputsAreRefusedBeforeTraining() throws Exception {
        Path data = strokes(60, 30);
        Path dir = Files.createDirectories(tmp.resolve("a-dir"));
        Files.writeString(dir.resolve("keep.txt"), "x");
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        // an unwritable parent: chmod for an ordinary user; sysfs refuses even root
        Path locked = Files.createDirectories(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean root = "root".equals(System.getProperty("user.name"));
        Path unwritable = root ? Path.of("/sys/snn-test/model.snn") : locked.resolve("model.snn");
        String[][] cases = {
            {dir.toString(), "--out " + dir + ": is a directory; give a file name"},
            {file.resolve("model.snn").toString(), "--out " + file.resolve("model.snn") + ": " + file + " is a file, not a directory"},
            {file.resolve("deeper/model.snn").toString(), "--out " + file.resolve("deeper/model.snn") + ": " + file + " is a file, not a directory"},
            {unwritable.toString(), "--out " + unwritable + ": cannot "},
        };
        for (String[] c : cases) {
            java.io.PrintStream oldErr = System.err;
            java.io.ByteArrayOutputStream progress = new java.io.ByteArrayOutputStream();
            System.setErr(new java.io.PrintStream(progress, true));
            int code;
            try {
                code = run("train", "--dataset", data.toString(), "--neurons", "4", "--train-images", "60",
                        "--label-images", "30", "--out", c[0]);
            } finally {
                System.setErr(oldErr);
            }
            assertEquals(2, code, err);
            assertTrue(err.startsWith("snn train: " + c[1]), err);
            assertFalse(err.contains(".tmp"), "names a temp file: " + err);
            assertEquals("", progress.toString(), "started work before checking --out");
        }
        assertTrue(Files.exists(dir.resolve("keep.txt")));
        assertEquals(List.of(dir.resolve("keep.txt")), Files.list(dir).toList());
        // the same check guards every command's output file
        Path img = Files.write(tmp.resolve("x.img"), new byte[8]);
        assertEquals(2, run("export", img.toString(), "--c-header", dir.toString()));
        assertTrue(err.contains("--c-header " + dir + ": is a directory"), err);
    }
}
