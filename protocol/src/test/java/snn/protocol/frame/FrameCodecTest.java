package snn.protocol.frame;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCodecTest {

    /** Collects what a decoder produced. */
    static final class Collect implements FrameDecoder.Sink {
        final List<byte[]> frames = new ArrayList<>();
        final List<FrameDecoder.Drop> drops = new ArrayList<>();

        @Override
        public void frame(byte[] payload) {
            frames.add(payload);
        }

        @Override
        public void dropped(FrameDecoder.Drop reason, int length) {
            drops.add(reason);
        }
    }

    static byte[] randomPayload(Random rnd, int maxLen) {
        byte[] p = new byte[1 + rnd.nextInt(maxLen)];
        rnd.nextBytes(p);
        // plenty of zeros and 254-byte zero-free runs, the COBS edge cases
        if (rnd.nextBoolean()) {
            for (int i = 0; i < p.length; i++) {
                if (rnd.nextInt(8) == 0) {
                    p[i] = 0;
                }
            }
        }
        return p;
    }

    @Test
    void cobsKnownVectors() {
        check(new byte[] {0x11, 0x22, 0x00, 0x33}, new byte[] {0x03, 0x11, 0x22, 0x02, 0x33});
        check(new byte[] {0x00}, new byte[] {0x01, 0x01});
        check(new byte[] {0x00, 0x00}, new byte[] {0x01, 0x01, 0x01});
        byte[] run = new byte[254];
        java.util.Arrays.fill(run, (byte) 7);
        byte[] enc = new byte[256];
        enc[0] = (byte) 0xFF;
        System.arraycopy(run, 0, enc, 1, 254);
        enc[255] = 0x01;
        check(run, enc);
    }

    private static void check(byte[] raw, byte[] encoded) {
        byte[] out = new byte[Frames.maxEncodedLength(raw.length)];
        int n = Cobs.encode(raw, 0, raw.length, out, 0);
        assertArrayEquals(encoded, java.util.Arrays.copyOf(out, n));
        byte[] back = new byte[n];
        int m = Cobs.decode(out, 0, n, back);
        assertArrayEquals(raw, java.util.Arrays.copyOf(back, m));
    }

    @Test
    void roundTripsInRandomPieces() {
        Random rnd = new Random(1);
        List<byte[]> sent = new ArrayList<>();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < 500; i++) {
            byte[] p = randomPayload(rnd, i % 10 == 0 ? Frames.MAX_PAYLOAD : 300);
            sent.add(p);
            wire.writeBytes(FrameEncoder.encode(p));
        }
        byte[] all = wire.toByteArray();
        for (int trial = 0; trial < 20; trial++) {
            Collect c = new Collect();
            FrameDecoder d = new FrameDecoder(c);
            int pos = 0;
            while (pos < all.length) {
                int n = Math.min(all.length - pos, trial == 0 ? 1 : 1 + rnd.nextInt(3000));
                d.feed(all, pos, n);
                pos += n;
            }
            assertEquals(sent.size(), c.frames.size());
            for (int i = 0; i < sent.size(); i++) {
                assertArrayEquals(sent.get(i), c.frames.get(i));
            }
            assertTrue(c.drops.isEmpty());
        }
    }

    @Test
    void resynchronisesAfterNoiseAndReportsDrops() {
        Random rnd = new Random(2);
        int intact = 0;
        for (int trial = 0; trial < 2000; trial++) {
            byte[] noise = new byte[rnd.nextInt(40)];
            rnd.nextBytes(noise);
            byte[] p = randomPayload(rnd, 200);
            Collect c = new Collect();
            FrameDecoder d = new FrameDecoder(c);
            d.feed(noise);
            d.feed(FrameEncoder.encode(p));
            // the frame after the noise always survives: the encoder's leading delimiter cuts the noise off
            assertEquals(1, c.frames.size(), "trial " + trial);
            assertArrayEquals(p, c.frames.get(0));
            intact++;
        }
        assertEquals(2000, intact);
    }

    @Test
    void corruptedFramesAreDroppedNeverDelivered() {
        Random rnd = new Random(3);
        int dropped = 0;
        for (int trial = 0; trial < 5000; trial++) {
            byte[] p = randomPayload(rnd, 500);
            byte[] f = FrameEncoder.encode(p);
            int flips = 1 + rnd.nextInt(3);
            for (int k = 0; k < flips; k++) {
                int i = 1 + rnd.nextInt(f.length - 2);
                f[i] ^= (byte) (1 << rnd.nextInt(8));
            }
            Collect c = new Collect();
            FrameDecoder d = new FrameDecoder(c);
            d.feed(f);
            d.feed(FrameEncoder.encode(new byte[] {42}));
            // a flip may turn a byte into 0x00 and split the frame; whatever arrives, the corrupted
            // payload is never delivered, and the following frame is
            for (byte[] got : c.frames.subList(0, c.frames.size() - 1)) {
                assertTrue(java.util.Arrays.equals(got, p), "corrupted frame delivered in trial " + trial);
            }
            assertArrayEquals(new byte[] {42}, c.frames.get(c.frames.size() - 1));
            dropped += c.drops.size();
        }
        assertTrue(dropped >= 5000, "every trial drops at least one frame, got " + dropped);
    }

    @Test
    void truncatedFramesAreDropped() {
        Random rnd = new Random(4);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] p = randomPayload(rnd, 300);
            byte[] f = FrameEncoder.encode(p);
            int cut = 2 + rnd.nextInt(f.length - 3); // keep the leading delimiter, lose the tail
            Collect c = new Collect();
            FrameDecoder d = new FrameDecoder(c);
            d.feed(f, 0, cut);
            d.feed(new byte[] {0});
            d.feed(FrameEncoder.encode(p));
            assertEquals(1, c.frames.size(), "trial " + trial);
            assertArrayEquals(p, c.frames.get(0));
            assertEquals(1, c.drops.size());
        }
    }

    @Test
    void oversizeIsDroppedAndDecoderRecovers() {
        Collect c = new Collect();
        FrameDecoder d = new FrameDecoder(c);
        byte[] junk = new byte[3 * Frames.MAX_ENCODED];
        java.util.Arrays.fill(junk, (byte) 0x55);
        d.feed(junk);
        d.feed(FrameEncoder.encode(new byte[] {1, 2, 3}));
        assertEquals(List.of(FrameDecoder.Drop.OVERSIZE), c.drops);
        assertEquals(1, c.frames.size());
        assertArrayEquals(new byte[] {1, 2, 3}, c.frames.get(0));
    }

    @Test
    void fuzzedBytesNeverThrow() {
        Random rnd = new Random(5);
        Collect c = new Collect();
        FrameDecoder d = new FrameDecoder(c);
        byte[] buf = new byte[10_000];
        for (int trial = 0; trial < 300; trial++) {
            rnd.nextBytes(buf);
            int zeros = rnd.nextInt(100); // sometimes long blocks, sometimes many short ones
            for (int i = 0; i < buf.length; i++) {
                if (rnd.nextInt(1000) < zeros) {
                    buf[i] = 0;
                }
            }
            d.feed(buf, 0, 1 + rnd.nextInt(buf.length));
        }
        // random blocks pass a CRC-32 with odds 2^-32: nothing should have come through
        assertEquals(0, c.frames.size());
        assertTrue(d.framesDropped() > 0);
    }
}
