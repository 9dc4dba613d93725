package snn.fwtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import snn.deploy.link.Link;
import snn.deploy.link.SerialLink;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.image.ImageWriter;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.InferResult;
import snn.sim.board.TrailingShaValidator;
import snn.core.RandomNetworks;
import snn.sim.image.ImageNetworks;
import snn.core.LifLoop;
import snn.support.SnnException;

/**
 * The C firmware on the Cortex-M boards under QEMU: every golden vector through semihosting on every
 * board {@code make boards} lists (a board without a QEMU machine is skipped with that reason; a
 * {@code *-rp2040js} board runs them in the rp2040js emulator with {@code make test-rp2040js}), and,
 * on mps2-an385 (M3), mps2-an386 (M4), mps3-an547 (M55), microbit (nRF51, M0) and
 * nucleo-f411re-qemu (the Nucleo port on QEMU's STM32F405 netduinoplus2, M4) end to end over
 * the emulated UART's pty: upload with the deployer's uploader (jssc), the firmware's SHA-256 and
 * self-test check and swap, inference compared with {@link LifLoop}, a reset after which the model is
 * still active, and a small MNIST evaluation. On the micro:bit also an upload cut off partway,
 * a reset, and the upload resumed from where the device's journal says.
 *
 * <p>Every test checks for the toolchain itself (no class-level assumption), so that without
 * arm-none-eabi-gcc or qemu-system-arm each one is reported as skipped with the reason
 * ({@code -Dsnn.fw.noToolchain=true} simulates that).
 */
@org.junit.jupiter.api.extension.ExtendWith(SkipReasons.class)
class QemuFirmwareTest {
    private static final Set<String> BUILT = new HashSet<>();

    /** Skips without the toolchain or the board; builds the board's firmware once per run. */
    static FirmwareTools.Board ready(String name) throws Exception {
        assumeTrue(FirmwareTools.qemuMissing() == null, FirmwareTools.qemuMissing());
        FirmwareTools.Board b = FirmwareTools.board(name);
        assumeTrue(b != null, "make boards lists no " + name + " (firmware/ports/" + name + "/board.mk) on this branch");
        assumeTrue(b.qemuMachine() != null, name + " has no QEMU machine");
        synchronized (BUILT) {
            if (!BUILT.contains(name)) {
                FirmwareTools.Run r = FirmwareTools.make(600, "BOARD=" + name, "firmware");
                assertTrue(r.ok(), r.output());
                BUILT.add(name);
            }
        }
        return b;
    }

