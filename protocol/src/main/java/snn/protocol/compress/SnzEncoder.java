package snn.protocol.compress;

import java.io.ByteArrayOutputStream;
import snn.protocol.frame.Frames;

/**
 * Encodes an image as an SNZ1 stream. Each block is coded twice, with stride 0 (no context) and with
 * the image's weight row length as stride, and the shorter wins; a block that would not shrink is
 * stored. Deterministic: the same image always gives the same stream.
 */
public final class SnzEncoder {
    /** The encoded stream and where each block starts in it (block k decodes to image offset k * BLOCK). */
    public record Stream(byte[] bytes, int[] blockStarts, int imageSize) {
        /** Stream offset of the block that decodes to image offset {@code imageOffset} (a multiple of BLOCK). */
        public int blockStart(int imageOffset) {
            if (imageOffset % Snz.BLOCK != 0 || imageOffset < 0 || imageOffset >= imageSize) {
                throw new IllegalArgumentException("image offset " + imageOffset + " is not a block start of a "
                        + imageSize + "-byte image");
            }
            return blockStarts[imageOffset / Snz.BLOCK];
        }

        /** The index k of the block that starts at stream offset {@code at} (it decodes to image offset k * BLOCK), or -1. */
        public int blockIndexAt(int at) {
            int k = java.util.Arrays.binarySearch(blockStarts, at);
            return k >= 0 ? k : -1;
        }
    }

    private SnzEncoder() {
    }

    public static Stream encode(byte[] image) {
        return encode(image, rowStride(image));
    }

    /** Encodes with {@code stride} as the context stride candidate (0 = no context only). */
    public static Stream encode(byte[] image, int stride) {
        if (stride < 0 || stride > Snz.MAX_STRIDE) {
            stride = 0;
        }
        int n = Snz.blocks(image.length);
        int[] starts = new int[n];
        ByteArrayOutputStream out = new ByteArrayOutputStream(image.length / 2 + 64);
        for (int k = 0; k < n; k++) {
            starts[k] = out.size();
            int at = k * Snz.BLOCK;
            int len = Snz.blockLength(image.length, at);
            byte[] best = codeBlock(image, at, len, 0);
            int bestStride = 0;
            if (stride > 0) {
                byte[] c = codeBlock(image, at, len, stride);
                if (c.length < best.length) {
                    best = c;
                    bestStride = stride;
                }
            }
            if (best.length >= len) {
                best = java.util.Arrays.copyOfRange(image, at, at + len);
                bestStride = Snz.STORED;
            }
            int crc = Frames.crc32(image, at, len);
            out.write(best.length & 0xFF);
            out.write(best.length >>> 8);
            out.write(bestStride & 0xFF);
            out.write(bestStride >>> 8);
            for (int s = 0; s < 32; s += 8) {
                out.write(crc >>> s);
            }
            out.writeBytes(best);
        }
        return new Stream(out.toByteArray(), starts, image.length);
    }

    /** The device image's weight row length (header field at byte 20) when it is a usable stride, else 0. */
    static int rowStride(byte[] image) {
        if (image.length < 24 || image[0] != 'S' || image[1] != 'N' || image[2] != 'N' || image[3] != 'I') {
            return 0;
        }
        int row = (image[20] & 0xFF) | (image[21] & 0xFF) << 8 | (image[22] & 0xFF) << 16 | (image[23] & 0xFF) << 24;
        return row > 0 && row <= Snz.MAX_STRIDE ? row : 0;
    }

    /** Range-codes one block (payload only). */
    static byte[] codeBlock(byte[] image, int at, int len, int stride) {
        RangeEncoder rc = new RangeEncoder(len / 2 + 16);
        short[] probs = new short[Snz.CONTEXTS * 16];
        java.util.Arrays.fill(probs, (short) Snz.PROB_INIT);
        for (int p = 0; p < len; p++) {
            int b = image[at + p] & 0xFF;
            int up = stride > 0 && p >= stride ? image[at + p - stride] & 0xFF : 0;
            for (int h = 0; h < 2; h++) {
                int nib = (b >>> (4 * h)) & 15;
                int base = (h * 16 + ((up >>> (4 * h)) & 15)) * 16;
                int node = 1;
                for (int k = 3; k >= 0; k--) {
                    int bit = (nib >>> k) & 1;
                    rc.bit(probs, base + node, bit);
                    node = 2 * node + bit;
                }
            }
        }
        return rc.finish();
    }

    /** LZMA's range encoder (carry propagation through a cached byte and a run of 0xFF). */
    static final class RangeEncoder {
        private final ByteArrayOutputStream out;
        private long low;
        private long range = 0xFFFFFFFFL;
        private int cache;
        private long cacheSize = 1;

        RangeEncoder(int capacity) {
            out = new ByteArrayOutputStream(capacity);
        }

        void bit(short[] probs, int i, int bit) {
            int p = probs[i];
            long bound = (range >>> Snz.PROB_BITS) * p;
            if (bit == 0) {
                range = bound;
                probs[i] = (short) (p + (((1 << Snz.PROB_BITS) - p) >>> Snz.ADAPT));
            } else {
                low += bound;
                range -= bound;
                probs[i] = (short) (p - (p >>> Snz.ADAPT));
            }
            while (range < Snz.TOP) {
                range = (range << 8) & 0xFFFFFFFFL;
                shiftLow();
            }
        }

        private void shiftLow() {
            if (low < 0xFF000000L || low > 0xFFFFFFFFL) {
                int carry = (int) (low >>> 32);
                int temp = cache;
                do {
                    out.write((temp + carry) & 0xFF);
                    temp = 0xFF;
                } while (--cacheSize != 0);
                cache = (int) ((low >>> 24) & 0xFF);
            }
            cacheSize++;
            low = (low & 0x00FFFFFFL) << 8;
        }

        byte[] finish() {
            for (int i = 0; i < 5; i++) {
                shiftLow();
            }
            return out.toByteArray();
        }
    }
}
