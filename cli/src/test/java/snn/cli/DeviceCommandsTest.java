package snn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.cli.testing.CommandTest;
import snn.data.IdxRole;
import snn.data.IdxWriter;
import snn.protocol.image.ImageParser;
import snn.protocol.model.LoopParams;
import snn.protocol.model.TrainedModel;
import snn.support.Json;

/** quantize, verify and golden end to end through picocli, on a 6x6 toy dataset and model. */
class DeviceCommandsTest extends CommandTest {
    @TempDir
    Path tmp;

    private Path toyModel() throws Exception {
        return toyModel(4, 12, "toy", "toy.snn");
    }

    private Path toyModel(int seed, int n, String dataset, String file) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        int inputs = 36;
        TrainedModel.Builder b = TrainedModel.newBuilder().setFormatVersion(1).setDataset(dataset).setInputs(inputs)
                .setImageRows(6).setImageCols(6).setNeurons(n).setClasses(3);
        for (int k = 0; k < inputs * n; k++) {
            b.addWeights(r.nextInt(65536));
        }
        for (int j = 0; j < n; j++) {
            b.addThresholds(6 * 65535 + r.nextInt(65535));
            b.addLabels(j % 3);
        }
        LoopParams.Builder p = LoopParams.newBuilder().setSteps(40).setWeightMax(65535).setLeakExcQ16(2000)
                .setLeakInhQ16(6000).setRefractoryExc(3).setRefractoryInh(1).setVFloor(-200000).setWInhToExc(300000)
                .setWExcToInh(5000).setThresholdInh(1000).setIntensity(1).setIntensityMax(3).setMinSpikes(2);
        for (int q = 0; q < 256; q++) {
            p.addRateQ16(q * 40);
        }
        Path f = tmp.resolve(file);
        Files.write(f, b.setLoop(p).build().toByteArray());
        return f;
    }

    private Path toyDataset() throws Exception {
        SplittableRandom r = new SplittableRandom(5);
        Path dir = Files.createDirectories(tmp.resolve("toyset"));
        byte[] train = new byte[4 * 36];
        byte[] test = new byte[50 * 36];
        r.nextBytes(train);
        r.nextBytes(test);
        byte[] testLabels = new byte[50];
        for (int k = 0; k < 50; k++) {
            testLabels[k] = (byte) r.nextInt(3);
        }
        IdxWriter.write(dir.resolve(IdxRole.TRAIN_IMAGES.canonicalName()), IdxWriter.images(4, 6, 6, train), false);
        IdxWriter.write(dir.resolve(IdxRole.TRAIN_LABELS.canonicalName()), IdxWriter.labels(new byte[] {0, 1, 2, 0}), false);
        IdxWriter.write(dir.resolve(IdxRole.TEST_IMAGES.canonicalName()), IdxWriter.images(50, 6, 6, test), false);
        IdxWriter.write(dir.resolve(IdxRole.TEST_LABELS.canonicalName()), IdxWriter.labels(testLabels), false);
        return dir;
    }

    @Test
    void quantizeWritesAnImageItsSidecarAndTheAccounting() throws Exception {
        Path model = toyModel();
        Path img = tmp.resolve("out/m.img");
        assertEquals(0, run("quantize", model.toString(), "--bits", "4", "--profile", "lm3s6965", "--out", img.toString(),
                "--json"), err);
        Map<String, Object> j = Json.parseObject(out);
        byte[] bytes = Files.readAllBytes(img);
        assertEquals((double) bytes.length, j.get("image_bytes"));
        assertEquals((double) (36 * 1024 + bytes.length), j.get("flash_bytes"));
        assertEquals(true, j.get("fits"));
        assertEquals("lm3s6965", j.get("profile"));
        assertEquals(4.0, j.get("bits"));
        assertEquals(4, ImageParser.parse(bytes, "m.img").weightBits);
        Map<String, Object> side = Json.parseObject(Files.readString(tmp.resolve("out/m.img.json")));
        assertEquals(model.toAbsolutePath().normalize().toString(), side.get("model"));
        assertEquals(j.get("sha256"), side.get("image_sha256"));
    }

    @Test
    void aModelThatDoesNotFitIsRefusedAndNothingIsWritten() throws Exception {
        Path model = toyModel();
        Path prof = tmp.resolve("tiny.properties");
        Files.writeString(prof, "name=tiny\nflash_bytes=37500\nram_kib=64\nclock_hz=1000000\n");
        Path img = tmp.resolve("no.img");
        assertEquals(1, run("quantize", model.toString(), "--bits", "8", "--profile-file", prof.toString(),
                "--out", img.toString()));
        assertTrue(err.contains("do not fit tiny") && err.contains("available 37500") && err.contains("nothing written"), err);
        assertFalse(Files.exists(img));
        assertFalse(Files.exists(tmp.resolve("no.img.json")));
        assertEquals(2, run("quantize", model.toString(), "--bits", "3", "--profile", "rp2040", "--out", img.toString()));
        assertEquals(2, run("quantize", model.toString(), "--bits", "8", "--profile", "nosuchboard", "--out", img.toString()));
        assertTrue(err.contains("unknown profile 'nosuchboard'"), err);
        // the output may not be the trained model itself (nor the image's sidecar land on it)
        byte[] before = Files.readAllBytes(model);
        assertEquals(2, run("quantize", model.toString(), "--bits", "8", "--profile", "mps2-an385", "--out", model.toString()));
        assertTrue(err.contains("would overwrite the trained model"), err);
        Path dir = model.getParent();
        Path twin = dir.resolve("m.img");
        Files.copy(model, dir.resolve("m.img.json"));
        assertEquals(2, run("quantize", dir.resolve("m.img.json").toString(), "--bits", "8", "--profile", "mps2-an385",
                "--out", twin.toString()));
        assertTrue(err.contains("sidecar"), err);
        assertArrayEquals(before, Files.readAllBytes(model));
        assertFalse(Files.exists(twin));
    }

    @Test
    void verifyComparesDeviceAndTrainerIdenticallyAtAnyThreadCount() throws Exception {
        Path model = toyModel();
        Path data = toyDataset();
        Path img = tmp.resolve("v.img");
        assertEquals(0, run("quantize", model.toString(), "--bits", "8", "--profile", "mps2-an385", "--out", img.toString()), err);
        assertEquals(0, run("verify", img.toString(), "--dataset", data.toString(), "--threads", "1", "--json", "-q"), err);
        Map<String, Object> one = Json.parseObject(out);
        assertEquals(0, run("verify", img.toString(), "--dataset", data.toString(), "--threads", "3", "--limit", "50",
                "--strict", "--json", "-q"), err);
        Map<String, Object> three = Json.parseObject(out);
        assertEquals(50.0, one.get("images"));
        for (String k : new String[] {"device_accuracy", "trainer_accuracy", "delta_pp", "mismatches",
                "synaptic_events_per_image", "steps_per_image"}) {
            assertNotNull(one.get(k), k);
            assertEquals(one.get(k), three.get(k), k);
        }
        assertEquals(model.toString(), one.get("model"));
        assertEquals(2, run("verify", img.toString(), "--dataset", data.toString(), "--limit", "51"));
    }

    @Test
    void goldenWritesImagesTracesAndAnIndex() throws Exception {
        Path dir = tmp.resolve("golden");
        assertEquals(0, run("golden", "--out", dir.toString(), "--random", "2", "--json"), err);
        Map<String, Object> j = Json.parseObject(out);
        assertTrue((Double) j.get("cases") > 10);
        assertTrue(Files.exists(dir.resolve("saturation.img")) && Files.exists(dir.resolve("mnist_shape.trace")));
        ImageParser.parse(Files.readAllBytes(dir.resolve("random_000.img")), "random_000.img");
    }

    /** verify refuses a model other than the image's, a stale sidecar, and a dataset other than the model's. */
    @Test
    void verifyRefusesTheWrongModelAndTheWrongDataset() throws Exception {
        Path model = toyModel();
        Path other = toyModel(7, 12, "toy", "other.snn");
        Path data = toyDataset();
        Path img = tmp.resolve("v.img");
        assertEquals(0, run("quantize", model.toString(), "--bits", "8", "--profile", "mps2-an385", "--out", img.toString()), err);
        // the wrong model, same shape: caught by the sidecar's model hash
        assertEquals(2, run("verify", img.toString(), "--dataset", data.toString(), "--model", other.toString(), "-q"), err);
        assertTrue(err.contains("model " + other + " has sha256 ") && err.contains("was quantized from a model with sha256"), err);
        // a sidecar of another image
        Path img2 = tmp.resolve("w.img");
        assertEquals(0, run("quantize", other.toString(), "--bits", "8", "--profile", "mps2-an385", "--out", img2.toString()), err);
        Files.copy(tmp.resolve("w.img.json"), tmp.resolve("v.img.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(2, run("verify", img.toString(), "--dataset", data.toString(), "-q"), err);
        assertTrue(err.contains("v.img.json: field 'image_sha256' is ") && err.contains("belongs to another image"), err);
        // no sidecar: a model of another shape is still caught
        Files.delete(tmp.resolve("v.img.json"));
        Path wide = toyModel(8, 10, "toy", "wide.snn");
        assertEquals(2, run("verify", img.toString(), "--dataset", data.toString(), "--model", wide.toString(), "-q"), err);
        assertTrue(err.contains("has 10 neurons and 36 inputs, but " + img + " has 12 neurons"), err);
        // an MNIST model on another dataset
        Path mnistModel = toyModel(4, 12, "mnist", "mnist.snn");
        Path img3 = tmp.resolve("m.img");
        assertEquals(0, run("quantize", mnistModel.toString(), "--bits", "8", "--profile", "mps2-an385", "--out", img3.toString()), err);
        assertEquals(2, run("verify", img3.toString(), "--dataset", data.toString(), "-q"), err);
        assertTrue(err.contains("--dataset toyset: " + img3 + " was trained on mnist (model " + mnistModel
                + "); give --dataset mnist"), err);
        assertEquals(0, run("verify", img3.toString(), "--dataset", data.toString(), "--any-dataset", "-q"), err);
    }

    /** --max-drop PP gates on the device's accuracy against the trainer's: exit 1 beyond PP points. */
    @Test
    void verifyMaxDropGatesOnAccuracy() throws Exception {
        Path data = toyDataset();
        Path img = tmp.resolve("d.img");
        double drop = 0;
        // a random toy model is near chance: find one whose low-bit image loses accuracy
        for (int seed = 4; seed < 40 && drop <= 0; seed++) {
            Path model = toyModel(seed, 12, "toy", "toy" + seed + ".snn");
            assertEquals(0, run("quantize", model.toString(), "--bits", "2", "--profile", "mps2-an385", "--out", img.toString()), err);
            assertEquals(0, run("verify", img.toString(), "--dataset", data.toString(), "--json", "-q"), err);
            drop = -(Double) Json.parseObject(out).get("delta_pp");
        }
        assertTrue(drop > 0, "no toy image lost accuracy");
        assertEquals(1, run("verify", img.toString(), "--dataset", data.toString(), "--max-drop",
                String.valueOf(drop - 0.5), "--json", "-q"), err);
        Map<String, Object> j = Json.parseObject(out); // still exactly one JSON object
        assertEquals(false, j.get("passed"));
        assertTrue(err.contains("points below the trained model's") && err.contains("more than --max-drop"), err);
        assertEquals(0, run("verify", img.toString(), "--dataset", data.toString(), "--max-drop", String.valueOf(drop + 0.01),
                "--json", "-q"), err);
        assertEquals(true, Json.parseObject(out).get("passed"));
        assertEquals(2, run("verify", img.toString(), "--dataset", data.toString(), "--max-drop", "-1"));
        assertTrue(err.contains("--max-drop -1.0: must be 0..100"), err);
        Files.delete(tmp.resolve("d.img.json"));
        assertEquals(2, run("verify", img.toString(), "--dataset", data.toString(), "--max-drop", "1"));
        assertTrue(err.contains("--max-drop needs the trained model"), err);
    }

    /** keys generate, quantize --sign, verify --key, device trust and deploy's note (docs/device-spec.md section 15). */
    @Test
    void signedImagesFromKeyToBoard() throws Exception {
        Path keys = tmp.resolve("keys");
        assertEquals(0, run("keys", "generate", "--out", keys.toString()), err);
        Path priv = keys.resolve("snn-signing.key");
        Path pub = keys.resolve("snn-signing.pub");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)));
        String id = snn.protocol.sign.Ed25519.hex(snn.protocol.sign.Ed25519.keyId(snn.protocol.sign.Ed25519.readPublic(pub)));
        assertTrue(out.contains("key id " + id), out);
        assertEquals(2, run("keys", "generate", "--out", keys.toString()));
        assertTrue(err.contains("refusing to overwrite a key"), err);
        assertEquals(0, run("keys", "generate", "--out", keys.toString(), "--name", "other"), err);

        Path model = toyModel();
        Path data = toyDataset();
        Path img = tmp.resolve("s.img");
        assertEquals(0, run("quantize", model.toString(), "--bits", "4", "--profile", "mps2-an385", "--out", img.toString(),
                "--sign", priv.toString(), "--security-version", "7"), err);
        assertTrue(out.contains("signed by key id " + id + ", security version 7"), out);
        byte[] bytes = Files.readAllBytes(img);
        assertEquals(7, ImageParser.parse(bytes, "s.img").securityVersion);
        assertEquals(0, run("verify", img.toString(), "--dataset", data.toString(), "--limit", "5", "--key", pub.toString()), err);
        assertTrue(out.contains("signed by key id " + id + " (Ed25519, signature verified), security version 7"), out);
        assertEquals(1, run("verify", img.toString(), "--dataset", data.toString(), "--limit", "5",
                "--key", keys.resolve("other.pub").toString()));
        assertTrue(err.contains("signed by key id " + id + ", none of the --key files"), err);
        assertEquals(2, run("quantize", model.toString(), "--bits", "4", "--profile", "mps2-an385", "--out",
                tmp.resolve("x.img").toString(), "--sign", pub.toString()));
        assertTrue(err.contains("expected a PEM block '-----BEGIN PRIVATE KEY-----'"), err);

        // a fresh emulated board ("sim") takes a first trust store unsigned
        assertEquals(0, run("device", "trust", "--port", "sim", "--key", pub.toString()), err);
        assertTrue(out.contains("trusts key ids " + id + " (generation 1)"), out);
    }
}
