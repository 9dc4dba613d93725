package snn.deploy.profile;

import snn.protocol.image.ImageWriter;

/**
 * Flash and RAM a model needs on a board: the one function the C firmware's static buffers match
 * (docs/device-spec.md, "Size accounting"). Every array is rounded up to 4 bytes.
 *
 * <pre>
 * flash = flash_reserve + image_bytes
 * RAM   = ram_reserve + PROTOCOL_RAM + loop state + input buffers
 *   loop state    v, v_inh, acc: i32[n] each           12 n
 *                 counts: u16[n]                       align4(2 n)
 *                 ref, ref_inh, exc_spiked, inh_spiked: u8[n] each   4 align4(n)
 *   input         pixels: u8[inputs]                   align4(inputs)
 *                 prob, active: u16[inputs] each       2 align4(2 inputs)
 * </pre>
 */
public final class Footprint {
    /** Receive frame 1280 + transmit frame 1280 + one decoded message 1536 bytes. */
    public static final long PROTOCOL_RAM = snn.protocol.image.ImageFormat.PROTOCOL_RAM;
    /**
     * The SNZ1 stream decoder's state (docs/device-spec.md section 16): sizeof(snn_snz) on a 32-bit
     * Cortex-M, 1,024 bytes of probabilities, a 1,024-byte window, the block header and registers.
     * Part of the 8 KiB of firmware globals in ram_reserve, so it adds nothing to the formula.
     */
    public static final long STREAM_DECODER_RAM = snn.protocol.compress.Snz.DECODER_RAM_BYTES;

    private Footprint() {
    }

    static long align4(long x) {
        return (x + 3) & ~3L;
    }

    /** Loop state plus input buffers, without the protocol buffers and the firmware's reserve. */
    public static long loopRamBytes(int inputs, int neurons) {
        return snn.protocol.image.ImageFormat.loopRamBytes(inputs, neurons);
    }

    public static long ramBytes(DeviceProfile p, int inputs, int neurons) {
        return p.ramReserveBytes() + PROTOCOL_RAM + loopRamBytes(inputs, neurons);
    }

    /**
     * RAM of the board's stream decoder: 0 on the ports whose firmware leaves it out for room
     * (microbit, nucleo-f411re: raw uploads only), else {@link #STREAM_DECODER_RAM}.
     */
    public static long streamDecoderRamBytes(DeviceProfile p) {
        return p.name().equals("microbit") || p.name().equals("nucleo-f411re") ? 0 : STREAM_DECODER_RAM;
    }

    public static long flashBytes(DeviceProfile p, long imageBytes) {
        return p.flashReserveBytes() + imageBytes;
    }

    /** Image bytes of a quantized model (the quantizer always writes the optional SCALE section). */
    public static long imageBytes(int inputs, int neurons, int bits) {
        return ImageWriter.imageBytes(inputs, neurons, bits, true);
    }

    public static boolean fits(DeviceProfile p, int inputs, int neurons, int bits) {
        return flashBytes(p, imageBytes(inputs, neurons, bits)) <= p.flashBytes()
                && ramBytes(p, inputs, neurons) <= p.ramBytes();
    }

    /** The most neurons that fit at this bit width (0 if none). Sizes grow with neurons, so bisect. */
    public static int maxNeurons(DeviceProfile p, int inputs, int bits) {
        int lo = 0;
        int hi = 65535;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (fits(p, inputs, mid, bits)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
