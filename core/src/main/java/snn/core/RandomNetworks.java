package snn.core;

import java.util.SplittableRandom;
import snn.core.DeviceNetwork;

/**
 * Device networks for cross-checks: random configurations anywhere in the ranges the spec allows,
 * and named edge cases. Deterministic for a given seed. Used by {@code snn golden} and by the tests.
 */
public final class RandomNetworks {
    private RandomNetworks() {
    }

    /** A network plus the input and seed a golden vector runs it on. */
    public static final class Case {
        public final String name;
        public final String about;
        public final DeviceNetwork net;
        public final int bits;
        public final byte[] pixels;
        public final int seed;

        public Case(String name, String about, DeviceNetwork net, int bits, byte[] pixels, int seed) {
            this.name = name;
            this.about = about;
            this.net = net;
            this.bits = bits;
            this.pixels = pixels;
            this.seed = seed;
        }
    }

    /** Mutable parameters, filled with a random in-range configuration, then edited by edge cases. */
    public static final class Spec {
        public int inputs;
        public int neurons;
        public int classes;
        public int bits;
        public int[] weights;
        public int[] threshold;
        public int[] inhibition;
        public int[] vFloor;
        public int[] labels;
        public int steps;
        public int leakExc;
        public int leakInh;
        public int refExc;
        public int refInh;
        public int wExcToInh;
        public int thresholdInh;
        public int vShift;
        public int[] rate;
        public int intensity;
        public int intensityMax;
        public int minSpikes;
        public int decision;

        public DeviceNetwork build() {
            return new DeviceNetwork(inputs, neurons, classes, weights, (1 << bits) - 1, threshold, inhibition, vFloor,
                    labels, steps, leakExc, leakInh, refExc, refInh, wExcToInh, thresholdInh, vShift, rate, intensity,
                    intensityMax, minSpikes, decision);
        }
    }

    /** A random configuration: small shapes, every parameter drawn across its allowed range. */
    public static Spec random(SplittableRandom r, int maxInputs, int maxNeurons, int maxSteps) {
        Spec s = new Spec();
        s.inputs = 1 + r.nextInt(maxInputs);
        s.neurons = 1 + r.nextInt(maxNeurons);
        s.classes = 1 + r.nextInt(10);
        s.bits = new int[] {2, 4, 8}[r.nextInt(3)];
        int q = (1 << s.bits) - 1;
        s.weights = new int[s.inputs * s.neurons];
        double density = r.nextDouble();
        for (int k = 0; k < s.weights.length; k++) {
            s.weights[k] = r.nextDouble() < density ? r.nextInt(q + 1) : 0;
        }
        s.vShift = r.nextInt(17);
        // threshold scale: around a few input spikes' worth, sometimes tiny, sometimes huge
        long unit = (long) q << s.vShift;
        s.threshold = new int[s.neurons];
        s.inhibition = new int[s.neurons];
        s.vFloor = new int[s.neurons];
        s.labels = new int[s.neurons];
        for (int j = 0; j < s.neurons; j++) {
            s.threshold[j] = (int) Math.min(Integer.MAX_VALUE, (long) (unit * Math.pow(2, r.nextDouble() * 8 - 2)));
            s.inhibition[j] = (int) Math.min(Integer.MAX_VALUE, (long) (unit * r.nextDouble() * 4));
            s.vFloor[j] = (int) -Math.min(Integer.MAX_VALUE, (long) (unit * r.nextDouble() * 8));
            s.labels[j] = r.nextInt(s.classes);
        }
        s.steps = 1 + r.nextInt(maxSteps);
        s.leakExc = pickLeak(r);
        s.leakInh = pickLeak(r);
        s.refExc = r.nextInt(4) == 0 ? 0 : r.nextInt(8);
        s.refInh = r.nextInt(4) == 0 ? 0 : r.nextInt(5);
        s.thresholdInh = r.nextInt(1 << 20);
        s.wExcToInh = r.nextInt(3) == 0 ? r.nextInt(s.thresholdInh + 1) : s.thresholdInh + 1 + r.nextInt(1 << 20);
        s.rate = new int[256];
        double top = r.nextDouble() * 0.5;
        for (int p = 0; p < 256; p++) {
            s.rate[p] = (int) Math.min(65535, Math.round(p / 255.0 * top * 65536));
        }
        if (r.nextInt(5) == 0) {
            for (int p = 0; p < 256; p++) {
                s.rate[p] = r.nextInt(65536);
            }
        }
        s.intensityMax = 1 + r.nextInt(4);
        s.intensity = 1 + r.nextInt(s.intensityMax);
        s.minSpikes = r.nextInt(3) == 0 ? 0 : r.nextInt(40);
        s.decision = r.nextInt(2);
        return s;
    }

