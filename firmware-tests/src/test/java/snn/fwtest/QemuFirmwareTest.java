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
}
