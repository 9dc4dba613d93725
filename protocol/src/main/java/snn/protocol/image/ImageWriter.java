package snn.protocol.image;

import snn.support.Sha256;
import static snn.protocol.image.ImageFormat.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Serialises a {@link DeviceImage} into the format drawn in {@link ImageFormat}. */
public final class ImageWriter {
    private ImageWriter() {
    }

    /** Where each section goes; the same arithmetic sizes an image before it exists. */
    public static final class Layout {
        public final int[] ids;
        public final int[] offsets;
        public final int[] lengths;
        public final int headerBytes;
        public final int imageBytes;

        Layout(int inputs, int neurons, int bits, boolean withScale, boolean signed) {
            int[] base = withScale
                    ? new int[] {SEC_PARAMS, SEC_NEURONS, SEC_LABELS, SEC_SELFTEST, SEC_SCALE, SEC_WEIGHTS}
                    : new int[] {SEC_PARAMS, SEC_NEURONS, SEC_LABELS, SEC_SELFTEST, SEC_WEIGHTS};
            ids = signed ? java.util.Arrays.copyOf(base, base.length + 1) : base;
            if (signed) {
                ids[base.length] = SEC_SIGNATURE; // always last: it ends where the trailer starts
            }
            offsets = new int[ids.length];
            lengths = new int[ids.length];
            headerBytes = HEADER_FIXED_BYTES + SECTION_ENTRY_BYTES * ids.length;
            long at = headerBytes;
            for (int k = 0; k < ids.length; k++) {
                long len = sectionBytes(ids[k], inputs, neurons, bits);
                offsets[k] = (int) at;
                lengths[k] = (int) len;
                at = (at + len + 3) & ~3L;
                if (at > Integer.MAX_VALUE - SHA_BYTES) {
                    throw new IllegalArgumentException("device image would exceed 2 GiB");
                }
            }
            imageBytes = (int) at + SHA_BYTES;
        }
    }

    static long sectionBytes(int id, int inputs, int neurons, int bits) {
        switch (id) {
            case SEC_WEIGHTS: return (long) inputs * weightRowBytes(neurons, bits);
            case SEC_NEURONS: return 12L * neurons;
            case SEC_LABELS: return neurons;
            case SEC_PARAMS: return PARAMS_BYTES;
            case SEC_SELFTEST: return selfTestBytes(inputs, neurons);
            case SEC_SCALE: return 4L * neurons;
            case SEC_SIGNATURE: return SIGNATURE_BYTES;
            default: throw new IllegalArgumentException("unknown section " + id);
        }
    }

    public static Layout layout(int inputs, int neurons, int bits, boolean withScale) {
        return new Layout(inputs, neurons, bits, withScale, false);
    }

    public static Layout layout(int inputs, int neurons, int bits, boolean withScale, boolean signed) {
        return new Layout(inputs, neurons, bits, withScale, signed);
    }

    /** Total bytes of an unsigned image of this shape, trailer included (a signature adds 92: a table entry and the section). */
    public static int imageBytes(int inputs, int neurons, int bits, boolean withScale) {
        return layout(inputs, neurons, bits, withScale).imageBytes;
    }

    /** Makes the SIGNATURE section's signature (docs/device-spec.md section 15.1). */
    public interface Signer {
        /** First 8 bytes of the SHA-256 of the raw 32-byte public key. */
        byte[] keyId();

        /** Ed25519 signature (64 bytes) of message. */
        byte[] sign(byte[] message);
    }

    /**
     * The image's bytes, unsigned. The result is parsed back before it is returned, so a writer can
     * never emit an image the parser (and therefore the device) would refuse.
     */
    public static byte[] write(DeviceImage m) {
        return write(m, null);
    }

