package snn.protocol.frame;

import java.util.zip.CRC32;

/**
 * Constants and helpers shared by {@link FrameEncoder} and {@link FrameDecoder}.
 *
 * <p>One frame on the wire:
 * <pre>
 *   +------+-------------------------------------------------+------+
 *   | 0x00 | COBS( payload[0..n) || CRC-32(payload) as u32le ) | 0x00 |
 *   +------+-------------------------------------------------+------+
 *            n = 1..MAX_PAYLOAD bytes, CRC-32/IEEE (zlib's crc32),
 *            COBS adds 1 byte per started 254 bytes and removes every 0x00
 * </pre>
 * The leading 0x00 is optional for a decoder (empty frames are skipped); the encoder sends it so that
 * line noise before a frame is cut off as its own (dropped) frame instead of spoiling the next one.
 */
public final class Frames {
    /** Largest payload (one encoded protobuf message) a frame carries. */
    public static final int MAX_PAYLOAD = 4096;
    /** Bytes of CRC after the payload, inside the COBS block. */
    public static final int CRC_BYTES = 4;
    /** Largest COBS block between two delimiters: payload + CRC + COBS overhead. */
    public static final int MAX_ENCODED = maxEncodedLength(MAX_PAYLOAD + CRC_BYTES);
    public static final byte DELIMITER = 0;

    private Frames() {
    }

    /** COBS length of {@code n} raw bytes: one code byte per started run of 254, plus the final code. */
    public static int maxEncodedLength(int n) {
        return n + n / 254 + 1;
    }

    /** CRC-32/IEEE of {@code data[off, off+len)}. */
    public static int crc32(byte[] data, int off, int len) {
        CRC32 crc = new CRC32();
        crc.update(data, off, len);
        return (int) crc.getValue();
    }

    /** Bytes a frame with an {@code n}-byte payload occupies on the wire, both delimiters included. */
    public static int wireLength(int n) {
        return maxEncodedLength(n + CRC_BYTES) + 2;
    }
}
