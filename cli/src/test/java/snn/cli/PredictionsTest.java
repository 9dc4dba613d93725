package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.cli.json.PredictionLine;
import snn.cli.testing.CommandTest;
import snn.cli.testing.Strokes;
import snn.sim.board.BoardServer;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.board.TcpBoard;
import snn.support.Json;

/**
 * {@code --predictions} of train, verify and device eval on the strokes dataset: one line per test image
 * in index order, whose answers count to exactly the accuracy (and mismatches) the command printed.
 */
class PredictionsTest extends CommandTest {
    private static final int TEST_IMAGES = 40;

    @TempDir
    Path tmp;

    /** A small trained model on strokes (120 training, 40 test images), its --predictions and --json. */
    private Map<String, Object> train(Path data, Path model, Path predictions) {
        assertEquals(0, run("train", "--dataset", data.toString(), "--neurons", "6", "--train-images", "120",
                "--label-images", "60", "--out", model.toString(), "--no-report", "--predictions", predictions.toString(),
                "--json", "-q"), err);
        return Json.parseObject(out);
    }

    @Test
    void trainWritesTheTestPassImageByImage() throws Exception {
        Path data = Strokes.write(tmp, 120, TEST_IMAGES);
        Path file = tmp.resolve("out/train.jsonl");
        Map<String, Object> j = train(data, tmp.resolve("run/model.snn"), file);
        List<PredictionLine> lines = read(file, TEST_IMAGES, 0);
        assertEquals((double) TEST_IMAGES, j.get("test_images"));
        assertEquals(j.get("test_accuracy_max_neuron"), correct(lines, "max_neuron") / (double) TEST_IMAGES);
        assertEquals(j.get("test_accuracy_vote"), correct(lines, "vote") / (double) TEST_IMAGES);
        assertEquals(j.get("test_accuracy"), correct(lines, "predicted") / (double) TEST_IMAGES);
        for (PredictionLine l : lines) {
            assertEquals(l.maxNeuron(), l.predicted(), "the default rule is max-neuron");
            assertTrue(l.presentations() >= 1 && l.spikes() >= l.winnerSpikes(), l.toString());
            assertTrue(l.trainer() == null && l.emulator() == null && l.match() == null, l.toString());
        }

        // checked before the training: a directory is refused, exit 2, and no model is written
        Path dir = Files.createDirectories(tmp.resolve("adir"));
        Path other = tmp.resolve("other/model.snn");
        assertEquals(2, run("train", "--dataset", data.toString(), "--neurons", "6", "--out", other.toString(),
                "--predictions", dir.toString(), "-q"));
        assertTrue(err.contains("--predictions " + dir + ": is a directory"), err);
        assertFalse(Files.exists(other));
    }

    @Test
    void verifyPutsTheEmulatorNextToTheTrainedModel() throws Exception {
        Path data = Strokes.write(tmp, 120, TEST_IMAGES);
        Path model = tmp.resolve("run/model.snn");
        train(data, model, tmp.resolve("train.jsonl"));
        Path img = quantize(model);
        Path file = tmp.resolve("verify.jsonl");
        assertEquals(0, run("verify", img.toString(), "--dataset", data.toString(), "--threads", "2",
                "--predictions", file.toString(), "--json", "-q"), err);
        Map<String, Object> j = Json.parseObject(out);
        List<PredictionLine> lines = read(file, TEST_IMAGES, 0);
        assertEquals(j.get("device_accuracy"), correct(lines, "predicted") / (double) TEST_IMAGES);
        assertEquals(j.get("trainer_accuracy"), correct(lines, "trainer") / (double) TEST_IMAGES);
        int mismatches = 0;
        for (PredictionLine l : lines) {
            assertEquals(l.predicted() == l.trainer(), l.match(), l.toString());
            mismatches += l.match() ? 0 : 1;
        }
        assertEquals(j.get("mismatches"), (double) mismatches);

        // the path is checked before the work: a directory is refused, exit 2, and nothing is written
        Path dir = Files.createDirectories(tmp.resolve("adir"));
        assertEquals(2, run("verify", img.toString(), "--dataset", data.toString(), "--predictions", dir.toString()));
        assertTrue(err.contains("--predictions " + dir + ": is a directory"), err);
        assertFalse(out.contains("device accuracy"), out);
    }

    @Test
    void deviceEvalPutsTheBoardNextToTheEmulator() throws Exception {
        Path data = Strokes.write(tmp, 120, TEST_IMAGES);
        Path model = tmp.resolve("run/model.snn");
        train(data, model, tmp.resolve("train.jsonl"));
        Path img = quantize(model);
        var profile = snn.deploy.profile.Profiles.board(snn.deploy.profile.Profiles.builtIn()
                .get(snn.deploy.profile.Profiles.DEFAULT_BOARD));
        BoardServer server = new BoardServer(snn.sim.emulator.Firmware.memoryBoard(profile),
                new FaultInjector(FaultSpec.NONE, new Random(0)), 0, null);
        try (TcpBoard board = new TcpBoard(0, server, null)) {
            board.start();
            String port = "tcp://127.0.0.1:" + board.port();
            assertEquals(0, run("deploy", img.toString(), "--port", port, "-q"), err);
            Path file = tmp.resolve("eval.jsonl");
            int first = 5;
            int limit = TEST_IMAGES - first;
            assertEquals(0, run("device", "eval", "--port", port, "--image", img.toString(), "--dataset", data.toString(),
                    "--first", String.valueOf(first), "--limit", String.valueOf(limit), "--predictions", file.toString(),
                    "--json", "-q"), err);
            Map<String, Object> j = Json.parseObject(out);
            List<PredictionLine> lines = read(file, limit, first);
            assertEquals(j.get("device_accuracy"), correct(lines, "predicted") / (double) limit);
            for (PredictionLine l : lines) {
                assertEquals(l.emulator(), l.predicted(), l.toString());
                assertEquals(true, l.match(), l.toString());
            }
            assertEquals(0.0, j.get("mismatches"));
        }
    }

    private Path quantize(Path model) {
        Path img = tmp.resolve("run/m.img");
        assertEquals(0, run("quantize", model.toString(), "--bits", "8", "--profile", "mps2-an385", "--out", img.toString(), "-q"), err);
        return img;
    }

    /** The file's lines: exactly {@code count}, image {@code first + k} on line k. */
    private static List<PredictionLine> read(Path file, int count, int first) throws Exception {
        List<String> text = Files.readAllLines(file);
        assertEquals(count, text.size(), "one line per test image");
        List<PredictionLine> lines = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            PredictionLine l = Json.read(text.get(k), PredictionLine.class);
            assertEquals(first + k, l.index(), "index order");
            lines.add(l);
        }
        return lines;
    }

    /** How many lines have {@code field} equal to the true label. */
    private static int correct(List<PredictionLine> lines, String field) {
        int n = 0;
        for (PredictionLine l : lines) {
            Integer answer = switch (field) {
                case "predicted" -> l.predicted();
                case "max_neuron" -> l.maxNeuron();
                case "vote" -> l.vote();
                case "trainer" -> l.trainer();
                default -> throw new IllegalArgumentException(field);
            };
            n += answer != null && answer == l.label() ? 1 : 0;
        }
        return n;
    }
}
