package snn.fwtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import snn.deploy.link.SerialLink;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.InferResult;
import snn.sim.board.TrailingShaValidator;
import snn.sim.image.ImageNetworks;
import snn.sim.lif.LifLoop;

/**
 * The C firmware on a Cortex-M3 under QEMU (mps2-an385): every golden vector through semihosting,
 * and end to end over the emulated UART's pty: upload with the deployer's uploader (jssc), the
 * firmware's SHA-256 and self-test check and swap, inference compared with {@link LifLoop}, and a
 * reset after which the model is still active.
 */
class QemuFirmwareTest {
    @BeforeAll
    static void needsArmToolchainAndQemu() throws Exception {
        assumeTrue(FirmwareTools.qemuMissing() == null, FirmwareTools.qemuMissing());
        FirmwareTools.Run r = FirmwareTools.make(600, "cross");
        assertTrue(r.ok(), r.output());
    }

    @Test
    void goldenVectorsMatchOnTheCortexM3() throws Exception {
        FirmwareTools.Run r = FirmwareTools.make(600, "test-qemu", "GOLDEN=" + FirmwareTools.golden());
        assertTrue(r.ok(), r.output());
        assertTrue(r.output().contains("golden: 37 cases, 0 failed"), r.output());
    }

    static CFirmwareProcess qemu() throws Exception {
        return new CFirmwareProcess(List.of("qemu-system-arm", "-M", "mps2-an385", "-nographic", "-monitor", "none",
                "-serial", "pty", "-kernel", FirmwareTools.BUILD.resolve("mps2-an385/fw.elf").toString()));
    }

    @Test
    void deployOverThePtyThenInferenceMatchesTheEmulator() throws Exception {
        byte[] image = Files.readAllBytes(FirmwareTools.golden().resolve("mnist_shape.img"));
        byte[] sha = TrailingShaValidator.sha256(image);
        try (CFirmwareProcess q = qemu()) {
            String pty = q.pty();
            UploadResult up = new Uploader(() -> new SerialLink(pty, 921600), Uploader.Options.DEFAULT, null, null)
                    .upload(image);
            assertArrayEquals(sha, up.sha256());
            LifLoop loop = new LifLoop(ImageNetworks.parse(image, "mnist_shape.img"));
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                SplittableRandom r = new SplittableRandom(11);
                for (int k = 0; k < 4; k++) {
                    byte[] px = new byte[784];
                    for (int i = 0; i < px.length; i++) {
                        px[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
                    }
                    int seed = k;
                    InferResult got = c.infer(px, seed, 20_000);
                    LifLoop.Result want = loop.run(px, 0, seed);
                    assertEquals(want.label, got.getLabel(), "label of image " + k);
                    assertEquals(want.steps, got.getSteps(), "steps of image " + k);
                    assertArrayEquals(want.counts, got.getSpikeCountsList().stream().mapToInt(Integer::intValue).toArray(),
                            "counts of image " + k);
                }
                c.reset(); // SYSRESETREQ: the Cortex-M3 reboots; its flash (PSRAM) keeps the model
                Thread.sleep(500);
                DeviceInfo after = c.hello();
                assertArrayEquals(sha, after.getModelSha256().toByteArray(), "model active after the reset");
            }
        }
    }

    /**
     * A real MNIST model on the Cortex-M3: by default a model trained here (100 neurons, 2,000
     * images, 4-bit) and the first 100 test images; {@code -Dsnn.fw.evalImage=model.img
     * -Dsnn.fw.evalLimit=500} runs a given image instead. Every answer (seed = index, as
     * {@code snn verify}) is compared with {@link LifLoop}. {@code -Dsnn.fw.evalPort=/dev/pts/N}
     * uses a firmware that already runs instead of starting QEMU.
     */
    @Test
    void mnistEvaluationOnTheCortexM3MatchesTheEmulator() throws Exception {
        String path = System.getProperty("snn.fw.evalImage");
        int limit = Integer.getInteger("snn.fw.evalLimit", path == null ? 100 : 500);
        snn.data.Dataset mnist = snn.data.DatasetResolver.standard(snn.data.FetchLog.silent()).load("mnist", null);
        byte[] image = path != null ? Files.readAllBytes(Path.of(path)) : smallMnistImage(mnist);
        if (path == null) {
            path = "a 100-neuron MNIST model trained by the test";
        }
        String given = System.getProperty("snn.fw.evalPort"); // a board already running, e.g. after `snn deploy`
        try (CFirmwareProcess q = given == null ? qemu() : null) {
            String pty = given == null ? q.pty() : given;
            long t0 = System.nanoTime();
            UploadResult up = new Uploader(() -> new SerialLink(pty, 115200), Uploader.Options.DEFAULT, null, null)
                    .upload(image);
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            snn.deploy.eval.DeviceEval.Result ev;
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                ev = snn.deploy.eval.DeviceEval.run(c, image, mnist.test().pixels(), mnist.test().labels(), 0, limit, null);
            }
            System.out.printf("qemu eval: %s, %d bytes uploaded in %.1f s (%s), %d images, %d mismatches, accuracy %.2f%%,"
                    + " %.1f ms per image (device round trip and emulator check)%n", path, image.length, uploadSeconds, up.alreadyActive() ? "already active" : up.device().getProfile(), limit,
                    ev.mismatches, 100.0 * ev.accuracy(), ev.seconds * 1e3 / limit);
            assertEquals(0, ev.mismatches, "answers that differ from the emulator: " + ev.firstMismatches);
        }
    }

    /** Trains a small real MNIST model and quantizes it to 4 bits for mps2-an385. */
    static byte[] smallMnistImage(snn.data.Dataset mnist) throws Exception {
        snn.trainer.TrainParams p = new snn.trainer.TrainParams();
        p.neurons = 100;
        snn.trainer.Trainer t = new snn.trainer.Trainer(p);
        t.trainImages = 2000;
        t.labelImages = 1000;
        t.testImages = 0;
        t.curvePoints = 0;
        t.quiet = true;
        snn.data.Dataset.Split te = mnist.test();
        snn.trainer.TrainData td = snn.trainer.TrainData.of(mnist);
        snn.protocol.model.TrainedModel m = t.train(td).model();
        byte[] selfTest = java.util.Arrays.copyOfRange(te.pixels(), 0, te.imageSize());
        return snn.deploy.quant.ImageBuilder.build(m, 4, snn.deploy.profile.Profiles.resolve("mps2-an385", null),
                selfTest, 0).image;
    }
}
