package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The auto-Wt rule: moves once per window, by sqrt(target / mean) within its limits, and rescales. */
class AutoTargetNormTest {
    private static int[][] rows(int inputs, int n) {
        int[][] w = new int[inputs][n];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < n; j++) {
                w[i][j] = 1000 + 37 * i + 11 * j;
            }
        }
        return w;
    }

    @Test
    void aQuietLayerRaisesWtByAtMostTheStepLimitAndEveryNeuronFollows() {
        TrainParams p = Defaults.reference(new TrainParams());
        p.autoTargetSpikes = 8;
        Derived d = new Derived(p);
        assertEquals(6L * 65535, d.targetNorm);
        int[][] w = rows(784, 3);
        AutoTargetNorm auto = new AutoTargetNorm(p, 784);
        for (int k = 0; k < AutoTargetNorm.WINDOW - 1; k++) {
            assertFalse(auto.observe(2, d, w, 3));
        }
        assertTrue(auto.observe(2, d, w, 3));                     // mean 2: sqrt(8/2) = 2, limited to 1.25
        assertEquals(Math.round(6L * 65535 * 1.25), d.targetNorm);
        for (int j = 0; j < 3; j++) {
            long s = SynapticScaling.isqrt(SynapticScaling.sumSquares(w, j));
            assertTrue(Math.abs(s - d.targetNorm) <= 30, "column " + j + " norm " + s);
        }
        assertEquals(1, auto.updates());
    }

    @Test
    void aBusyLayerLowersWtBySqrtOfTheRatioAndTheCeilingHolds() {
        TrainParams p = Defaults.reference(new TrainParams());
        p.autoTargetSpikes = 8;
        Derived d = new Derived(p);
        int[][] w = rows(784, 2);
        AutoTargetNorm auto = new AutoTargetNorm(p, 784);
        for (int k = 0; k < AutoTargetNorm.WINDOW; k++) {
            auto.observe(k % 2 == 0 ? 9 : 9, d, w, 2);            // mean 9: factor sqrt(8/9)
        }
        assertEquals(Math.round(6L * 65535 * Math.sqrt(8 / 9.0)), d.targetNorm);
        d.targetNorm = 14L * 65535;                                // the ceiling is 0.5 sqrt(784) = 14
        for (int k = 0; k < AutoTargetNorm.WINDOW; k++) {
            auto.observe(0, d, w, 2);                              // silent: the largest step, then the ceiling
        }
        assertEquals(14L * 65535, d.targetNorm);
    }
}
