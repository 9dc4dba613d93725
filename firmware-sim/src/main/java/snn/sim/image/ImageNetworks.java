package snn.sim.image;

import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.core.DeviceNetwork;
import snn.core.LifLoop;
import snn.support.SnnException;

/** Bridges the device image (pure format, protocol module) and the loop's {@link DeviceNetwork}. */
public final class ImageNetworks {
    private ImageNetworks() {
    }

    /** The network a device builds from a parsed image. */
    public static DeviceNetwork toNetwork(DeviceImage m) {
        try {
            return new DeviceNetwork(m.inputs, m.neurons, m.classes, m.weights, m.weightMax(), m.threshold,
                    m.inhibition, m.vFloor, m.labels, m.steps, m.leakExcQ16, m.leakInhQ16, m.refractoryExc,
                    m.refractoryInh, m.wExcToInh, m.thresholdInh, m.vShift, m.rateQ16, m.intensity, m.intensityMax,
                    m.minSpikes, m.decision);
        } catch (IllegalArgumentException e) {
            throw SnnException.badInput("device image: " + e.getMessage());
        }
    }

    /** Parses image bytes and builds the network; errors name {@code file}. */
    public static DeviceNetwork parse(byte[] bytes, String file) {
        return toNetwork(ImageParser.parse(bytes, file));
    }

    /**
     * The image content for a quantized network, with a self-test whose expected answer is what
     * the loop computes for {@code pixels} under {@code seed}.
     */
    public static DeviceImage toImage(DeviceNetwork d, int bits, int[] scaleQ16, byte[] pixels, int seed) {
        if (d.weightMax != (1 << bits) - 1) {
            throw new IllegalArgumentException("weight_max " + d.weightMax + " does not match " + bits + "-bit weights");
        }
        DeviceImage m = new DeviceImage();
        m.inputs = d.inputs;
        m.neurons = d.neurons;
        m.classes = d.classes;
        m.weightBits = bits;
        m.weights = d.weights;
        m.threshold = d.threshold;
        m.inhibition = d.inhibition;
        m.vFloor = d.vFloor;
        m.labels = d.labels;
        m.scaleQ16 = scaleQ16;
        m.steps = d.steps;
        m.leakExcQ16 = d.leakExcQ16;
        m.leakInhQ16 = d.leakInhQ16;
        m.refractoryExc = d.refractoryExc;
        m.refractoryInh = d.refractoryInh;
        m.vShift = d.vShift;
        m.decision = d.decision;
        m.wExcToInh = d.wExcToInh;
        m.thresholdInh = d.thresholdInh;
        m.intensity = d.intensity;
        m.intensityMax = d.intensityMax;
        m.minSpikes = d.minSpikes;
        m.rateQ16 = d.rateQ16;
        m.selfTest = expectedSelfTest(d, pixels, seed);
        return m;
    }

    /** Runs the loop once and records its answer as a self-test. */
    public static DeviceImage.SelfTest expectedSelfTest(DeviceNetwork d, byte[] pixels, int seed) {
        LifLoop.Result r = new LifLoop(d).run(pixels, 0, seed);
        DeviceImage.SelfTest s = new DeviceImage.SelfTest();
        s.imageSeed = seed;
        s.pixels = pixels.clone();
        s.expectedLabel = r.label;
        s.expectedPresentations = r.presentations;
        s.expectedSteps = r.steps;
        s.expectedTotalSpikes = r.totalSpikes;
        s.expectedCounts = r.counts.clone();
        return s;
    }

    /** Runs the image's known-answer test; returns null when it passes, else what differed. */
    public static String runSelfTest(DeviceImage m) {
        DeviceNetwork d = toNetwork(m);
        DeviceImage.SelfTest s = m.selfTest;
        LifLoop.Result r = new LifLoop(d).run(s.pixels, 0, s.imageSeed);
        if (r.label != s.expectedLabel) {
            return "self-test label " + r.label + " != expected " + s.expectedLabel;
        }
        if (r.presentations != s.expectedPresentations || r.steps != s.expectedSteps) {
            return "self-test presentations/steps " + r.presentations + "/" + r.steps + " != expected "
                    + s.expectedPresentations + "/" + s.expectedSteps;
        }
        for (int j = 0; j < d.neurons; j++) {
            if (r.counts[j] != s.expectedCounts[j]) {
                return "self-test count of neuron " + j + " is " + r.counts[j] + ", expected " + s.expectedCounts[j];
            }
        }
        return null;
    }
}
