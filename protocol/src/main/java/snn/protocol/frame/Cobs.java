package snn.protocol.frame;

/**
 * Consistent Overhead Byte Stuffing: rewrites a block so that it contains no 0x00, at a cost of one
 * byte per started 254 bytes. Each code byte {@code c} (1..255) is followed by {@code c-1} non-zero
 * data bytes; a zero follows implicitly unless {@code c == 255} or the block ends.
 * <pre>
 *   raw:     11 22 00 33          encoded: 03 11 22 02 33
 *   raw:     00                   encoded: 01 01
 * </pre>
 */
public final class Cobs {
    private Cobs() {
    }

    /** Encodes {@code src[off, off+len)} into {@code dst} at {@code dstOff}; returns bytes written. */
    public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int codePos = dstOff;
        int out = dstOff + 1;
        int code = 1;
        for (int i = off; i < off + len; i++) {
            byte b = src[i];
            if (b != 0) {
                dst[out++] = b;
                code++;
            }
            if (b == 0 || code == 0xFF) {
                dst[codePos] = (byte) code;
                codePos = out++;
                code = 1;
            }
        }
        dst[codePos] = (byte) code;
        return out - dstOff;
    }

    /**
     * Decodes {@code src[off, off+len)} (a block without delimiters) into {@code dst}; returns the
     * decoded length, or -1 when the block is not valid COBS (a zero byte or a code running past
     * the end). Never throws for any input that fits {@code dst}.
     */
    public static int decode(byte[] src, int off, int len, byte[] dst) {
        int in = off;
        int end = off + len;
        int out = 0;
        while (in < end) {
            int code = src[in++] & 0xFF;
            if (code == 0 || in + code - 1 > end) {
                return -1;
            }
            for (int i = 1; i < code; i++) {
                byte b = src[in++];
                if (b == 0) {
                    return -1;
                }
                dst[out++] = b;
            }
            if (code != 0xFF && in < end) {
                dst[out++] = 0;
            }
        }
        return out;
    }
}