    private static int pickLeak(SplittableRandom r) {
        switch (r.nextInt(6)) {
            case 0: return 0;
            case 1: return 65536;
            default: return r.nextInt(65537) >> r.nextInt(8);
        }
    }

    public static byte[] randomPixels(SplittableRandom r, int inputs) {
        byte[] px = new byte[inputs];
        int mode = r.nextInt(4);
        for (int i = 0; i < inputs; i++) {
            px[i] = (byte) (mode == 0 ? r.nextInt(256) : r.nextInt(3) == 0 ? 128 + r.nextInt(128) : 0);
        }
        return px;
    }

    public static Case randomCase(String name, long seed, int maxInputs, int maxNeurons, int maxSteps) {
        SplittableRandom r = new SplittableRandom(seed);
        Spec s = random(r, maxInputs, maxNeurons, maxSteps);
        return new Case(name, "random configuration, seed " + seed, s.build(), s.bits, randomPixels(r, s.inputs),
                r.nextInt());
    }

    private static final int MAX_INH = DeviceNetwork.MAX_INH_PARAM;

    /** The named edge cases (saturation, zero and maximal weights, all-0 and all-255 inputs, refractory boundaries, ...). */
    public static java.util.List<Case> edgeCases(long seed) {
        java.util.List<Case> out = new java.util.ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);

        Spec s = random(r, 40, 12, 40);
        s.bits = 8;
        java.util.Arrays.fill(s.weights = new int[s.inputs * s.neurons], 255);
        s.vShift = 16;
        s.leakExc = 0;
        for (int j = 0; j < s.neurons; j++) {
            s.threshold[j] = j % 2 == 0 ? Integer.MAX_VALUE : Integer.MAX_VALUE - 1;
        }
        java.util.Arrays.fill(s.rate, 65535);
        out.add(new Case("saturation", "maximal weights, v_shift 16, no leak: membranes clamp at INT32_MAX; "
                + "even neurons have threshold INT32_MAX (never spike, stay saturated)", s.build(), 8, filled(s.inputs, 255), 1));

        s = random(r, 40, 12, 40);
        s.weights = new int[s.inputs * s.neurons];
        out.add(new Case("zero_weights", "all weights 0: no neuron can spike, every intensity is tried",
                s.build(), s.bits, filled(s.inputs, 255), 2));

        s = random(r, 60, 16, 60);
        int q = (1 << s.bits) - 1;
        java.util.Arrays.fill(s.weights, q);
        out.add(new Case("max_weights", "all weights at 2^bits-1", s.build(), s.bits, randomPixels(r, s.inputs), 3));

        s = random(r, 60, 16, 60);
        s.intensity = 1;
        s.intensityMax = 5;
        s.minSpikes = 1;
        out.add(new Case("input_all_0", "all-0 input: no input spikes, no random draws, all 5 intensities",
                s.build(), s.bits, filled(s.inputs, 0), 4));

        s = random(r, 60, 16, 60);
        java.util.Arrays.fill(s.rate, 65535);
        s.intensity = 3;
        s.intensityMax = 3;
        out.add(new Case("input_all_255", "all-255 input at rate 65535 * 3, clipped to 65535",
                s.build(), s.bits, filled(s.inputs, 255), 5));

