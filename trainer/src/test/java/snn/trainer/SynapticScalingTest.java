package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SynapticScalingTest {
    private static final int INPUTS = 784;
    private static final int N = 3;

    private static int[][] randomRows(SplittableRandom rnd, int max) {
        int[][] w = new int[INPUTS][N];
        for (int[] row : w) {
            for (int j = 0; j < N; j++) {
                row[j] = rnd.nextInt(max + 1);
            }
        }
        return w;
    }

    @Test
    void l1NormEqualsTargetWithinRounding() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 50; trial++) {
            int[][] w = randomRows(rnd, 65535);
            long target = Math.round(78 * 65535.0);
            for (int j = 0; j < N; j++) {
                SynapticScaling.scale(TrainParams.Norm.L1, w, j, target);
                long s = SynapticScaling.l1(w, j);
                assertTrue(Math.abs(s - target) <= INPUTS / 2, "L1 " + s + " vs " + target);
            }
        }
    }

    @Test
    void l2NormEqualsTargetWithinRounding() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int trial = 0; trial < 50; trial++) {
            int[][] w = randomRows(rnd, 65535);
            long target = Math.round(6 * 65535.0);
            for (int j = 0; j < N; j++) {
                SynapticScaling.scale(TrainParams.Norm.L2, w, j, target);
                double norm = Math.sqrt((double) SynapticScaling.sumSquares(w, j));
                assertTrue(Math.abs(norm - target) <= Math.sqrt(INPUTS) / 2 + 1, "L2 " + norm + " vs " + target);
            }
        }
    }

    @Test
    void matchesAnIndependentExactComputation() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] w = randomRows(rnd, 5000);
        int[] expected = new int[INPUTS];
        long target = 400_000;
        // independent model: BigInteger sqrt and rational rounding, half up
        BigInteger q = BigInteger.ZERO;
        for (int i = 0; i < INPUTS; i++) {
            q = q.add(BigInteger.valueOf(w[i][1]).pow(2));
        }
        BigInteger s = q.sqrt();
        int[] untouched = new int[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            BigInteger num = BigInteger.valueOf(w[i][1]).multiply(BigInteger.valueOf(target)).add(s.shiftRight(1));
            expected[i] = num.divide(s).min(BigInteger.valueOf(65535)).intValueExact();
            untouched[i] = w[i][2];
        }
        SynapticScaling.scale(TrainParams.Norm.L2, w, 1, target);
        int[] got = new int[INPUTS];
        int[] other = new int[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            got[i] = w[i][1];
            other[i] = w[i][2];
        }
        assertArrayEquals(expected, got);
        assertArrayEquals(untouched, other, "other columns are not touched");
    }

    @Test
    void zeroVectorIsLeftUnchangedAndNoneDoesNothing() {
        int[][] w = new int[INPUTS][N];
        SynapticScaling.scale(TrainParams.Norm.L2, w, 0, 1000);
        SynapticScaling.scale(TrainParams.Norm.L1, w, 0, 1000);
        assertEquals(0, SynapticScaling.l1(w, 0));
        w[5][2] = 17;
        SynapticScaling.scale(TrainParams.Norm.NONE, w, 2, 1000);
        assertEquals(17, w[5][2]);
    }

    @Test
    void isqrtIsExactAtBoundaries() {
        long[] qs = {0, 1, 2, 3, 4, 15, 16, 17, (1L << 52) - 1, 1L << 52, 3_367_000_000_000L, Long.MAX_VALUE / 4};
        for (long q : qs) {
            long r = SynapticScaling.isqrt(q);
            assertEquals(BigInteger.valueOf(q).sqrt().longValueExact(), r, "isqrt " + q);
        }
    }

    @Test
    void saturatedWeightsAreClippedAtMax() {
        int[][] w = new int[INPUTS][N];
        w[0][0] = 10;   // a single active input must scale to the target but clip at WEIGHT_MAX
        SynapticScaling.scale(TrainParams.Norm.L1, w, 0, 10L * 65535);
        assertEquals(65535, w[0][0]);
    }
}
