package snn.fwtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C firmware's host build: unit tests and every golden vector, under AddressSanitizer and
 * UBSan (`make -C firmware test`), and proof that the golden checker notices a single changed bit.
 */
@org.junit.jupiter.api.extension.ExtendWith(SkipReasons.class)
class HostFirmwareTest {
    @BeforeEach
    void needsHostToolchain() {
        assumeTrue(FirmwareTools.hostMissing() == null, FirmwareTools.hostMissing());
    }

    @Test
    void unitTestsAndGoldenVectorsPassUnderSanitizers() throws Exception {
        Path golden = FirmwareTools.golden();
        FirmwareTools.Run r = FirmwareTools.make(900, "test", "GOLDEN=" + golden); // ASan builds are slow on a loaded machine
        assertTrue(r.ok(), r.output());
        assertTrue(r.output().contains("golden: 38 cases, 0 failed"), r.output());
        assertTrue(r.output().contains("test_core: all passed"), r.output());
        assertTrue(r.output().contains("test_ed25519: 5 RFC 8032 section 7.1 vectors passed"), r.output());
    }

    @Test
    void goldenCheckerReportsOneChangedMembraneValue(@TempDir Path dir) throws Exception {
        Path golden = FirmwareTools.golden();
        for (Path f : Files.list(golden).toList()) {
            Files.copy(f, dir.resolve(f.getFileName()));
        }
        // random_005: change v[3] of the 2nd record by one LSB
        Path trace = dir.resolve("random_005.trace");
        byte[] t = Files.readAllBytes(trace);
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        int inputs = b.getInt(8);
        int n = b.getInt(12);
        int header = 40 + ((inputs + 3) & ~3);
        int record = 8 + 8 * n + 2 * ((n + 3) & ~3);
        int at = header + record + 8 + 4 * 3;
        b.putInt(at, b.getInt(at) + 1);
        Files.write(trace, t);
        FirmwareTools.Run ok = FirmwareTools.make(300, "golden", "GOLDEN=" + golden);
        assertEquals(0, ok.exit(), ok.output());
        FirmwareTools.Run bad = FirmwareTools.make(300, "golden", "GOLDEN=" + dir);
        assertNotEquals(0, bad.exit(), bad.output());
        assertTrue(bad.output().contains("FAIL random_005: v[3] at presentation 0 step 1"), bad.output());
        assertTrue(bad.output().contains("golden: 38 cases, 1 failed"), bad.output());
    }

    /**
     * The shared bad-image corpus through the C parser: every image names the same field at the same
     * byte as the Java parser (protocol's BadImageCorpusTest runs the Java side).
     */
    @Test
    void cParserNamesTheSameFieldAsTheJavaParserForEveryBadImage(@TempDir Path dir) throws Exception {
        snn.protocol.image.BadImageCorpus.write(dir);
        int cases = snn.protocol.image.BadImageCorpus.cases().size();
        FirmwareTools.Run r = FirmwareTools.make(300, "image-check", "IMAGES=" + dir);
        assertTrue(r.ok(), r.output());
        assertTrue(r.output().contains("bad images: " + cases + " cases, 0 failed"), r.output());
    }

    @Test
    void hostFirmwareRunsOverStdinStdout() throws Exception {
        FirmwareTools.Run build = FirmwareTools.make(300, "host-san");
        assertTrue(build.ok(), build.output());
        // a hello frame on stdin; the answer frame on stdout names the profile
        byte[] hello = snn.protocol.frame.FrameEncoder.encode(snn.protocol.wire.Request.newBuilder().setSeq(9)
                .setHello(snn.protocol.wire.Hello.newBuilder().setHostProtocolVersion(1)).build().toByteArray());
        Path in = Files.createTempFile(FirmwareTools.TARGET, "hello", ".bin");
        Files.write(in, hello);
        Process p = new ProcessBuilder(List.of(FirmwareTools.BUILD.resolve("host/snn-fw-host-san").toString()))
                .redirectInput(in.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        Files.delete(in);
        java.util.List<byte[]> frames = new java.util.ArrayList<>();
        new snn.protocol.frame.FrameDecoder(frames::add).feed(out);
        assertEquals(1, frames.size());
        snn.protocol.wire.Response r = snn.protocol.wire.Response.parseFrom(frames.get(0));
        assertEquals(9, r.getSeq());
        assertEquals("snn-firmware-c 0.1.0", r.getInfo().getFirmwareVersion());
    }
}
