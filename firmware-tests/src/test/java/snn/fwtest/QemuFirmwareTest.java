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
        FirmwareTools.Run r = FirmwareTools.make(600, "mps2");
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
                "-serial", "pty", "-kernel", FirmwareTools.BUILD.resolve("mps2/fw.elf").toString()));
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
     * The real-model check, run on request (it takes minutes): {@code -Dsnn.fw.evalImage=model.img
     * -Dsnn.fw.evalLimit=500} deploys the image to the Cortex-M3 and classifies the first MNIST test
     * images (seed = index, as {@code snn verify}), comparing every answer with {@link LifLoop}.
     * {@code -Dsnn.fw.evalPort=/dev/pts/N} uses a firmware that already runs instead of starting QEMU.
     */
    @Test
    void mnistEvaluationOnTheCortexM3MatchesTheEmulator() throws Exception {
        String path = System.getProperty("snn.fw.evalImage");
        assumeTrue(path != null, "set -Dsnn.fw.evalImage=IMAGE (and -Dsnn.fw.evalLimit=N) to run the MNIST evaluation");
        int limit = Integer.getInteger("snn.fw.evalLimit", 500);
        byte[] image = Files.readAllBytes(Path.of(path));
        snn.data.Dataset mnist = snn.data.DatasetResolver.standard(snn.data.FetchLog.silent()).load("mnist", null);
        LifLoop loop = new LifLoop(ImageNetworks.parse(image, path));
        String given = System.getProperty("snn.fw.evalPort"); // a board already running, e.g. after `snn deploy`
        try (CFirmwareProcess q = given == null ? qemu() : null) {
            String pty = given == null ? q.pty() : given;
            long t0 = System.nanoTime();
            UploadResult up = new Uploader(() -> new SerialLink(pty, 115200), Uploader.Options.DEFAULT, null, null)
                    .upload(image);
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            int mismatches = 0;
            int correct = 0;
            int size = mnist.test().imageSize();
            long inferNanos = 0;
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                for (int k = 0; k < limit; k++) {
                    byte[] px = java.util.Arrays.copyOfRange(mnist.test().pixels(), k * size, (k + 1) * size);
                    long s0 = System.nanoTime();
                    InferResult got = c.infer(px, k, 20_000);
                    inferNanos += System.nanoTime() - s0;
                    LifLoop.Result want = loop.run(px, 0, k);
                    int[] counts = got.getSpikeCountsList().stream().mapToInt(Integer::intValue).toArray();
                    if (got.getLabel() != want.label || got.getSteps() != want.steps || !java.util.Arrays.equals(counts, want.counts)) {
                        mismatches++;
                    }
                    correct += got.getLabel() == mnist.test().label(k) ? 1 : 0;
                }
            }
            System.out.printf("qemu eval: %s, %d bytes uploaded in %.1f s (%s), %d images, %d mismatches, accuracy %.2f%%,"
                    + " %.1f ms per inference round trip%n", path, image.length, uploadSeconds, up.alreadyActive() ? "already active" : up.device().getProfile(), limit,
                    mismatches, 100.0 * correct / limit, inferNanos / 1e6 / limit);
            assertEquals(0, mismatches, "answers that differ from the emulator");
        }
    }
}
