package snn.protocol.frame;

/**
 * Cuts a byte stream into frames (layout in {@link Frames}). Feed it bytes in any pieces with
 * {@link #feed}; each complete, intact frame goes to {@link Sink#frame}, each damaged one to
 * {@link Sink#dropped}. It never throws on garbage: after noise it resynchronises at the next 0x00.
 *
 * <p>States: collecting bytes of the current block until a 0x00; or, after the block grew past
 * {@link Frames#MAX_ENCODED}, discarding until the next 0x00 (reported once as {@link Drop#OVERSIZE}).
 * Not thread-safe: one decoder per receiving thread.
 */
public final class FrameDecoder {
    /** Why a frame was dropped. */
    public enum Drop {
        /** The block between delimiters exceeded the maximum frame length. */
        OVERSIZE,
        /** The block was not valid COBS or too short to hold a CRC. */
        MALFORMED,
        /** The CRC-32 did not match the payload. */
        BAD_CRC
    }

    /** Receives the decoder's results, on the thread that calls {@link #feed}. */
    public interface Sink {
        /** An intact payload; the array is the sink's to keep. */
        void frame(byte[] payload);

        /** A damaged frame of {@code length} bytes between delimiters was discarded. */
        default void dropped(Drop reason, int length) {
        }
    }

    private final byte[] block = new byte[Frames.MAX_ENCODED];
    private final byte[] decoded = new byte[Frames.MAX_ENCODED];
    private final Sink sink;
    private int length;
    private boolean discarding;
    private int discardedLength;
    private long frames;
    private long drops;

    public FrameDecoder(Sink sink) {
        this.sink = sink;
    }

    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    public void feed(byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            byte b = data[i];
            if (b == Frames.DELIMITER) {
                endOfBlock();
            } else if (discarding) {
                discardedLength++;
            } else if (length == block.length) {
                discarding = true;
                discardedLength = length + 1;
                length = 0;
            } else {
                block[length++] = b;
            }
        }
    }

    /** Forgets a partly received frame, e.g. after the link was reopened. */
    public void reset() {
        length = 0;
        discarding = false;
    }

    public long framesDecoded() {
        return frames;
    }

    public long framesDropped() {
        return drops;
    }

    private void endOfBlock() {
        if (discarding) {
            discarding = false;
            drops++;
            sink.dropped(Drop.OVERSIZE, discardedLength);
            return;
        }
        int n = length;
        length = 0;
        if (n == 0) {
            return; // back-to-back delimiters: idle line or the leading delimiter of a frame
        }
        int raw = Cobs.decode(block, 0, n, decoded);
        if (raw <= Frames.CRC_BYTES) {
            drops++;
            sink.dropped(Drop.MALFORMED, n);
            return;
        }
        int payload = raw - Frames.CRC_BYTES;
        if (payload > Frames.MAX_PAYLOAD) {
            drops++;
            sink.dropped(Drop.OVERSIZE, n);
            return;
        }
        int want = (decoded[payload] & 0xFF) | (decoded[payload + 1] & 0xFF) << 8
                | (decoded[payload + 2] & 0xFF) << 16 | (decoded[payload + 3] & 0xFF) << 24;
        if (Frames.crc32(decoded, 0, payload) != want) {
            drops++;
            sink.dropped(Drop.BAD_CRC, n);
            return;
        }
        frames++;
        sink.frame(java.util.Arrays.copyOf(decoded, payload));
    }
}