    /**
     * The image's bytes, signed by signer when it is not null: flags SIGNED, a SIGNATURE section last,
     * whose signature is over the SHA-256 of bytes [0, L-96), then the trailer over everything.
     */
    public static byte[] write(DeviceImage m, Signer signer) {
        Layout l = layout(m.inputs, m.neurons, m.weightBits, m.scaleQ16 != null, signer != null);
        ImageParser.validate(m, "<image being written>", ImageParser.offsetsOf(l));
        byte[] out = new byte[l.imageBytes];
        ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(H_MAGIC, MAGIC);
        b.putShort(H_FORMAT_VERSION, (short) FORMAT_VERSION);
        b.putShort(H_SPEC_VERSION, (short) SPEC_VERSION);
        b.putInt(H_IMAGE_BYTES, l.imageBytes);
        b.putShort(H_INPUTS, (short) m.inputs);
        b.putShort(H_NEURONS, (short) m.neurons);
        out[H_CLASSES] = (byte) m.classes;
        out[H_WEIGHT_BITS] = (byte) m.weightBits;
        out[H_SECTION_COUNT] = (byte) l.ids.length;
        out[H_FLAGS] = (byte) (signer != null ? FLAG_SIGNED : 0);
        b.putInt(H_WEIGHT_ROW_BYTES, weightRowBytes(m.neurons, m.weightBits));
        b.putInt(H_SECURITY_VERSION, m.securityVersion);
        for (int k = 0; k < l.ids.length; k++) {
            int e = HEADER_FIXED_BYTES + k * SECTION_ENTRY_BYTES;
            b.putInt(e, l.ids[k]);
            b.putInt(e + 4, l.offsets[k]);
            b.putInt(e + 8, l.lengths[k]);
            int o = l.offsets[k];
            switch (l.ids[k]) {
                case SEC_PARAMS: writeParams(b, o, m); break;
                case SEC_NEURONS:
                    for (int j = 0; j < m.neurons; j++) {
                        b.putInt(o + 4 * j, m.threshold[j]);
                        b.putInt(o + 4 * (m.neurons + j), m.inhibition[j]);
                        b.putInt(o + 4 * (2 * m.neurons + j), m.vFloor[j]);
                    }
                    break;
                case SEC_LABELS:
                    for (int j = 0; j < m.neurons; j++) {
                        out[o + j] = (byte) m.labels[j];
                    }
                    break;
                case SEC_SELFTEST: writeSelfTest(b, o, m); break;
                case SEC_SCALE:
                    for (int j = 0; j < m.neurons; j++) {
                        b.putInt(o + 4 * j, m.scaleQ16[j]);
                    }
                    break;
                case SEC_WEIGHTS: WeightPacking.pack(m.weights, m.inputs, m.neurons, m.weightBits, out, o); break;
                case SEC_SIGNATURE:
                    b.putInt(o + SIG_ALGORITHM, ALG_ED25519);
                    System.arraycopy(signer.keyId(), 0, out, o + SIG_KEY_ID, KEY_ID_BYTES);
                    break; // the signature itself goes in below, once every signed byte is in place
                default: throw new IllegalStateException();
            }
        }
        if (signer != null) {
            byte[] sig = signer.sign(signedMessage(out));
            if (sig.length != 64) {
                throw new IllegalStateException("an Ed25519 signature has 64 bytes, got " + sig.length);
            }
            System.arraycopy(sig, 0, out, out.length - SIGNED_TAIL, 64);
        }
        byte[] sha = Sha256.of(out, 0, out.length - SHA_BYTES);
        System.arraycopy(sha, 0, out, out.length - SHA_BYTES, SHA_BYTES);
        ImageParser.parse(out, "<image being written>");
        return out;
    }

    private static void writeParams(ByteBuffer b, int o, DeviceImage m) {
        b.putShort(o + P_STEPS, (short) m.steps);
        b.putShort(o + P_WEIGHT_MAX, (short) m.weightMax());
        b.putInt(o + P_LEAK_EXC, m.leakExcQ16);
        b.putInt(o + P_LEAK_INH, m.leakInhQ16);
        b.put(o + P_REF_EXC, (byte) m.refractoryExc);
        b.put(o + P_REF_INH, (byte) m.refractoryInh);
        b.put(o + P_V_SHIFT, (byte) m.vShift);
        b.put(o + P_DECISION, (byte) m.decision);
        b.putInt(o + P_W_EXC_TO_INH, m.wExcToInh);
        b.putInt(o + P_THRESHOLD_INH, m.thresholdInh);
        b.put(o + P_INTENSITY, (byte) m.intensity);
        b.put(o + P_INTENSITY_MAX, (byte) m.intensityMax);
        b.putInt(o + P_MIN_SPIKES, m.minSpikes);
        for (int p = 0; p < 256; p++) {
            b.putShort(o + P_RATE + 2 * p, (short) m.rateQ16[p]);
        }
    }

    private static void writeSelfTest(ByteBuffer b, int o, DeviceImage m) {
        DeviceImage.SelfTest s = m.selfTest;
        b.putInt(o + S_SEED, s.imageSeed);
        b.put(o + S_LABEL, (byte) s.expectedLabel);
        b.put(o + S_PRESENTATIONS, (byte) s.expectedPresentations);
        b.putInt(o + S_STEPS, s.expectedSteps);
        b.putInt(o + S_TOTAL, s.expectedTotalSpikes);
        for (int i = 0; i < m.inputs; i++) {
            b.put(o + S_PIXELS + i, s.pixels[i]);
        }
        int c = o + S_PIXELS + align4(m.inputs);
        for (int j = 0; j < m.neurons; j++) {
            b.putShort(c + 2 * j, (short) s.expectedCounts[j]);
        }
    }

    /** What a SIGNATURE section signs: the SHA-256 of the image's bytes [0, L-96). */
    public static byte[] signedMessage(byte[] image) {
        return Sha256.of(image, 0, image.length - SIGNED_TAIL);
    }
}
