package snn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snn.core.RandomNetworks;

/** The optimised loop against {@link ReferenceLoop}: every state of every step, exactly. */
class LifLoopReferenceTest {

    /** Records what the loop hands its trace sink. */
    static final class Recorder implements LifLoop.TraceSink {
        final List<int[]> v = new ArrayList<>();
        final List<int[]> vInh = new ArrayList<>();
        final List<boolean[]> exc = new ArrayList<>();
        final List<boolean[]> inh = new ArrayList<>();
        final List<Integer> presentation = new ArrayList<>();

        @Override
        public void step(int p, int t, int[] v, int[] vInh, boolean[] e, boolean[] i) {
            this.v.add(v.clone());
            this.vInh.add(vInh.clone());
            exc.add(e.clone());
            inh.add(i.clone());
            presentation.add(p);
        }
    }

    static void assertSame(RandomNetworks.Case c, LifLoop loop) {
        ReferenceLoop ref = new ReferenceLoop(c.net, c.pixels, c.seed);
        Recorder rec = new Recorder();
        LifLoop.Result r = loop.run(c.pixels, 0, c.seed, rec);
        String where = c.name + " (" + c.about + ")";
        assertEquals(ref.steps, rec.v.size(), where + ": records");
        for (int k = 0; k < ref.steps; k++) {
            int n = c.net.neurons;
            for (int j = 0; j < n; j++) {
                String at = where + " record " + k + " neuron " + j;
                assertEquals(ref.v.get(k)[j], rec.v.get(k)[j], at + " v");
                assertEquals(ref.vInh.get(k)[j], rec.vInh.get(k)[j], at + " v_inh");
                assertEquals(ref.exc.get(k)[j], rec.exc.get(k)[j], at + " exc spike");
                assertEquals(ref.inh.get(k)[j], rec.inh.get(k)[j], at + " inh spike");
            }
            assertEquals(ref.presentationOfRecord.get(k), rec.presentation.get(k), where + " record " + k + " presentation");
        }
        for (int j = 0; j < c.net.neurons; j++) {
            assertEquals(ref.counts[j], r.counts[j], where + " count " + j);
        }
        assertEquals(ref.label, r.label, where + " label");
        assertEquals(ref.steps, r.steps, where + " steps");
        assertEquals(ref.presentations, r.presentations, where + " presentations");
        assertEquals(ref.totalSpikes, r.totalSpikes, where + " total spikes");
    }

    @Test
    void randomConfigurationsMatchTheReferenceStepByStep() {
        SplittableRandom r = new SplittableRandom(20240601);
        int spiking = 0;
        for (int k = 0; k < 400; k++) {
            RandomNetworks.Case c = RandomNetworks.randomCase("random_" + k, r.nextLong(), 48, 20, 60);
            assertSame(c, new LifLoop(c.net));
            LifLoop.Result res = new LifLoop(c.net).run(c.pixels, 0, c.seed);
            spiking += res.totalSpikes > 0 ? 1 : 0;
        }
        // the random configurations must exercise spiking, or the comparison proves little
        assertTrue(spiking > 100, "only " + spiking + " of 400 random cases spiked");
    }

    /** Presentations too long for the draw buffer draw one step at a time, with the same stream. */
    @Test
    void unbufferedDrawsMatchTheReferenceStepByStep() {
        SplittableRandom r = new SplittableRandom(99);
        for (int k = 0; k < 100; k++) {
            RandomNetworks.Case c = RandomNetworks.randomCase("unbuffered_" + k, r.nextLong(), 48, 20, 60);
            assertSame(c, new LifLoop(c.net, c.net.inputs));
        }
    }

    @Test
    void edgeCasesMatchTheReferenceStepByStep() {
        for (long seed = 1; seed <= 8; seed++) {
            for (RandomNetworks.Case c : RandomNetworks.edgeCases(seed)) {
                assertSame(c, new LifLoop(c.net));
            }
        }
    }

    @Test
    void oneLoopReusedForManyImagesGivesWhatFreshLoopsGive() {
        SplittableRandom r = new SplittableRandom(5);
        RandomNetworks.Case first = RandomNetworks.randomCase("reuse", 77, 40, 16, 50);
        LifLoop shared = new LifLoop(first.net);
        for (int k = 0; k < 30; k++) {
            byte[] px = RandomNetworks.randomPixels(r, first.net.inputs);
            RandomNetworks.Case c = new RandomNetworks.Case("reuse_" + k, "same network, image " + k, first.net,
                    first.bits, px, k);
            assertSame(c, shared);
        }
    }

