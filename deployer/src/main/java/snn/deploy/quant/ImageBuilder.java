package snn.deploy.quant;

import snn.deploy.profile.DeviceProfile;
import snn.deploy.profile.Footprint;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageWriter;
import snn.protocol.model.TrainedModel;
import snn.sim.image.ImageNetworks;
import snn.core.DeviceNetwork;
import snn.support.SnnException;

/** Quantizes a trained model for a board: checks that it fits, then builds the image with its self-test. */
public final class ImageBuilder {
    private ImageBuilder() {
    }

    /** A built image and its accounting. */
    public static final class Built {
        public byte[] image;
        public String sha256;
        public long flashBytes;
        public long ramBytes;
        public Quantizer.Result quantized;
        public DeviceImage content;
        public String selfTestSource;
    }

    /**
     * @param selfTestPixels a real input for the known-answer test, or null for a synthetic one
     *                       (see {@link #syntheticInput})
     * @throws SnnException (check failed) when the model does not fit; nothing is built then
     */
    public static Built build(TrainedModel model, int bits, DeviceProfile profile, byte[] selfTestPixels, int seed) {
        Quantizer.Result q = Quantizer.quantize(model, bits);
        DeviceNetwork d = q.network;
        requireFits(profile, d.inputs, d.neurons, bits);
        byte[] pixels = selfTestPixels;
        String source = "input";
        if (pixels == null) {
            pixels = syntheticInput(d);
            source = "synthetic";
        } else if (pixels.length != d.inputs) {
            throw SnnException.badInput("self-test image has " + pixels.length + " pixels, the model " + d.inputs);
        }
        Built b = new Built();
        b.quantized = q;
        b.content = ImageNetworks.toImage(d, bits, q.scaleQ16, pixels, seed);
        b.image = ImageWriter.write(b.content);
        b.sha256 = ImageWriter.hex(ImageWriter.sha256(b.image, 0, b.image.length));
        b.flashBytes = Footprint.flashBytes(profile, b.image.length);
        b.ramBytes = Footprint.ramBytes(profile, d.inputs, d.neurons);
        b.selfTestSource = source;
        return b;
    }

    /**
     * Rewrites a built image with a security version and, when signer is not null, a SIGNATURE section
     * (docs/device-spec.md section 15); the parsed-back content then names the signer's key id.
     */
    public static void sign(Built b, DeviceProfile profile, ImageWriter.Signer signer, int securityVersion) {
        b.content.securityVersion = securityVersion;
        byte[] image = ImageWriter.write(b.content, signer);
        long flash = Footprint.flashBytes(profile, image.length);
        if (flash > profile.flashBytes()) {
            throw SnnException.checkFailed("the signed image needs " + flash + " bytes of flash, " + profile.name()
                    + " has " + profile.flashBytes() + "; nothing written");
        }
        b.image = image;
        b.content = snn.protocol.image.ImageParser.parse(image, "<signed image>");
        b.sha256 = ImageWriter.hex(ImageWriter.sha256(image, 0, image.length));
        b.flashBytes = flash;
    }

    /** Refuses a model that does not fit, saying what would. */
    public static void requireFits(DeviceProfile p, int inputs, int neurons, int bits) {
        long image = Footprint.imageBytes(inputs, neurons, bits);
        long flash = Footprint.flashBytes(p, image);
        long ram = Footprint.ramBytes(p, inputs, neurons);
        if (flash <= p.flashBytes() && ram <= p.ramBytes()) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        sb.append(neurons).append(" neurons at ").append(bits).append(" bits do not fit ").append(p.name()).append(':');
        if (flash > p.flashBytes()) {
            sb.append(" flash needs ").append(flash).append(" bytes (image ").append(image).append(" + firmware reserve ")
                    .append(p.flashReserveBytes()).append("), available ").append(p.flashBytes()).append(';');
        }
        if (ram > p.ramBytes()) {
            sb.append(" RAM needs ").append(ram).append(" bytes, available ").append(p.ramBytes()).append(';');
        }
        StringBuilder alt = new StringBuilder();
        for (int b : new int[] {8, 4, 2}) {
            if (b < bits && Footprint.fits(p, inputs, neurons, b)) {
                alt.append(alt.length() == 0 ? "" : " or ").append("--bits ").append(b);
            }
        }
        sb.append(alt.length() > 0 ? " " + alt + " would fit;" : " no bit width fits " + neurons + " neurons;");
        int max = Footprint.maxNeurons(p, inputs, bits);
        sb.append(" at ").append(bits).append(" bits at most ").append(max).append(" neurons fit");
        throw SnnException.checkFailed(sb.toString() + "; nothing written");
    }

    /**
     * A stand-in input when no real image is given: the receptive field of the neuron with the
     * largest weight sum, scaled to 0..255, so that the self-test makes the network spike.
     */
    public static byte[] syntheticInput(DeviceNetwork d) {
        int n = d.neurons;
        int best = 0;
        long bestSum = -1;
        for (int j = 0; j < n; j++) {
            long s = 0;
            for (int i = 0; i < d.inputs; i++) {
                s += d.weights[i * n + j];
            }
            if (s > bestSum) {
                bestSum = s;
                best = j;
            }
        }
        byte[] px = new byte[d.inputs];
        for (int i = 0; i < d.inputs; i++) {
            px[i] = (byte) ((d.weights[i * n + best] * 255 + d.weightMax / 2) / d.weightMax);
        }
        return px;
    }
}
