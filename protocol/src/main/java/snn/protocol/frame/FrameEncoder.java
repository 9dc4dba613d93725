package snn.protocol.frame;

/**
 * Turns one payload into the bytes of one frame (layout in {@link Frames}). Stateless and
 * thread-safe; the caller writes the returned bytes to the link in one piece.
 */
public final class FrameEncoder {
    private FrameEncoder() {
    }

    public static byte[] encode(byte[] payload) {
        return encode(payload, 0, payload.length);
    }

    /** Frames {@code payload[off, off+len)}; 1 <= len <= {@link Frames#MAX_PAYLOAD}. */
    public static byte[] encode(byte[] payload, int off, int len) {
        if (len < 1 || len > Frames.MAX_PAYLOAD) {
            throw new IllegalArgumentException("frame payload of " + len + " bytes, must be 1.." + Frames.MAX_PAYLOAD);
        }
        byte[] raw = new byte[len + Frames.CRC_BYTES];
        System.arraycopy(payload, off, raw, 0, len);
        int crc = Frames.crc32(payload, off, len);
        raw[len] = (byte) crc;
        raw[len + 1] = (byte) (crc >>> 8);
        raw[len + 2] = (byte) (crc >>> 16);
        raw[len + 3] = (byte) (crc >>> 24);
        byte[] wire = new byte[Frames.maxEncodedLength(raw.length) + 2];
        wire[0] = Frames.DELIMITER;
        int n = Cobs.encode(raw, 0, raw.length, wire, 1);
        wire[n + 1] = Frames.DELIMITER;
        return n + 2 == wire.length ? wire : java.util.Arrays.copyOf(wire, n + 2);
    }
}
