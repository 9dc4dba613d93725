package snn.protocol.compress;

import java.util.zip.CRC32;

/**
 * Decodes an SNZ1 stream (docs/device-spec.md section 16) as it arrives, in bounded memory: bytes are
 * pushed in with {@link #feed} in any pieces, and decoded image bytes come out through the
 * {@link Sink} in order. The last bytes of a block reach the sink only after its CRC-32 matched, so a
 * sink that records progress at block ends never records a corrupt block. Mirrors the C firmware's
 * {@code snn_snz.c} state for state; a stream either decodes to exactly the image's bytes or raises
 * {@link BadStream}.
 */
public final class SnzDecoder {
    /** Receives decoded bytes: {@code data[off, off+len)} are image bytes {@code [imageOffset, imageOffset+len)}. */
    @FunctionalInterface
    public interface Sink {
        void write(int imageOffset, byte[] data, int off, int len);
    }

    /** The stream does not decode; the message says where and why. */
    public static final class BadStream extends RuntimeException {
        BadStream(String message) {
            super(message, null, false, false);
        }
    }

    private enum State { HEADER, STORED, INIT, CODED, END }

    private final int imageSize;
    private final byte[] window = new byte[Snz.MAX_STRIDE]; // the last MAX_STRIDE decoded bytes, ring
    private final short[] probs = new short[Snz.CONTEXTS * 16];
    private final byte[] header = new byte[Snz.HEADER];
    private final CRC32 crc = new CRC32();
    private State state = State.HEADER;
    private int blockAt;        // image offset of the current block
    private int blockLen;       // its decoded length
    private int pos;            // decoded bytes of the current block
    private int flushed;        // of those, handed to the sink
    private int headerFill;
    private int payloadLen;
    private int stride;
    private int expectedCrc;
    private int consumed;       // payload bytes consumed
    private long range;
    private long code;
    private int half;           // 0: decoding the low nibble, 1: the high one
    private int node;           // position in the nibble's bit tree, 1..15
    private int low;            // the decoded low nibble
    private int up;             // the byte one stride earlier (0 without one)

    /** A decoder waiting for the block that starts at image offset 0. */
    public SnzDecoder(int imageSize) {
        if (imageSize <= 0) {
            throw new IllegalArgumentException("image size " + imageSize);
        }
        this.imageSize = imageSize;
    }

    /** Forgets everything and waits for the block that starts at {@code imageOffset} (a multiple of BLOCK below the size). */
    public void restartAt(int imageOffset) {
        if (imageOffset % Snz.BLOCK != 0 || imageOffset < 0 || imageOffset >= imageSize) {
            throw new IllegalArgumentException("image offset " + imageOffset + " is not a block start");
        }
        blockAt = imageOffset;
        state = State.HEADER;
        headerFill = 0;
        pos = 0;
        flushed = 0;
    }

    /** Image offset of the next byte to decode (the image size when done). */
    public int imageOffset() {
        return state == State.END ? imageSize : blockAt + pos;
    }

    /** Image offset of the block being decoded (or awaited). */
    public int blockImageOffset() {
        return state == State.END ? imageSize : blockAt;
    }

    /** True while no byte of the current block has arrived: the decoder can be pointed at another block. */
    public boolean atBlockStart() {
        return state == State.HEADER && headerFill == 0;
    }

    public boolean done() {
        return state == State.END;
    }

    /** The stream has no more bytes: refused unless every image byte was decoded (a truncated stream). */
    public void finish() {
        if (state != State.END) {
            throw bad("stream ends after image byte " + imageOffset() + " of " + imageSize);
        }
    }

    /** Decodes {@code data[off, off+len)}; every byte is consumed or the stream is refused. */
    public void feed(byte[] data, int off, int len, Sink sink) {
        for (int i = off; i < off + len; i++) {
            int b = data[i] & 0xFF;
            switch (state) {
                case HEADER -> {
                    header[headerFill++] = (byte) b;
                    if (headerFill == Snz.HEADER) {
                        startBlock();
                    }
                }
                case STORED -> {
                    consumed++;
                    put(b, sink);
                    if (pos == blockLen) {
                        endBlock(sink);
                    }
                }
                case INIT -> {
                    if (consumed == 0 && b != 0) {
                        throw bad("first payload byte is " + b + ", must be 0");
                    }
                    consumed++;
                    code = ((code << 8) | b) & 0xFFFFFFFFL;
                    if (consumed == 5) {
                        state = State.CODED;
                        decode(sink);
                    }
                }
                case CODED -> {
                    if (consumed == payloadLen) {
                        throw bad("payload of " + payloadLen + " bytes ends before the block's " + blockLen
                                + " bytes are decoded (" + pos + " so far)");
                    }
                    consumed++;
                    code = ((code << 8) | b) & 0xFFFFFFFFL;
                    range = (range << 8) & 0xFFFFFFFFL;
                    decode(sink);
                }
                case END -> throw new BadStream("stream continues after the image's last byte (image of " + imageSize
                        + " bytes)");
            }
        }
        if (state == State.STORED || state == State.INIT || state == State.CODED) {
            flush(sink, Math.min(pos, blockLen - 1)); // the block's last byte waits for its CRC check
        }
    }

