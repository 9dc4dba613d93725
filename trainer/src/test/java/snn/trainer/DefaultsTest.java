package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dataset-derived defaults: exact values, MNIST's being the ones the trainer was tuned at. */
class DefaultsTest {
    private static Map<String, Defaults.Choice> byName(List<Defaults.Choice> cs) {
        return cs.stream().collect(Collectors.toMap(Defaults.Choice::name, c -> c));
    }

    @Test
    void mnistGetsExactlyTheTunedValues() {
        TrainParams p = new TrainParams();
        Trainer t = new Trainer(p);
        Map<String, Defaults.Choice> c = byName(Defaults.resolve(p, t, Defaults.REFERENCE));
        assertEquals(40_000, t.trainImages);
        assertEquals(10_000, t.labelImages);
        assertEquals(6.0, p.targetNorm);
        assertEquals(31.875, p.rateAtIntensity1Hz);
        assertEquals(0.02, p.nuPost);
        assertEquals(0.0, p.thetaInference);
        assertEquals(0.05, p.thetaPlusMv);
        assertEquals(60.0, p.inhibitionMv);
        assertEquals(2, p.intensity);
        assertTrue(c.get("target_norm").derived());
        assertEquals("train_images = 40000 (the paper's 40,000 (the dataset has 60000))", c.get("train_images").describe());
    }

    @Test
    void aSmallDatasetScalesWtAndUsesAllItsImages() {
        // 8x8 digits: 64 inputs, 1,400 training images, twice MNIST's ink per image
        DataStats s = new DataStats(64, 1400, 10, 2 * Defaults.REF_PIXEL_SUM / 60000 * 1400, 0, 0, 0);
        TrainParams p = new TrainParams();
        Trainer t = new Trainer(p);
        Defaults.resolve(p, t, s);
        assertEquals(1400, t.trainImages);
        assertEquals(1400, t.labelImages);
        assertEquals(1.71, p.targetNorm);                      // 6 sqrt(64/784) = 1.7143
        double ratio = (double) Defaults.REF_PIXEL_SUM * 1400 / (60000.0 * s.pixelSum());
        assertEquals(Math.round(31.875 * ratio * 1000) / 1000.0, p.rateAtIntensity1Hz);
        assertEquals(15.938, p.rateAtIntensity1Hz);
    }

    @Test
    void l1TakesItsOwnTunedValuesAndScalesLinearly() {
        TrainParams p = new TrainParams();
        p.norm = TrainParams.Norm.L1;
        Defaults.resolve(p, null, new DataStats(196, 60000, 10, Defaults.REF_PIXEL_SUM, 0, 0, 0));
        // the best point of the L1 grid (docs/RESULTS.md 11.2), at 196 inputs: Wt 78 x 196/784
        assertEquals(19.5, p.targetNorm);
        assertEquals(0.005, p.nuPost);
        assertEquals(1.0, p.thetaInference);
        assertEquals(0.08, p.thetaPlusMv);
        assertEquals(120.0, p.inhibitionMv);
        assertEquals(1, p.intensity);
        assertEquals(31.875, p.rateAtIntensity1Hz);
    }

    @Test
    void l2InhibitionFollowsTheShareOfTheInputsAnImageCovers() {
        // MNIST's own sums: exactly the tuned 60 mV
        TrainParams mnist = new TrainParams();
        Defaults.resolve(mnist, null, new DataStats(784, 60000, 10, 1_567_298_545L, 342_590_800_147L, 0, 0));
        assertEquals(60.0, mnist.inhibitionMv);
        // one image covering 17925^2 / 1792485 = 179.2535 pixels of 784: 1.5 x MNIST's 119.5024 -> 90 mV
        TrainParams wider = new TrainParams();
        Defaults.resolve(wider, null, new DataStats(784, 1, 10, 17925, 1_792_485, 0, 0));
        assertEquals(90.0, wider.inhibitionMv);
        // Fashion-MNIST-like: 2.6 x MNIST's share, capped at 120 mV; a sparser dataset stays at 60
        TrainParams fashion = new TrainParams();
        Defaults.resolve(fashion, null, new DataStats(784, 1, 10, 31070, 3_107_000, 0, 0));
        assertEquals(120.0, fashion.inhibitionMv);
        TrainParams sparse = new TrainParams();
        Defaults.resolve(sparse, null, new DataStats(784, 1, 10, 5000, 500_000, 0, 0));
        assertEquals(60.0, sparse.inhibitionMv);
        // L1 keeps its own tuned 120 whatever the data
        TrainParams l1 = new TrainParams();
        l1.norm = TrainParams.Norm.L1;
        Defaults.resolve(l1, null, new DataStats(784, 1, 10, 5000, 500_000, 0, 0));
        assertEquals(120.0, l1.inhibitionMv);
    }

    @Test
    void givenValuesAreKeptAndResolvingTwiceChangesNothing() {
        TrainParams p = new TrainParams();
        p.targetNorm = 2.5;
        p.nuPost = 0.03;
        p.intensity = 3;
        Trainer t = new Trainer(p);
        t.trainImages = 500;
        List<Defaults.Choice> first = Defaults.resolve(p, t, new DataStats(64, 1400, 10, 1000, 0, 0, 0));
        Map<String, Defaults.Choice> c = byName(first);
        assertFalse(c.get("target_norm").derived());
        assertFalse(c.get("train_images").derived());
        assertEquals(2.5, p.targetNorm);
        assertEquals(0.03, p.nuPost);
        assertEquals(3, p.intensity);
        assertEquals(500, t.trainImages);
        assertEquals(500, t.labelImages);
        assertSame(first, Defaults.resolve(p, t, Defaults.REFERENCE));
        assertEquals(2.5, p.targetNorm);
    }

    @Test
    void threeDigitsRounding() {
        assertEquals(6.0, Defaults.threeDigits(6.0));
        assertEquals(156.0, Defaults.threeDigits(156.0));
        assertEquals(1.71, Defaults.threeDigits(6 * Math.sqrt(64 / 784.0)));
        assertEquals(0.0123, Defaults.threeDigits(0.012345));
    }

    @Test
    void statsOfATinySplitAreExact() {
        // two 2x3 images: rows (0 10 20)(30 40 50) and (255 0 0)(0 0 255)
        byte[] px = {0, 10, 20, 30, 40, 50, (byte) 255, 0, 0, 0, 0, (byte) 255};
        DataStats s = DataStats.of(px, 2, 2, 3, 2);
        assertEquals(6, s.inputs());
        assertEquals(660, s.pixelSum());
        assertEquals(0 + 100 + 400 + 900 + 1600 + 2500 + 2 * 65025, s.squareSum());
        assertEquals(7, s.nonZero());
        assertEquals(660 / (255.0 * 12), s.meanPixel());
        // horizontal pairs: (0,10)(10,20)(30,40)(40,50)(255,0)(0,0)(0,0)(0,255)
        double n = 8;
        double ma = (0 + 10 + 30 + 40 + 255 + 0 + 0 + 0) / n;
        double mb = (10 + 20 + 40 + 50 + 0 + 0 + 0 + 255) / n;
        double cov = (0 + 200 + 1200 + 2000 + 0 + 0 + 0 + 0) / n - ma * mb;
        double va = (0 + 100 + 900 + 1600 + 65025) / n - ma * ma;
        double vb = (100 + 400 + 1600 + 2500 + 65025) / n - mb * mb;
        assertEquals(cov / Math.sqrt(va * vb), s.neighbourCorrelation());
    }
}
