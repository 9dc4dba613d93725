package snn.fwtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.frame.FrameDecoder;
import snn.protocol.frame.FrameEncoder;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;
import snn.sim.attack.SignedImageAttacks;

/**
 * The signed-image attack suite (snn.sim.attack.SignedImageAttacks, docs/device-spec.md section 15)
 * against the C firmware's host build (AddressSanitizer and UBSan), over its stdin and stdout: the
 * same 1,200 attacks the Java emulator gets, every one refused with the same code, the active model
 * and the trust store unchanged (the board re-hashes its slot at every reset, each 100 attacks).
 */
@org.junit.jupiter.api.extension.ExtendWith(SkipReasons.class)
class SignedAttacksCTest {
    @Test
    void provisionedCFirmwareRefusesEveryAttackAndKeepsItsModel(@TempDir Path dir) throws Exception {
        assumeTrue(FirmwareTools.hostMissing() == null, FirmwareTools.hostMissing());
        FirmwareTools.Run build = FirmwareTools.make(300, "host-san");
        assertTrue(build.ok(), build.output());
        Process p = new ProcessBuilder(List.of(FirmwareTools.BUILD.resolve("host/snn-fw-host-san").toString(),
                "--flash", dir.resolve("flash.bin").toString())).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            OutputStream to = p.getOutputStream();
            InputStream from = p.getInputStream();
            ArrayDeque<byte[]> frames = new ArrayDeque<>();
            FrameDecoder decoder = new FrameDecoder(new FrameDecoder.Sink() {
                @Override
                public void frame(byte[] payload) {
                    frames.add(payload);
                }

                @Override
                public void dropped(FrameDecoder.Drop reason, int length) {
                    throw new IllegalStateException("the firmware sent a bad frame: " + reason);
                }
            });
            byte[] buf = new byte[4096];
            int[] seq = {0};
            SignedImageAttacks.Report r = SignedImageAttacks.run(q -> {
                to.write(FrameEncoder.encode(q.setSeq(++seq[0]).build().toByteArray()));
                to.flush();
                while (frames.isEmpty()) {
                    int n = from.read(buf);
                    if (n < 0) {
                        throw new IOException("the firmware ended");
                    }
                    decoder.feed(buf, 0, n);
                }
                Response a = Response.parseFrom(frames.poll());
                assertEquals(seq[0], a.getSeq());
                return a;
            }, null, 15, 1200);
            System.out.println("SignedAttacksCTest (C firmware, host build): " + r);
            assertTrue(r.failures.isEmpty(), r.toString());
            assertEquals(1200, r.attacks);
            assertEquals(8, r.controls);
            assertEquals(SignedImageAttacks.Kind.values().length, r.byKind.size(), r.toString());
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
