package snn.trainer;

/**
 * Synaptic scaling: rescales one excitatory neuron's incoming weight vector (column j of the
 * input-major weight rows, {@code rows[i][j]}) so that its L1 sum or L2 norm equals the target, in exact integer math.
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

    public static void scale(TrainParams.Norm norm, int[][] rows, int column, long target) {
        if (norm == TrainParams.Norm.NONE) {
            return;
        }
        long s = norm == TrainParams.Norm.L1 ? l1(rows, column) : isqrt(sumSquares(rows, column));
        if (s == 0) {
            return;
        }
        long half = s / 2;
        for (int[] row : rows) {
            long scaled = (row[column] * target + half) / s;
            row[column] = scaled > Derived.WEIGHT_MAX ? Derived.WEIGHT_MAX : (int) scaled;
        }
    }

    public static long l1(int[][] rows, int column) {
        long s = 0;
        for (int[] row : rows) {
            s += row[column];
        }
        return s;
    }

    public static long sumSquares(int[][] rows, int column) {
        long s = 0;
        for (int[] row : rows) {
            long w = row[column];
            s += w * w;
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
