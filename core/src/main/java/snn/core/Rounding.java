package snn.core;

/**
 * The integer helpers of the device loop. Every rounding the device does lives here, once.
 * docs/device-spec.md section "Arithmetic" is the normative text; the C firmware mirrors this file.
 */
public final class Rounding {
    private Rounding() {
    }

    /**
     * {@code round(v * k / 2^16)}, rounding half up, computed in 64 bits.
     * Inputs: v any int32, k in [0, 65536]. The product fits in 49 bits, so nothing overflows;
     * the shift is arithmetic (floor), so negative halves round toward +infinity, e.g. -0.5 -> 0.
     */
    public static int mulQ16Round(int v, int k) {
        return (int) (((long) v * k + 32768L) >> 16);
    }

    /** One leak step toward rest (0): {@code v - mulQ16Round(v, k)}. v any int32, k in [0, 65536]. */
    public static int leak(int v, int k) {
        return v - mulQ16Round(v, k);
    }

    /** Clamps a 64-bit intermediate to [lo, Integer.MAX_VALUE]. */
    public static int clampToFloor(long x, int lo) {
        if (x < lo) {
            return lo;
        }
        return x > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) x;
    }
}
