package snn.trainer;

/**
 * Synaptic scaling: rescales one excitatory neuron's incoming weight vector (a strided column of the
 * input-major weight matrix) so that its L1 sum or L2 norm equals the target, in exact integer math.
 * <pre>
 *   L1: s = sum(w)                 w' = min(WEIGHT_MAX, (w * target + s/2) / s)
 *   L2: s = isqrt(sum(w^2)) (floor)  w' = min(WEIGHT_MAX, (w * target + s/2) / s)
 * </pre>
 * A zero vector (s = 0) is left unchanged: there is no direction to scale. After scaling the norm
 * equals the target within the rounding of each element (at most inputs/2 units for L1,
 * sqrt(inputs)/2 + 1 for L2), unless a weight was clipped at WEIGHT_MAX.
 */
public final class SynapticScaling {
    private SynapticScaling() {
    }

    public static void scale(TrainParams.Norm norm, int[] w, int column, int stride, int count, long target) {
        if (norm == TrainParams.Norm.NONE) {
            return;
        }
        long s = norm == TrainParams.Norm.L1 ? l1(w, column, stride, count) : isqrt(sumSquares(w, column, stride, count));
        if (s == 0) {
            return;
        }
        long half = s / 2;
        for (int i = 0, k = column; i < count; i++, k += stride) {
            long scaled = (w[k] * target + half) / s;
            w[k] = scaled > Derived.WEIGHT_MAX ? Derived.WEIGHT_MAX : (int) scaled;
        }
    }

    public static long l1(int[] w, int column, int stride, int count) {
        long s = 0;
        for (int i = 0, k = column; i < count; i++, k += stride) {
            s += w[k];
        }
        return s;
    }

    public static long sumSquares(int[] w, int column, int stride, int count) {
        long s = 0;
        for (int i = 0, k = column; i < count; i++, k += stride) {
            s += (long) w[k] * w[k];
        }
        return s;
    }

    /** Floor of the square root of a non-negative long, exact. */
    public static long isqrt(long q) {
        if (q < 0) {
            throw new IllegalArgumentException("isqrt of negative " + q);
        }
        long r = (long) Math.sqrt((double) q);
        while (r * r > q) {
            r--;
        }
        while ((r + 1) * (r + 1) <= q) {
            r++;
        }
        return r;
    }
}
