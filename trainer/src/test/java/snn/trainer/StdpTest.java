package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The STDP updates against an independent model written here with BigDecimal arithmetic. */
class StdpTest {
    private static final BigDecimal TWO32 = BigDecimal.valueOf(1L << 32);
    private static final BigDecimal TWO48 = new BigDecimal(BigInteger.ONE.shiftLeft(48));

    /** round-half-up of a / 2^k, then clip to [0, 65535]. */
    private static int model(long w, BigDecimal delta) {
        BigDecimal r = BigDecimal.valueOf(w).add(delta.setScale(0, RoundingMode.HALF_UP));
        return r.max(BigDecimal.ZERO).min(BigDecimal.valueOf(Derived.WEIGHT_MAX)).intValueExact();
    }

    @Test
    void randomAndEdgeCasesMatchTheIndependentModel() {
        Derived d = new Derived(Defaults.reference(new TrainParams()));
        SplittableRandom rnd = new SplittableRandom(7);
        int[] edgeW = {0, 1, 65534, 65535, 32768};
        int[] edgeT = {0, 1, 65535, 65536, 32768};
        for (int k = 0; k < 20_000; k++) {
            int w = k < 25 ? edgeW[k % 5] : rnd.nextInt(65536);
            int x = k < 25 ? edgeT[k / 5] : rnd.nextInt(65537);
            int y = rnd.nextInt(65537);
            BigDecimal ltp = BigDecimal.valueOf(d.nuPostW).multiply(BigDecimal.valueOf(x)).divide(TWO32);
            assertEquals(model(w, ltp), Stdp.potentiate(w, d.nuPostW, x), "ltp w=" + w + " x=" + x);
            BigDecimal trip = BigDecimal.valueOf(d.nuPostW).multiply(BigDecimal.valueOf(x))
                    .multiply(BigDecimal.valueOf(y)).divide(TWO48);
            assertEquals(model(w, trip), Stdp.potentiateTriplet(w, d.nuPostW, x, y), "triplet w=" + w);
            BigDecimal ltd = BigDecimal.valueOf(d.nuPreW).multiply(BigDecimal.valueOf(x)).divide(TWO32).negate();
            // depression rounds the magnitude half up, then subtracts
            BigDecimal ltdRounded = ltd.negate().setScale(0, RoundingMode.HALF_UP).negate();
            assertEquals(model(w, ltdRounded), Stdp.depress(w, d.nuPreW, x), "ltd w=" + w + " y=" + x);
        }
    }

    @Test
    void saturatedWeightsStayInRange() {
        long bigRate = 65535L * 65536;   // nu = 1.0
        assertEquals(Derived.WEIGHT_MAX, Stdp.potentiate(Derived.WEIGHT_MAX, bigRate, 65536));
        assertEquals(0, Stdp.depress(0, bigRate, 65536));
        assertEquals(0, Stdp.depress(100, bigRate, 65536));
    }

    @Test
    void simultaneousPreAndPostSpikeGivesFullPreTrace() {
        TrainParams p = Defaults.reference(new TrainParams());
        Derived d = new Derived(p);
        // a pre spike in the same step as the post spike has trace X[0] = 1.0
        assertEquals(65536, d.preTrace[0]);
        int w = 1000;
        assertEquals(w + Math.round(p.nuPost * 65535), Stdp.potentiate(w, d.nuPostW, d.preTrace[0]));
    }
}
