package snn.fwtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import snn.deploy.link.SerialLink;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.DeviceException;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.image.ImageWriter;
import snn.protocol.sign.Ed25519;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Status;
import snn.sim.board.TrailingShaValidator;

/**
 * Signed images on the C firmware under QEMU (docs/device-spec.md section 15): the RFC 8032 vectors
 * and the cost of one verification on the Cortex-M3 (make sig-qemu), and end to end on mps2-an385
 * over the pty: provisioning, an unsigned deploy refused, a signed deploy and a 100-image MNIST
 * evaluation with 0 mismatches, a rollback refused; on the micro:bit (built without Ed25519) Hello
 * says it cannot verify and provisioning is refused.
 */
@org.junit.jupiter.api.extension.ExtendWith(SkipReasons.class)
class QemuSignedDeployTest {
    private static final KeyPair KEY = Ed25519.fromSeed(seed());

    private static byte[] seed() {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) 0x5E);
        return s;
    }

    @Test
    void rfc8032VectorsAndVerificationCostOnTheCortexM3() throws Exception {
        QemuFirmwareTest.ready("mps2-an385");
        FirmwareTools.Run r = FirmwareTools.make(600, "BOARD=mps2-an385", "sig-qemu");
        assertTrue(r.ok(), r.output());
        String line = r.output().lines().filter(l -> l.startsWith("sig: ")).findFirst().orElse("");
        System.out.println(line);
        assertTrue(line.contains("rfc8032_vectors=5 passed"), r.output());
    }

    private static byte[] signed(byte[] image, int securityVersion) {
        DeviceImage m = ImageParser.parse(image, "mnist.img");
        m.securityVersion = securityVersion;
        return ImageWriter.write(m, Ed25519.signer(KEY.getPrivate()));
    }

    @Test
    void signedDeployAndEvaluationOnTheCortexM3() throws Exception {
        FirmwareTools.Board b = QemuFirmwareTest.ready("mps2-an385");
        snn.data.Dataset mnist = snn.data.DatasetResolver.standard(snn.data.FetchLog.silent()).load("mnist", null);
        byte[] unsigned = QemuFirmwareTest.smallMnistImage(mnist, "mps2-an385");
        byte[] image = signed(unsigned, 5);
        try (CFirmwareProcess q = QemuFirmwareTest.qemu(b)) {
            String pty = q.pty();
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                DeviceInfo info = c.hello();
                assertTrue(info.getCanVerify(), "mps2-an385 verifies signatures");
                assertEquals(0, info.getTrustedKeyIdsCount(), "a fresh board is unprovisioned");
                Status st = c.trust(List.of(Ed25519.raw(KEY.getPublic())), new byte[0]);
                assertEquals(1, st.getTrustGeneration());
                assertArrayEquals(Ed25519.keyId(Ed25519.raw(KEY.getPublic())), st.getTrustedKeyIds(0).toByteArray());
            }
            DeviceException refused = assertThrows(DeviceException.class, () ->
                    new Uploader(() -> new SerialLink(pty, 921600), Uploader.Options.DEFAULT, null, null).upload(unsigned));
            assertEquals(ErrorCode.UNTRUSTED, refused.code(), refused.getMessage());
            UploadResult up = new Uploader(() -> new SerialLink(pty, 921600), Uploader.Options.DEFAULT, null, null).upload(image);
            assertArrayEquals(snn.support.Sha256.of(image), up.sha256());
            assertEquals("snz1", up.encoding(), "the signed image travels compressed (the board offers SNZ1)");
            snn.deploy.eval.DeviceEval.Result ev;
            try (DeviceClient c = new DeviceClient(new SerialLink(pty, 921600), null)) {
                assertEquals(5, c.hello().getActiveSecurityVersion());
                assertArrayEquals(Ed25519.keyId(Ed25519.raw(KEY.getPublic())), c.status().getActiveKeyId().toByteArray());
                ev = snn.deploy.eval.DeviceEval.run(c, image, mnist.test().pixels(), mnist.test().labels(), 0, 100, null);
            }
            DeviceException rollback = assertThrows(DeviceException.class, () ->
                    new Uploader(() -> new SerialLink(pty, 921600), Uploader.Options.DEFAULT, null, null).upload(signed(unsigned, 4)));
            assertEquals(ErrorCode.ROLLBACK, rollback.code(), rollback.getMessage());
            System.out.printf("qemu signed deploy on mps2-an385: unsigned refused (%s), signed %d bytes active (%s, %d stream"
                    + " bytes), 100 images, %d mismatches, accuracy %.2f%%; version 4 after 5 refused (%s)%n", refused.code(),
                    image.length, up.encoding(), up.streamBytes(), ev.mismatches, 100.0 * ev.accuracy(), rollback.code());
            assertEquals(0, ev.mismatches, "answers that differ from the emulator: " + ev.firstMismatches);
        }
    }

    @Test
    void microbitCannotVerifyAndRefusesProvisioning() throws Exception {
        FirmwareTools.Board b = QemuFirmwareTest.ready("microbit");
        try (CFirmwareProcess q = QemuFirmwareTest.qemu(b);
             DeviceClient c = new DeviceClient(new SerialLink(q.pty(), 921600), null)) {
            assertFalse(c.hello().getCanVerify(), "the micro:bit firmware is built without Ed25519 (SIGNATURES := 0)");
            DeviceException e = assertThrows(DeviceException.class, () -> c.trust(List.of(Ed25519.raw(KEY.getPublic())), new byte[0]));
            assertEquals(ErrorCode.UNSUPPORTED, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("cannot verify signatures"), e.getMessage());
            assertEquals(0, c.hello().getTrustedKeyIdsCount());
        }
    }
}
