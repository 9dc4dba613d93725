package snn.protocol.compress;

/**
 * Constants of the SNZ1 upload stream (docs/device-spec.md section 16): the image is cut into
 * {@link #BLOCK}-byte blocks, each coded on its own with an adaptive binary range coder over nibbles
 * whose context is the same nibble one weight row earlier ({@code stride} bytes back). Blocks are
 * independent, so a board that lost its RAM resumes at any block boundary; they are aligned to the
 * board's journal step, so every journalled offset is one.
 *
 * <p>Block header, 8 bytes, little-endian: {@code u16 payload_len, u16 stride, u32 crc32 of the
 * block's decoded bytes}; then {@code payload_len} bytes. {@code stride = STORED} means the payload is
 * the block's bytes as they are.
 */
public final class Snz {
    /** Image bytes per block (the last block holds the rest). Equals the board's journal step. */
    public static final int BLOCK = 4096;
    public static final int HEADER = 8;
    /** Largest stride; the decoder keeps this many decoded bytes for the context. */
    public static final int MAX_STRIDE = 1024;
    /** Stride value of a stored (uncoded) block. */
    public static final int STORED = 0xFFFF;
    /** Probabilities are PROB_BITS-bit fractions of 1, start at one half and move by 1/2^ADAPT of the gap. */
    static final int PROB_BITS = 11;
    static final int PROB_INIT = 1 << (PROB_BITS - 1);
    static final int ADAPT = 4;
    static final long TOP = 1L << 24;
    /** Contexts: nibble half (low, high) x the nibble above (0..15); 16 probabilities each (index 0 unused). */
    static final int CONTEXTS = 32;
    /**
     * RAM of the decoder state as the C firmware holds it on a 32-bit Cortex-M (sizeof(snn_snz), checked
     * with arm-none-eabi-nm on the mps2-an385 build): probabilities 1,024 bytes (u16), the window 1,024,
     * the header 8, registers 68. The emulator reports this figure in DeviceInfo.decoder_ram_bytes.
     */
    public static final int DECODER_RAM_BYTES = 2124;

    private Snz() {
    }

    /** Decoded length of the block that starts at image offset {@code at}. */
    static int blockLength(int imageSize, int at) {
        return Math.min(BLOCK, imageSize - at);
    }

    static int blocks(int imageSize) {
        return (imageSize + BLOCK - 1) / BLOCK;
    }
}
