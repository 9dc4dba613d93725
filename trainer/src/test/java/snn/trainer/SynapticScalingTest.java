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

    private static int[] randomColumnMajorMix(SplittableRandom rnd, int max) {
        int[] w = new int[INPUTS * N];
        for (int k = 0; k < w.length; k++) {
            w[k] = rnd.nextInt(max + 1);
        }
        return w;
    }

    @Test
    void l1NormEqualsTargetWithinRounding() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int trial = 0; trial < 50; trial++) {
            int[] w = randomColumnMajorMix(rnd, 65535);
            long target = Math.round(78 * 65535.0);
            for (int j = 0; j < N; j++) {
                SynapticScaling.scale(TrainParams.Norm.L1, w, j, N, INPUTS, target);
                long s = SynapticScaling.l1(w, j, N, INPUTS);
                assertTrue(Math.abs(s - target) <= INPUTS / 2, "L1 " + s + " vs " + target);
            }
        }
    }

    @Test
    void l2NormEqualsTargetWithinRounding() {
        SplittableRandom rnd = new SplittableRandom(2);
        for (int trial = 0; trial < 50; trial++) {
            int[] w = randomColumnMajorMix(rnd, 65535);
            long target = Math.round(6 * 65535.0);
            for (int j = 0; j < N; j++) {
                SynapticScaling.scale(TrainParams.Norm.L2, w, j, N, INPUTS, target);
                double norm = Math.sqrt((double) SynapticScaling.sumSquares(w, j, N, INPUTS));
                assertTrue(Math.abs(norm - target) <= Math.sqrt(INPUTS) / 2 + 1, "L2 " + norm + " vs " + target);
            }
        }
    }

    @Test
    void matchesAnIndependentExactComputation() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] w = randomColumnMajorMix(rnd, 5000);
        int[] expected = w.clone();
        long target = 400_000;
        // independent model: BigInteger sqrt and rational rounding, half up
        BigInteger q = BigInteger.ZERO;
        for (int i = 0; i < INPUTS; i++) {
            q = q.add(BigInteger.valueOf(expected[i * N + 1]).pow(2));
        }
        BigInteger s = q.sqrt();
        for (int i = 0; i < INPUTS; i++) {
            BigInteger num = BigInteger.valueOf(expected[i * N + 1]).multiply(BigInteger.valueOf(target))
                    .add(s.shiftRight(1));
            expected[i * N + 1] = num.divide(s).min(BigInteger.valueOf(65535)).intValueExact();
        }
        SynapticScaling.scale(TrainParams.Norm.L2, w, 1, N, INPUTS, target);
        assertArrayEquals(expected, w);
    }

    @Test
    void zeroVectorIsLeftUnchangedAndNoneDoesNothing() {
        int[] w = new int[INPUTS * N];
        SynapticScaling.scale(TrainParams.Norm.L2, w, 0, N, INPUTS, 1000);
        SynapticScaling.scale(TrainParams.Norm.L1, w, 0, N, INPUTS, 1000);
        assertEquals(0, SynapticScaling.l1(w, 0, N, INPUTS));
        w[5] = 17;
        SynapticScaling.scale(TrainParams.Norm.NONE, w, 5 % N, N, INPUTS, 1000);
        assertEquals(17, w[5]);
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
        int[] w = new int[INPUTS * N];
        w[0] = 10;   // a single active input must scale to the target but clip at WEIGHT_MAX
        SynapticScaling.scale(TrainParams.Norm.L1, w, 0, N, INPUTS, 10L * 65535);
        assertEquals(65535, w[0]);
    }
}
