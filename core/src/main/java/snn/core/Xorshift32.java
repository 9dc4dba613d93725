package snn.core;

/**
 * The device's PRNG: Marsaglia's xorshift32 (shifts 13, 17, 5), seeded per image.
 * <pre>
 *   seed(s):  x = fmix32(s XOR 0x5EED5EED); if x == 0 then x = 0x6D2B79F5
 *   next():   x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return x   (all uint32)
 *   fmix32(h): h ^= h >>> 16; h *= 0x85EBCA6B; h ^= h >>> 13; h *= 0xC2B2AE35; h ^= h >>> 16
 * </pre>
 * The image seed is the image's index in its split unless a caller passes another.
 */
public final class Xorshift32 {
    private int x;

    public Xorshift32(int imageSeed) {
        reseed(imageSeed);
    }

    public void reseed(int imageSeed) {
        int h = fmix32(imageSeed ^ 0x5EED5EED);
        x = h == 0 ? 0x6D2B79F5 : h;
    }

    public static int fmix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    public int next() {
        x = advance(x);
        return x;
    }

    /** One xorshift32 step from state {@code v} (the new state is also the output). */
    public static int advance(int v) {
        v ^= v << 13;
        v ^= v >>> 17;
        v ^= v << 5;
        return v;
    }

    /**
     * The state {@code k} steps after {@code v}, in about 32 operations per set bit of k instead of k
     * steps. A step is linear over GF(2) (shifts and XORs only), so k steps are the matrix M^k applied
     * to the state; {@link #POWERS} holds M^(2^b) by columns.
     */
    public static int jump(int v, long k) {
        for (int b = 0; k != 0; b++, k >>>= 1) {
            if ((k & 1) != 0) {
                v = apply(POWERS[b], v);
            }
        }
        return v;
    }

    /**
     * A table for jumping {@code k} steps in four lookups: M^k applied to each byte of the state,
     * entries [256 q + b] for byte q (0 = lowest) of value b. Use with {@link #jump(int[], int)}.
     */
    public static int[] jumpTable(long k) {
        int[] column = new int[32];
        for (int i = 0; i < 32; i++) {
            column[i] = jump(1 << i, k);
        }
        int[] t = new int[1024];
        for (int q = 0; q < 4; q++) {
            for (int b = 1; b < 256; b++) {
                // b = (b without its lowest set bit) + that bit; M^k is linear
                t[256 * q + b] = t[256 * q + (b & (b - 1))] ^ column[8 * q + Integer.numberOfTrailingZeros(b)];
            }
        }
        return t;
    }

    /** The state {@code k} steps after {@code v}, with the table of {@link #jumpTable(long) jumpTable(k)}. */
    public static int jump(int[] table, int v) {
        return table[v & 0xFF] ^ table[256 + ((v >>> 8) & 0xFF)] ^ table[512 + ((v >>> 16) & 0xFF)]
                ^ table[768 + (v >>> 24)];
    }

    /** M^(2^b) for b = 0..62; column i is the image of the state with only bit i set. */
    private static final int[][] POWERS = new int[63][32];

    static {
        for (int i = 0; i < 32; i++) {
            POWERS[0][i] = advance(1 << i);
        }
        for (int b = 1; b < POWERS.length; b++) {
            for (int i = 0; i < 32; i++) {
                POWERS[b][i] = apply(POWERS[b - 1], POWERS[b - 1][i]);
            }
        }
    }

    /** The GF(2) matrix {@code columns} times the vector {@code v}: XOR of the columns of v's set bits. */
    private static int apply(int[] columns, int v) {
        int r = 0;
        for (int i = 0; i < 32; i++) {
            r ^= columns[i] & -((v >>> i) & 1);
        }
        return r;
    }

    /** Sets the raw state (for loops that keep the state in a local variable and hand it back). */
    public void setState(int state) {
        x = state;
    }

    public int state() {
        return x;
    }
}