    @Test
    void wideWeightsTakeTheWidePathAndStillMatch() {
        SplittableRandom r = new SplittableRandom(11);
        for (int k = 0; k < 60; k++) {
            RandomNetworks.Spec s = RandomNetworks.random(r, 40, 12, 40);
            int wmax = 256 + r.nextInt(65280);
            for (int i = 0; i < s.weights.length; i++) {
                s.weights[i] = r.nextInt(wmax + 1);
            }
            DeviceNetwork d = new DeviceNetwork(s.inputs, s.neurons, s.classes, s.weights, wmax, s.threshold,
                    s.inhibition, s.vFloor, s.labels, s.steps, s.leakExc, s.leakInh, s.refExc, s.refInh, s.wExcToInh,
                    s.thresholdInh, Math.min(s.vShift, 8), s.rate, s.intensity, s.intensityMax, s.minSpikes, s.decision);
            RandomNetworks.Case c = new RandomNetworks.Case("wide_" + k, "weights up to " + wmax, d, 16,
                    RandomNetworks.randomPixels(r, s.inputs), r.nextInt());
            assertSame(c, new LifLoop(d));
        }
    }

    /**
     * Floors near INT32_MIN with inhibition of 2^30: one inhibitory spike can push a membrane below
     * INT32_MIN in 64 bits, so these steps take the 64-bit path, whose clamp to the floor must bite.
     */
    @Test
    void deepFloorsUnderStrongInhibitionTakeThe64BitPathAndStillMatch() {
        SplittableRandom r = new SplittableRandom(12);
        int clamped = 0;
        for (int k = 0; k < 80; k++) {
            RandomNetworks.Spec s = RandomNetworks.random(r, 40, 12, 40);
            for (int j = 0; j < s.neurons; j++) {
                s.vFloor[j] = -Integer.MAX_VALUE + r.nextInt(1000);
                s.inhibition[j] = (1 << 30) + r.nextInt(1 << 20);
                s.threshold[j] = r.nextInt(1 << 16);
            }
            s.wExcToInh = s.thresholdInh + 1; // every excitatory spike fires its partner
            RandomNetworks.Case c = new RandomNetworks.Case("deep_floor_" + k, "floors near INT32_MIN", s.build(), 16,
                    RandomNetworks.randomPixels(r, s.inputs), r.nextInt());
            assertSame(c, new LifLoop(c.net));
            ReferenceLoop ref = new ReferenceLoop(c.net, c.pixels, c.seed);
            for (int t = 0; t < ref.steps; t++) {
                for (int j = 0; j < c.net.neurons; j++) {
                    clamped += ref.v.get(t)[j] == c.net.vFloor[j] ? 1 : 0;
                }
            }
        }
        assertTrue(clamped > 100, "only " + clamped + " membrane values sat on their floor");
    }

    @Test
    void manyRowsInOneStepOverflowNoLane() {
        // 600 inputs all spiking with weight 255: more rows than one 16-bit lane holds (257), so the loop must flush
        RandomNetworks.Spec s = RandomNetworks.random(new SplittableRandom(3), 1, 1, 1);
        s.inputs = 600;
        s.neurons = 7;
        s.bits = 8;
        s.weights = new int[600 * 7];
        java.util.Arrays.fill(s.weights, 255);
        s.threshold = new int[7];
        java.util.Arrays.fill(s.threshold, Integer.MAX_VALUE);
        s.inhibition = new int[7];
        s.vFloor = new int[7];
        s.labels = new int[7];
        s.vShift = 0;
        s.leakExc = 65536;
        s.steps = 3;
        java.util.Arrays.fill(s.rate, 65535);
        s.intensity = 1;
        s.intensityMax = 1;
        byte[] px = new byte[600];
        java.util.Arrays.fill(px, (byte) 255);
        RandomNetworks.Case c = new RandomNetworks.Case("lanes", "600 rows per step", s.build(), 8, px, 1);
        assertSame(c, new LifLoop(c.net));
    }

    @Test
    void strictModeRejectsSaturationThatTheDefaultModeClamps() {
        RandomNetworks.Case sat = RandomNetworks.edgeCases(1).get(0);
        assertEquals("saturation", sat.name);
        new LifLoop(sat.net).run(sat.pixels, 0, sat.seed);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> new LifLoop(sat.net).strict(true).run(sat.pixels, 0, sat.seed));
        assertTrue(e.getMessage().contains("INT32_MAX"), e.getMessage());
    }
}
