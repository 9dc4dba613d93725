package snn.protocol.image;

/**
 * Packs input-major weight rows into b-bit fields (b = 2, 4 or 8): in row i, neuron j occupies bits
 * [j*b, j*b+b) counted LSB first through the row's bytes, which is the same as bits
 * [(j*b) mod 32, +b) of the row's little-endian u32 word (j*b)/32. Rows are padded with zero bits
 * to {@link ImageFormat#weightRowBytes}, so every row starts on a 4-byte boundary.
 */
public final class WeightPacking {
    private WeightPacking() {
    }

    public static void pack(int[] weights, int inputs, int neurons, int bits, byte[] out, int offset) {
        int row = ImageFormat.weightRowBytes(neurons, bits);
        int perByte = 8 / bits;
        for (int i = 0; i < inputs; i++) {
            int base = offset + i * row;
            java.util.Arrays.fill(out, base, base + row, (byte) 0);
            for (int j = 0; j < neurons; j++) {
                int w = weights[i * neurons + j];
                int at = base + j / perByte;
                out[at] = (byte) (out[at] | (w << ((j % perByte) * bits)));
            }
        }
    }

    /** Unpacks into {@code weights[i * neurons + j]}. */
    public static int[] unpack(byte[] in, int offset, int inputs, int neurons, int bits) {
        int row = ImageFormat.weightRowBytes(neurons, bits);
        int perByte = 8 / bits;
        int mask = (1 << bits) - 1;
        int[] w = new int[inputs * neurons];
        for (int i = 0; i < inputs; i++) {
            int base = offset + i * row;
            for (int j = 0; j < neurons; j++) {
                w[i * neurons + j] = ((in[base + j / perByte] & 0xFF) >>> ((j % perByte) * bits)) & mask;
            }
        }
        return w;
    }

    /** Whether the padding bits of every row (after the last neuron's field) are zero. */
    public static int firstNonZeroPaddingRow(byte[] in, int offset, int inputs, int neurons, int bits) {
        int row = ImageFormat.weightRowBytes(neurons, bits);
        long usedBits = (long) neurons * bits;
        for (int i = 0; i < inputs; i++) {
            int base = offset + i * row;
            for (long bit = usedBits; bit < row * 8L; bit++) {
                if (((in[base + (int) (bit >>> 3)] >>> (bit & 7)) & 1) != 0) {
                    return i;
                }
            }
        }
        return -1;
    }
}