        for (int ref : new int[] {0, 1, 255}) {
            s = random(r, 30, 8, 50);
            s.refExc = ref;
            s.refInh = ref == 255 ? 0 : ref;
            drivenHard(s);
            out.add(new Case("refractory_" + ref, "thresholds just above one LSB: neurons fire as soon as the"
                    + " refractory period (" + ref + " steps) ends", s.build(), 8, filled(s.inputs, 200), 6 + ref));
        }

        s = random(r, 40, 20, 60);
        s.wExcToInh = s.thresholdInh + 1;
        for (int j = 0; j < s.neurons; j++) {
            s.inhibition[j] = Integer.MAX_VALUE;
            s.vFloor[j] = Integer.MIN_VALUE + 1 + j;
        }
        out.add(new Case("inhibition_floor", "maximal inhibition: 64-bit intermediate far below v_floor near INT32_MIN",
                s.build(), s.bits, filled(s.inputs, 255), 9));

        s = random(r, 40, 20, 60);
        s.wExcToInh = 3;
        s.thresholdInh = MAX_INH;
        s.leakInh = 6000;
        out.add(new Case("inh_stuck", "inhibitory membranes that leak to a small value and stay (rounding)",
                s.build(), s.bits, filled(s.inputs, 255), 10));

        s = random(r, 40, 20, 60);
        s.leakExc = 65536;
        s.leakInh = 65536;
        out.add(new Case("full_leak", "leak 65536: membranes forget everything each step", s.build(), s.bits,
                randomPixels(r, s.inputs), 11));

        s = random(r, 30, 1, 30);
        out.add(new Case("one_neuron", "a single neuron: no other neuron to inhibit", s.build(), s.bits,
                randomPixels(r, s.inputs), 12));

        // The largest sum step 4 can form: v_inh = threshold_inh (one excitatory spike, not above it),
        // then the next spike adds w_exc_to_inh: 2^31 - 2, one below INT32_MAX (2^30 each would wrap).
        s = random(r, 30, 8, 40);
        s.wExcToInh = MAX_INH;
        s.thresholdInh = MAX_INH;
        s.leakInh = 0;
        s.refInh = 0;
        s.refExc = 1;
        drivenHard(s);
        out.add(new Case("inh_max", "w_exc_to_inh = threshold_inh = 2^30-1, no inhibitory leak: step 4's sum"
                + " reaches 2^31-2", s.build(), 8, filled(s.inputs, 200), 13));
        return out;
    }

    /**
     * 8-bit weights of 200 from every input, thresholds one LSB above rest, every input near its top
     * rate, one presentation: neurons fire as soon as they may, so the refractory and inhibitory paths
     * run at their limits.
     */
    private static void drivenHard(Spec s) {
        s.bits = 8;
        s.weights = new int[s.inputs * s.neurons];
        java.util.Arrays.fill(s.weights, 200);
        for (int j = 0; j < s.neurons; j++) {
            s.threshold[j] = 1 << s.vShift;
        }
        java.util.Arrays.fill(s.rate, 40000);
        s.intensity = 1;
        s.intensityMax = 1;
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /**
     * A random 8-bit network shaped for MNIST (784 inputs, 10 classes) that fires on ordinary
     * images: for tests that need a real device image of a given size (about 784 * neurons bytes).
     */
    public static DeviceNetwork mnistShaped(long seed, int neurons) {
        SplittableRandom r = new SplittableRandom(seed);
        int inputs = 784;
        int[] w = new int[inputs * neurons];
        for (int k = 0; k < w.length; k++) {
            w[k] = r.nextInt(256);
        }
        int[] thr = new int[neurons];
        int[] inh = new int[neurons];
        int[] floor = new int[neurons];
        int[] labels = new int[neurons];
        for (int j = 0; j < neurons; j++) {
            thr[j] = 20_000 + r.nextInt(20_000);
            inh[j] = 30_000;
            floor[j] = -50_000;
            labels[j] = j % 10;
        }
        int[] rate = new int[256];
        for (int p = 0; p < 256; p++) {
            rate[p] = p * 8;
        }
        return new DeviceNetwork(inputs, neurons, 10, w, 255, thr, inh, floor, labels, 50, 650, 6554, 5, 2,
                62_000, 20_000, 0, rate, 2, 4, 3, 0);
    }
}
