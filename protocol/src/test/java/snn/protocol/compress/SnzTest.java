package snn.protocol.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SnzTest {
    /** Bytes like 4-bit weight rows: mostly 0 nibbles, each 200-byte row much like the one before. */
    static byte[] rows(long seed, int n) {
        Random r = new Random(seed);
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int lo = r.nextInt(3) == 0 ? r.nextInt(16) : 0;
            int hi = r.nextInt(3) == 0 ? r.nextInt(16) : 0;
            b[i] = (byte) (i >= 200 && r.nextInt(4) != 0 ? b[i - 200] : lo | hi << 4);
        }
        return b;
    }

    static byte[] decode(byte[] stream, int size, long seed) {
        byte[] out = new byte[size];
        int[] next = {0};
        SnzDecoder d = new SnzDecoder(size);
        Random r = new Random(seed);
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(1 + r.nextInt(700), stream.length - at);
            d.feed(stream, at, n, (off, data, o, len) -> {
                assertEquals(next[0], off, "decoded bytes arrive in order");
                System.arraycopy(data, o, out, off, len);
                next[0] = off + len;
            });
            at += n;
        }
        d.finish();
        assertTrue(d.done());
        return out;
    }

    @Test
    void roundTripsAtBlockEdgesInRandomPieces() {
        for (int size : new int[] {1, 7, 4095, 4096, 4097, 8192, 20000}) {
            byte[] rows = rows(size, size);
            SnzEncoder.Stream s = SnzEncoder.encode(rows, 200);
            assertArrayEquals(rows, decode(s.bytes(), size, size), "rows of " + size);
            assertEquals((size + 4095) / 4096, s.blockStarts().length);
            byte[] random = new byte[size];
            new Random(size).nextBytes(random);
            SnzEncoder.Stream rs = SnzEncoder.encode(random, 200);
            assertArrayEquals(random, decode(rs.bytes(), size, size + 1), "random " + size);
            // random bytes do not shrink: every block is stored, 8 bytes of header each
            assertEquals(size + 8 * rs.blockStarts().length, rs.bytes().length);
            assertEquals(0xFF, rs.bytes()[2] & 0xFF);
        }
    }

    @Test
    void rowsCompressAndTheRowStrideHelps() {
        byte[] rows = rows(1, 40000);
        int withStride = SnzEncoder.encode(rows, 200).bytes().length;
        int without = SnzEncoder.encode(rows, 0).bytes().length;
        assertTrue(withStride < without, withStride + " vs " + without);
        assertTrue(withStride < rows.length / 2, "stream " + withStride + " of " + rows.length);
    }

    @Test
    void blocksDecodeOnTheirOwnFromAnyBlockStart() {
        byte[] rows = rows(2, 20000);
        SnzEncoder.Stream s = SnzEncoder.encode(rows, 200);
        SnzDecoder d = new SnzDecoder(rows.length);
        d.restartAt(3 * Snz.BLOCK);
        byte[] out = new byte[rows.length];
        int from = s.blockStart(3 * Snz.BLOCK);
        d.feed(s.bytes(), from, s.bytes().length - from, (off, data, o, len) -> System.arraycopy(data, o, out, off, len));
        d.finish();
        assertArrayEquals(java.util.Arrays.copyOfRange(rows, 3 * Snz.BLOCK, rows.length),
                java.util.Arrays.copyOfRange(out, 3 * Snz.BLOCK, rows.length));
    }

    @Test
    void aBlockWithABadCrcNeverHandsOverItsLastByte() {
        byte[] rows = rows(3, 10000);
        byte[] s = SnzEncoder.encode(rows, 200).bytes().clone();
        s[4] ^= 1; // block 0's CRC
        int[] delivered = {0};
        SnzDecoder d = new SnzDecoder(rows.length);
        SnzDecoder.BadStream e = assertThrows(SnzDecoder.BadStream.class,
                () -> d.feed(s, 0, s.length, (off, data, o, len) -> delivered[0] = off + len));
        assertTrue(e.getMessage().startsWith("SNZ1 block at image offset 0: decoded bytes have CRC-32"), e.getMessage());
        assertTrue(delivered[0] < Snz.BLOCK, "delivered " + delivered[0]);
    }

    @Test
    void malformedStreamsAreRefusedWithTheReason() {
        byte[] rows = rows(4, 5000);
        byte[] s = SnzEncoder.encode(rows, 200).bytes();
        byte[] longer = java.util.Arrays.copyOf(s, s.length + 1);
        assertTrue(assertThrows(SnzDecoder.BadStream.class, () -> decode(longer, rows.length, 1)).getMessage()
                .contains("stream continues after the image's last byte"));
        byte[] shorter = java.util.Arrays.copyOf(s, s.length - 1);
        assertTrue(assertThrows(SnzDecoder.BadStream.class, () -> decode(shorter, rows.length, 1)).getMessage()
                .contains("stream ends after image byte"));
        byte[] stride = s.clone();
        stride[3] = 0x7F; // stride 0x7Fxx > 1024
        assertTrue(assertThrows(SnzDecoder.BadStream.class, () -> decode(stride, rows.length, 1)).getMessage()
                .contains("stride"));
        byte[] first = s.clone();
        first[8] = 1; // the range coder's first byte is always 0
        assertTrue(assertThrows(SnzDecoder.BadStream.class, () -> decode(first, rows.length, 1)).getMessage()
                .contains("first payload byte is 1, must be 0"));
    }
}
