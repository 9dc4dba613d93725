package snn.protocol.image;

/**
 * The content of a device image, unpacked into plain arrays: what {@link ImageWriter} writes and
 * {@link ImageParser} returns. Pure data; the byte layout is drawn in {@link ImageFormat}, the
 * meaning of every field is in docs/device-spec.md. Per-neuron values are in that neuron's own
 * membrane units (the quantizer has folded each neuron's weight scale into them).
 */
public final class DeviceImage {
    public int inputs;
    public int neurons;
    public int classes;
    /** 2, 4 or 8. */
    public int weightBits;
    /** Input-major, {@code weights[i * neurons + j]}, each in 0..2^weightBits-1. */
    public int[] weights;
    public int[] threshold;
    public int[] inhibition;
    public int[] vFloor;
    public int[] labels;
    /** Optional (null when absent): neuron j's weight scale s_j in Q16.16; informational, the loop never reads it. */
    public int[] scaleQ16;

    public int steps;
    public int leakExcQ16;
    public int leakInhQ16;
    public int refractoryExc;
    public int refractoryInh;
    public int vShift;
    public int decision;
    public int wExcToInh;
    public int thresholdInh;
    public int intensity;
    public int intensityMax;
    public int minSpikes;
    /** 256 entries, 0..65535. */
    public int[] rateQ16;

    public SelfTest selfTest;

    /** Header security_version, a u32 (held in an int; compare with Integer.compareUnsigned). */
    public int securityVersion;
    /** The SIGNATURE section when the parsed image has one, else null (the writer ignores it). */
    public Signature signature;

    /** A parsed SIGNATURE section: who signed (key id) and the signature bytes. */
    public record Signature(byte[] keyId, byte[] signature) {
    }

    /** The known-answer test the device runs before it trusts the model. */
    public static final class SelfTest {
        public int imageSeed;
        /** Raw pixels, {@code inputs} bytes. */
        public byte[] pixels;
        /** 0..classes-1, or 255 when the network stays silent. */
        public int expectedLabel;
        public int expectedPresentations;
        public int expectedSteps;
        public int expectedTotalSpikes;
        /** Spike count of each neuron in the last presentation. */
        public int[] expectedCounts;
    }

    public int weightMax() {
        return (1 << weightBits) - 1;
    }
}