    static CFirmwareProcess qemu(FirmwareTools.Board b) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("qemu-system-arm", "-M", b.qemuMachine(), "-nographic",
                "-monitor", "none"));
        if (b.qemuMachine().equals("netduinoplus2")) {
            cmd.addAll(List.of("-serial", "null")); // the Nucleo port talks on USART2, QEMU's second serial port
        }
        cmd.addAll(List.of("-serial", "pty", "-kernel", FirmwareTools.BUILD.resolve(b.name()).resolve("fw.elf").toString()));
        return new CFirmwareProcess(cmd);
    }

    // ---- golden vectors on every board ----

    @TestFactory
    Stream<DynamicTest> goldenVectorsOnEveryBoard() throws Exception {
        return FirmwareTools.boards().stream().map(b -> {
            String name = b.name() + (b.qemuMachine() != null ? " (QEMU " + b.qemuMachine() + ")"
                    : b.name().endsWith("-rp2040js") ? " (rp2040js)" : " (no QEMU machine)");
            return DynamicTest.dynamicTest(name, SkipReasons.reporting("golden vectors on " + name, () -> {
            long t0 = System.nanoTime();
            if (b.qemuMachine() == null && b.name().endsWith("-rp2040js")) {
                // an RP2040 image for the rp2040js emulator (node; rp2040js from npm into the build folder)
                assumeTrue(FirmwareTools.rp2040jsMissing() == null, FirmwareTools.rp2040jsMissing());
                FirmwareTools.Run r = FirmwareTools.make(900, "BOARD=" + b.name(), "test-rp2040js", "GOLDEN=" + FirmwareTools.golden());
                assertTrue(r.ok(), r.output());
                assertTrue(r.output().contains("golden: 37 cases, 0 failed"), r.output());
                System.out.printf("golden on %s (rp2040js): 37 cases, 0 failed, %.1f s%n", b.name(), (System.nanoTime() - t0) / 1e9);
                return;
            }
            assumeTrue(FirmwareTools.qemuMissing() == null, FirmwareTools.qemuMissing());
            FirmwareTools.Run r = FirmwareTools.make(900, "BOARD=" + b.name(), "test-qemu", "GOLDEN=" + FirmwareTools.golden());
            if (r.exit() == 2 && r.output().contains("has no QEMU machine")) {
                Assumptions.abort("BOARD=" + b.name() + " has no QEMU machine (make test-qemu: "
                        + r.output().lines().filter(l -> l.contains("has no QEMU machine")).findFirst().orElse("") + ")");
            }
            assertTrue(r.ok(), r.output());
            assertTrue(r.output().contains("golden: 37 cases, 0 failed"), r.output());
            System.out.printf("golden on %s: 37 cases, 0 failed, %.1f s (build and run)%n", b.name(), (System.nanoTime() - t0) / 1e9);
        }));
        });
    }

    // ---- end to end over the pty ----

    /**
     * The image the deploy test sends: the golden 784 x 400 8-bit one (321 KB) on mps2-an385; on the
     * other boards, to keep the time down and to fit small slots, a 784 x n 8-bit one with n = 100, or
     * fewer when the board's slot is smaller (nucleo-f411re-qemu: 56 KiB).
     */
    static byte[] deployImage(String board, long slotBytes) throws IOException {
        byte[] golden = Files.readAllBytes(FirmwareTools.golden().resolve("mnist_shape.img"));
        if (board.equals("mps2-an385") && golden.length <= slotBytes) {
            return golden;
        }
        int neurons = (int) Math.min(100, (slotBytes - 4096) / 784);
        byte[] px = new byte[784];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (i % 7 == 0 ? 200 : 0);
        }
        return ImageWriter.write(ImageNetworks.toImage(RandomNetworks.mnistShaped(7, neurons), 8, null, px, 0));
    }

    static long slotBytes(String pty) throws IOException {
        try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
            return c.hello().getSlotBytes();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mps2-an385", "mps2-an386", "mps3-an547", "microbit", "nucleo-f411re-qemu"})
    void deployOverThePtyThenInferenceMatchesTheEmulator(String board) throws Exception {
        FirmwareTools.Board b = ready(board);
        try (CFirmwareProcess q = qemu(b)) {
            String pty = q.pty();
            byte[] image = deployImage(board, slotBytes(pty));
            byte[] sha = TrailingShaValidator.sha256(image);
            UploadResult up = new Uploader(() -> new SerialLink(pty, 921600), Uploader.Options.DEFAULT, null, null)
                    .upload(image);
            assertArrayEquals(sha, up.sha256());
            assertEquals(board, up.device().getProfile());
            LifLoop loop = new LifLoop(ImageNetworks.parse(image, "deploy.img"));
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                assertInferenceMatches(c, loop, 4);
                DeviceInfo after = resetAndHello(c); // SYSRESETREQ: the core reboots; its flash keeps the model
                assertArrayEquals(sha, after.getModelSha256().toByteArray(), "model active after the reset");
                assertInferenceMatches(c, loop, 1);
            }
        }
    }

    /**
     * Resets the board and waits (up to 30 s) until it answers hello again. The reset's answer is sent
     * just before the reboot and, on a loaded machine, can miss the client's 0.5 s wait (a retried reset
     * then reboots the board again): what counts is that the board comes back.
     */
    static DeviceInfo resetAndHello(DeviceClient c) throws Exception {
        try {
            c.reset();
        } catch (snn.deploy.upload.LinkLost e) {
            System.out.println("reset: " + e.getMessage() + "; waiting for the board to answer hello");
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Thread.sleep(300);
            try {
                return c.hello();
            } catch (snn.deploy.upload.LinkLost e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static void assertInferenceMatches(DeviceClient c, LifLoop loop, int images) throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < images; k++) {
            byte[] px = new byte[784];
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
            }
            InferResult got = c.infer(px, k, 20_000);
            LifLoop.Result want = loop.run(px, 0, k);
            assertEquals(want.label, got.getLabel(), "label of image " + k);
            assertEquals(want.steps, got.getSteps(), "steps of image " + k);
            assertArrayEquals(want.counts, got.getSpikeCountsList().stream().mapToInt(Integer::intValue).toArray(),
                    "counts of image " + k);
        }
    }

    /** A link that works for {@code frames} writes, then fails as if the cable were pulled. */
    static final class CutLink implements Link {
        private final Link inner;
        private int left;

        CutLink(Link inner, int frames) {
            this.inner = inner;
            this.left = frames;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int baud() {
            return inner.baud();
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            if (left-- <= 0) {
                throw new IOException("link cut by the test");
            }
            inner.write(bytes);
        }

        @Override
        public int read(byte[] buf, long timeoutMillis) throws IOException {
            return inner.read(buf, timeoutMillis);
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }

    /**
     * micro:bit: the upload is cut after 60 frames (hello, begin and 58 chunks of 256 bytes), the
     * board is reset, and a fresh upload resumes from the offset the device's flash journal kept,
     * commits, and answers as the emulator does.
     */
    @Test
    void microbitResumesAnUploadAfterAReset() throws Exception {
        FirmwareTools.Board b = ready("microbit");
        try (CFirmwareProcess q = qemu(b)) {
            String pty = q.pty();
            byte[] image = deployImage("microbit", slotBytes(pty));
            byte[] sha = TrailingShaValidator.sha256(image);
            Uploader.Options once = new Uploader.Options(1024, 8, 8, 0);
            SnnException cut = assertThrows(SnnException.class, () -> new Uploader(() -> new CutLink(new SerialLink(pty, 921600), 60),
                    once, null, null).upload(image));
            assertTrue(cut.getMessage().contains("link cut by the test"), cut.getMessage());
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                DeviceInfo mid = c.hello();
                assertTrue(mid.hasPending(), "an upload is pending after the cut");
                DeviceInfo afterReset = resetAndHello(c);
                assertTrue(afterReset.hasPending(), "the pending upload survives the reset");
                assertTrue(afterReset.getModelSha256().isEmpty(), "no model active yet");
            }
            UploadResult up = new Uploader(() -> new SerialLink(pty, 921600), Uploader.Options.DEFAULT, null, null).upload(image);
            System.out.printf("microbit resume: cut after 58 chunks, resumed from offset %d of %d%n", up.resumedFrom(), image.length);
            assertTrue(up.resumedFrom() > 0, "resumed from " + up.resumedFrom());
            assertTrue(up.resumedFrom() < image.length);
            assertArrayEquals(sha, up.sha256());
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                assertInferenceMatches(c, new LifLoop(ImageNetworks.parse(image, "deploy.img")), 3);
            }
        }
    }

    // ---- MNIST ----

    /**
     * A real MNIST model on each board: by default a model trained here once (100 neurons, 2,000
     * images, 4-bit, which fits the micro:bit's slot too) and the first 100 test images;
     * {@code -Dsnn.fw.evalImage=model.img -Dsnn.fw.evalLimit=500} runs a given image instead. Every
     * answer (seed = index, as {@code snn verify}) is compared with {@link LifLoop}.
     * {@code -Dsnn.fw.evalPort=/dev/pts/N} uses a firmware that already runs instead of starting QEMU
     * (then only on mps2-an385).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mps2-an385", "mps2-an386", "mps3-an547", "microbit", "nucleo-f411re-qemu"})
    void mnistEvaluationMatchesTheEmulator(String board) throws Exception {
        String given = System.getProperty("snn.fw.evalPort"); // a board already running, e.g. after `snn deploy`
        assumeTrue(given == null || board.equals("mps2-an385"), "-Dsnn.fw.evalPort runs the evaluation on that one board only");
        FirmwareTools.Board b = given == null ? ready(board) : null;
        String path = System.getProperty("snn.fw.evalImage");
        int limit = Integer.getInteger("snn.fw.evalLimit", path == null ? 100 : 500);
        snn.data.Dataset mnist = snn.data.DatasetResolver.standard(snn.data.FetchLog.silent()).load("mnist", null);
        byte[] image;
        if (path != null) {
            image = Files.readAllBytes(Path.of(path));
        } else {
            image = smallMnistImage(mnist, board);
            path = "a 100-neuron MNIST model trained by the test";
        }
        try (CFirmwareProcess q = given == null ? qemu(b) : null) {
            String pty = given == null ? q.pty() : given;
            long t0 = System.nanoTime();
            UploadResult up = new Uploader(() -> new SerialLink(pty, 115200), Uploader.Options.DEFAULT, null, null)
                    .upload(image);
            double uploadSeconds = (System.nanoTime() - t0) / 1e9;
            snn.deploy.eval.DeviceEval.Result ev;
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                ev = snn.deploy.eval.DeviceEval.run(c, image, mnist.test().pixels(), mnist.test().labels(), 0, limit, null);
            }
            System.out.printf("qemu eval on %s: %s, %d bytes uploaded in %.1f s (%s), %d images, %d mismatches, accuracy %.2f%%,"
                    + " %.1f ms per image (device round trip and emulator check)%n", board, path, image.length, uploadSeconds,
                    up.alreadyActive() ? "already active" : up.device().getProfile(), limit,
                    ev.mismatches, 100.0 * ev.accuracy(), ev.seconds * 1e3 / limit);
            assertEquals(0, ev.mismatches, "answers that differ from the emulator: " + ev.firstMismatches);
        }
    }

    private static snn.protocol.model.TrainedModel mnistModel;

    /**
     * Trains a small real MNIST model once per run (100 neurons, 2,000 images) and quantizes it to 4
     * bits for the board's profile when there is one (the micro:bit's refuses what its firmware would),
     * else for mps2-an385's.
     */
    static synchronized byte[] smallMnistImage(snn.data.Dataset mnist, String board) throws Exception {
        if (mnistModel == null) {
            snn.trainer.TrainParams p = new snn.trainer.TrainParams();
            p.neurons = 100;
            snn.trainer.Trainer t = new snn.trainer.Trainer(p);
            t.trainImages = 2000;
            t.labelImages = 1000;
            t.testImages = 0;
            t.curvePoints = 0;
            t.quiet = true;
            mnistModel = t.train(snn.trainer.TrainData.of(mnist)).model();
        }
        snn.data.Dataset.Split te = mnist.test();
        byte[] selfTest = java.util.Arrays.copyOfRange(te.pixels(), 0, te.imageSize());
        snn.deploy.profile.DeviceProfile profile = snn.deploy.profile.Profiles.builtIn().getOrDefault(board,
                snn.deploy.profile.Profiles.builtIn().get("mps2-an385"));
        return snn.deploy.quant.ImageBuilder.build(mnistModel, 4, profile, selfTest, 0).image;
    }
}