    private void startBlock() {
        payloadLen = u16(0);
        stride = u16(2);
        expectedCrc = (header[4] & 0xFF) | (header[5] & 0xFF) << 8 | (header[6] & 0xFF) << 16 | (header[7] & 0xFF) << 24;
        blockLen = Snz.blockLength(imageSize, blockAt);
        pos = 0;
        flushed = 0;
        consumed = 0;
        crc.reset();
        if (stride == Snz.STORED) {
            if (payloadLen != blockLen) {
                throw bad("stored block with payload_len " + payloadLen + ", expected the block's length " + blockLen);
            }
            state = State.STORED;
            return;
        }
        if (stride > Snz.MAX_STRIDE) {
            throw bad("stride " + stride + ", limit " + Snz.MAX_STRIDE);
        }
        if (payloadLen < 5) {
            throw bad("coded block with payload_len " + payloadLen + ", at least 5");
        }
        java.util.Arrays.fill(probs, (short) Snz.PROB_INIT);
        range = 0xFFFFFFFFL;
        code = 0;
        half = 0;
        node = 1;
        up = 0;
        state = State.INIT;
    }

    /** Decodes bits until a byte of input is needed or the block is complete. */
    private void decode(Sink sink) {
        while (range >= Snz.TOP) {
            if (pos == blockLen) {
                endBlock(sink);
                return;
            }
            if (node == 1 && half == 0) {
                up = stride > 0 && pos >= stride ? window[(pos - stride) & (Snz.MAX_STRIDE - 1)] & 0xFF : 0;
            }
            int i = (half * 16 + ((up >>> (4 * half)) & 15)) * 16 + node;
            int p = probs[i];
            long bound = (range >>> Snz.PROB_BITS) * p;
            if (code < bound) {
                range = bound;
                probs[i] = (short) (p + (((1 << Snz.PROB_BITS) - p) >>> Snz.ADAPT));
                node = 2 * node;
            } else {
                code -= bound;
                range -= bound;
                probs[i] = (short) (p - (p >>> Snz.ADAPT));
                node = 2 * node + 1;
            }
            if (node >= 16) {
                if (half == 0) {
                    low = node - 16;
                    half = 1;
                } else {
                    put(low | (node - 16) << 4, sink);
                    half = 0;
                }
                node = 1;
            }
        }
    }

    private void put(int b, Sink sink) {
        if (pos - flushed == Snz.MAX_STRIDE) {
            flush(sink, pos);
        }
        window[pos & (Snz.MAX_STRIDE - 1)] = (byte) b;
        crc.update(b);
        pos++;
    }

    private void endBlock(Sink sink) {
        if (consumed != payloadLen) {
            throw bad("block decoded after " + consumed + " of its " + payloadLen + " payload bytes");
        }
        if ((int) crc.getValue() != expectedCrc) {
            throw bad(String.format("decoded bytes have CRC-32 %08x, the header says %08x", (int) crc.getValue(), expectedCrc));
        }
        flush(sink, pos);
        blockAt += blockLen;
        pos = 0;
        flushed = 0;
        headerFill = 0;
        state = blockAt == imageSize ? State.END : State.HEADER;
    }

    /** Hands decoded bytes [flushed, upTo) of the current block to the sink. */
    private void flush(Sink sink, int upTo) {
        while (flushed < upTo) {
            int from = flushed & (Snz.MAX_STRIDE - 1);
            int n = Math.min(upTo - flushed, Snz.MAX_STRIDE - from);
            sink.write(blockAt + flushed, window, from, n);
            flushed += n;
        }
    }

    private int u16(int at) {
        return (header[at] & 0xFF) | (header[at + 1] & 0xFF) << 8;
    }

    private BadStream bad(String why) {
        return new BadStream("SNZ1 block at image offset " + blockAt + ": " + why);
    }
}
