package snn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.special.Erf;
import org.apache.commons.math3.stat.inference.TTest;
import org.junit.jupiter.api.Test;

/**
 * The statistics against values computed by hand. With 2 degrees of freedom Student's t has a closed
 * form, F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so the quantile and the p-values are checked exactly.
 */
class StatsTest {
    @Test
    void meanAndConfidenceIntervalOverThreeSeeds() {
        Stats.MeanCi ci = Stats.meanCi(new double[] {0.80, 0.82, 0.84});
        assertEquals(3, ci.n());
        assertEquals(0.82, ci.mean(), 1e-12);
        assertEquals(0.02, ci.sd(), 1e-12);
        // F(t) = 0.975  <=>  t / sqrt(2 + t^2) = 0.95  <=>  t^2 = 0.9025 * 2 / 0.0975
        double t975 = Math.sqrt(0.9025 * 2 / 0.0975);
        assertEquals(t975 * 0.02 / Math.sqrt(3), ci.halfWidth(), 1e-9);
        assertEquals(0.82 - ci.halfWidth(), ci.low(), 1e-12);
        assertTrue(Double.isNaN(Stats.meanCi(new double[] {0.5}).halfWidth()), "one seed has no interval");
    }

    @Test
    void mcnemarCountsAndBothPValues() {
        // 20 images: 5 both right, 3 only A right, 10 only B right, 2 both wrong
        boolean[] a = new boolean[20];
        boolean[] b = new boolean[20];
        for (int k = 0; k < 5; k++) {
            a[k] = b[k] = true;
        }
        for (int k = 5; k < 8; k++) {
            a[k] = true;
        }
        for (int k = 8; k < 18; k++) {
            b[k] = true;
        }
        Stats.McNemar m = Stats.mcnemar(a, b);
        assertEquals(20, m.n());
        assertEquals(3, m.b());
        assertEquals(10, m.c());
        // exact: 2 * P(X <= 3), X ~ Bin(13, 1/2) = 2 * (1 + 13 + 78 + 286) / 8192
        assertEquals(2.0 * (1 + 13 + 78 + 286) / 8192, m.pExact(), 1e-12);
        // continuity-corrected chi-square: (|3 - 10| - 1)^2 / 13, one df: p = erfc(sqrt(chi2 / 2))
        assertEquals(36.0 / 13, m.chi2(), 1e-12);
        assertEquals(Erf.erfc(Math.sqrt(36.0 / 13 / 2)), m.pChi2(), 1e-9);
        assertEquals((10 - 3) / 20.0, m.accuracyDiff(), 1e-12);
        assertEquals(10 / 3.0, m.oddsRatio(), 1e-12);
        Stats.McNemar same = Stats.mcnemar(40, 4, 4);
        assertEquals(1.0, same.pExact(), 1e-12);
        assertEquals(0.0, same.chi2(), 1e-12);
        assertEquals(1.0, Stats.mcnemar(10, 0, 0).pExact(), 0);
    }

    @Test
    void pairedTTestAndEffectSize() {
        double[] l1 = {0.80, 0.82, 0.85};
        double[] l2 = {0.83, 0.84, 0.86};
        Stats.PairedT t = Stats.pairedT(l1, l2);
        // d = 0.03, 0.02, 0.01: mean 0.02, sd 0.01, t = 0.02 / (0.01 / sqrt 3) = 2 sqrt 3
        assertEquals(3, t.n());
        assertEquals(0.02, t.meanDiff(), 1e-12);
        assertEquals(0.01, t.sdDiff(), 1e-12);
        assertEquals(2 * Math.sqrt(3), t.t(), 1e-9);
        assertEquals(2, t.df(), 0);
        // two-sided p with 2 df: 1 - t / sqrt(2 + t^2), t^2 = 12
        assertEquals(1 - Math.sqrt(12) / Math.sqrt(14), t.p(), 1e-9);
        assertEquals(2.0, t.cohenDz(), 1e-9);
        double t975 = Math.sqrt(0.9025 * 2 / 0.0975);
        assertEquals(0.02 - t975 * 0.01 / Math.sqrt(3), t.ciLow(), 1e-9);
        // and the same p as commons-math's own paired test
        assertEquals(new TTest().pairedTTest(l2, l1), t.p(), 1e-9);
        assertTrue(Double.isNaN(Stats.pairedT(new double[] {0.5}, new double[] {0.6}).p()));
    }

    @Test
    void gridValuesListsRangesAndSeeds() {
        assertEquals(List.of("l1", "l2"), Values.parse("--norm", "l1,l2"));
        assertEquals(List.of("1", "1.5", "2", "2.5", "3", "8"), Values.parse("--target-norm", "1..3:0.5,8"));
        assertEquals(List.of("0.1", "0.2", "0.3"), Values.parse("--x", "0.1..0.3:0.1"));
        assertEquals(List.of("5", "3", "1"), Values.parse("--x", "5..1:2"));
        assertEquals(List.of(1L, 2L, 3L), Values.seeds("3"));
        assertEquals(List.of(7L, 8L, 9L, 20L), Values.seeds("7..9,20"));
        assertEquals(2, assertBad(() -> Values.parse("--x", "1..a")));
        assertEquals(2, assertBad(() -> Values.parse("--x", "1..5:0")));
        assertEquals(2, assertBad(() -> Values.seeds("0")));
    }

    private static int assertBad(Runnable r) {
        try {
            r.run();
        } catch (snn.support.SnnException e) {
            return e.exitCode();
        }
        throw new AssertionError("no error");
    }
}
