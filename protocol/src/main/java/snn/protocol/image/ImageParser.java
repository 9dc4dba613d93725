package snn.protocol.image;

import static snn.protocol.image.ImageFormat.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import snn.support.SnnException;

/**
 * Reads and checks a device image. Checks run in the order a device runs them: magic, versions,
 * length, SHA-256, section table, then every field's range. Any failure is
 * {@link SnnException#badInput} naming the file, the field, its byte offset, the value and the limit.
 */
public final class ImageParser {
    private ImageParser() {
    }

    /** Section offsets of a parsed (or about to be written) image, indexed by section id; -1 when absent. */
    static final class Offsets {
        final int[] at = new int[SEC_SIGNATURE + 1];

        Offsets() {
            java.util.Arrays.fill(at, -1);
        }
    }

    public static DeviceImage parse(byte[] img, String file) {
        if (img.length < HEADER_FIXED_BYTES + SHA_BYTES) {
            throw fail(file, "length", 0, img.length, ">= " + (HEADER_FIXED_BYTES + SHA_BYTES) + " bytes (truncated)");
        }
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(H_MAGIC);
        if (magic != MAGIC) {
            throw fail(file, "magic", H_MAGIC, String.format("0x%08X", magic),
                    String.format("0x%08X (\"SNNI\"); not a device image", MAGIC));
        }
        int format = u16(b, H_FORMAT_VERSION);
        if (format != FORMAT_VERSION) {
            throw fail(file, "format_version", H_FORMAT_VERSION, format, FORMAT_VERSION + " (unknown version)");
        }
        int spec = u16(b, H_SPEC_VERSION);
        if (spec != SPEC_VERSION) {
            throw fail(file, "spec_version", H_SPEC_VERSION, spec, SPEC_VERSION + " (unknown device spec version)");
        }
        long total = b.getInt(H_IMAGE_BYTES) & 0xFFFFFFFFL;
        if (total != img.length) {
            throw fail(file, "image_bytes", H_IMAGE_BYTES, total, "the file's length " + img.length
                    + (total > img.length ? " (truncated)" : " (trailing bytes)"));
        }
        byte[] want = ImageWriter.sha256(img, 0, img.length - SHA_BYTES);
        if (!MessageDigest.isEqual(want, java.util.Arrays.copyOfRange(img, img.length - SHA_BYTES, img.length))) {
            throw fail(file, "sha256", img.length - SHA_BYTES,
                    ImageWriter.hex(java.util.Arrays.copyOfRange(img, img.length - SHA_BYTES, img.length)),
                    "the SHA-256 of the bytes before it, " + ImageWriter.hex(want) + " (corrupt image)");
        }
        DeviceImage m = new DeviceImage();
        m.inputs = u16(b, H_INPUTS);
        m.neurons = u16(b, H_NEURONS);
        m.classes = img[H_CLASSES] & 0xFF;
        m.weightBits = img[H_WEIGHT_BITS] & 0xFF;
        int count = img[H_SECTION_COUNT] & 0xFF;
        check(file, "inputs", H_INPUTS, m.inputs, m.inputs >= 1, "1..65535");
        check(file, "neurons", H_NEURONS, m.neurons, m.neurons >= 1, "1..65535");
        check(file, "classes", H_CLASSES, m.classes, m.classes >= 1, "1..255");
        check(file, "weight_bits", H_WEIGHT_BITS, m.weightBits,
                m.weightBits == 2 || m.weightBits == 4 || m.weightBits == 8, "2, 4 or 8");
        int flags = img[H_FLAGS] & 0xFF;
        check(file, "reserved", H_RESERVED, b.getInt(H_RESERVED), b.getInt(H_RESERVED) == 0, "0");
        m.securityVersion = b.getInt(H_SECURITY_VERSION);
        int rowBytes = b.getInt(H_WEIGHT_ROW_BYTES);
        check(file, "weight_row_bytes", H_WEIGHT_ROW_BYTES, rowBytes,
                rowBytes == weightRowBytes(m.neurons, m.weightBits), "" + weightRowBytes(m.neurons, m.weightBits));
        check(file, "section_count", H_SECTION_COUNT, count, count >= 5 && count <= 7, "5..7");
        Offsets off = readSectionTable(b, img.length, count, m, file);
        int sig = off.at[SEC_SIGNATURE];
        check(file, "flags", H_FLAGS, flags, flags == (sig >= 0 ? FLAG_SIGNED : 0),
                (sig >= 0 ? "1 (SIGNED: the image has a SIGNATURE section)" : "0 (no SIGNATURE section)"));
        if (sig >= 0) {
            int alg = b.getInt(sig + SIG_ALGORITHM);
            check(file, "SIGNATURE.algorithm", sig + SIG_ALGORITHM, Integer.toUnsignedLong(alg), alg == ALG_ED25519,
                    "1 (Ed25519; a u32)");
            m.signature = new DeviceImage.Signature(java.util.Arrays.copyOfRange(img, sig + SIG_KEY_ID, sig + SIG_KEY_ID + KEY_ID_BYTES),
                    java.util.Arrays.copyOfRange(img, sig + SIG_SIGNATURE, sig + SIG_SIGNATURE + 64));
        }

        readParams(b, off.at[SEC_PARAMS], m);
        int storedMax = u16(b, off.at[SEC_PARAMS] + P_WEIGHT_MAX);
        check(file, "weight_max", off.at[SEC_PARAMS] + P_WEIGHT_MAX, storedMax, storedMax == m.weightMax(),
                "2^weight_bits - 1 = " + m.weightMax());
        int o = off.at[SEC_NEURONS];
        int n = m.neurons;
        m.threshold = new int[n];
        m.inhibition = new int[n];
        m.vFloor = new int[n];
        m.labels = new int[n];
        for (int j = 0; j < n; j++) {
            m.threshold[j] = b.getInt(o + 4 * j);
            m.inhibition[j] = b.getInt(o + 4 * (n + j));
            m.vFloor[j] = b.getInt(o + 4 * (2 * n + j));
            m.labels[j] = img[off.at[SEC_LABELS] + j] & 0xFF;
        }
        if (off.at[SEC_SCALE] >= 0) {
            m.scaleQ16 = new int[n];
            for (int j = 0; j < n; j++) {
                m.scaleQ16[j] = b.getInt(off.at[SEC_SCALE] + 4 * j);
            }
        }
        readSelfTest(b, off.at[SEC_SELFTEST], m);
        int w = off.at[SEC_WEIGHTS];
        int badRow = WeightPacking.firstNonZeroPaddingRow(img, w, m.inputs, n, m.weightBits);
        check(file, "weights row padding", w + Math.max(0, badRow) * rowBytes, badRow, badRow < 0, "zero bits");
        m.weights = WeightPacking.unpack(img, w, m.inputs, n, m.weightBits);
        validate(m, file, off);
        return m;
    }

    private static Offsets readSectionTable(ByteBuffer b, int length, int count, DeviceImage m, String file) {
        Offsets off = new Offsets();
        int header = HEADER_FIXED_BYTES + SECTION_ENTRY_BYTES * count;
        long end = length - SHA_BYTES;
        long prevEnd = header;
        for (int k = 0; k < count; k++) {
            int e = HEADER_FIXED_BYTES + k * SECTION_ENTRY_BYTES;
            int id = b.getInt(e);
            long o = b.getInt(e + 4) & 0xFFFFFFFFL;
            long len = b.getInt(e + 8) & 0xFFFFFFFFL;
            String name = "section[" + k + "]";
            check(file, name + ".id", e, id, id >= SEC_WEIGHTS && id <= SEC_SIGNATURE, "1..7");
            check(file, name + ".id", e, id, off.at[id] < 0, "each section once (duplicate " + sectionName(id) + ")");
            check(file, name + ".reserved", e + 12, b.getInt(e + 12), b.getInt(e + 12) == 0, "0");
            check(file, sectionName(id) + ".offset", e + 4, o, o % 4 == 0, "a multiple of 4");
            check(file, sectionName(id) + ".offset", e + 4, o, o >= prevEnd,
                    ">= " + prevEnd + " (sections in ascending order, after the header, not overlapping)");
            long want = ImageWriter.sectionBytes(id, m.inputs, m.neurons, m.weightBits);
            check(file, sectionName(id) + ".length", e + 8, len, len == want, "" + want);
            check(file, sectionName(id) + ".end", e + 4, o + len, o + len <= end, "<= " + end + " (before the SHA-256)");
            if (id == SEC_SIGNATURE) {
                check(file, "SIGNATURE", e, k, k == count - 1, "the last section of the table (index " + (count - 1) + ")");
                check(file, "SIGNATURE.end", e + 4, o + len, o + len == end, end + " (the signature ends where the trailer starts)");
            }
            off.at[id] = (int) o;
            prevEnd = o + len;
        }
        for (int id = SEC_WEIGHTS; id <= SEC_SELFTEST; id++) {
            check(file, "section " + sectionName(id), HEADER_FIXED_BYTES, -1, off.at[id] >= 0, "present");
        }
        return off;
    }

    private static void readParams(ByteBuffer b, int o, DeviceImage m) {
        m.steps = u16(b, o + P_STEPS);
        m.leakExcQ16 = b.getInt(o + P_LEAK_EXC);
        m.leakInhQ16 = b.getInt(o + P_LEAK_INH);
        m.refractoryExc = b.get(o + P_REF_EXC) & 0xFF;
        m.refractoryInh = b.get(o + P_REF_INH) & 0xFF;
        m.vShift = b.get(o + P_V_SHIFT) & 0xFF;
        m.decision = b.get(o + P_DECISION) & 0xFF;
        m.wExcToInh = b.getInt(o + P_W_EXC_TO_INH);
        m.thresholdInh = b.getInt(o + P_THRESHOLD_INH);
        m.intensity = b.get(o + P_INTENSITY) & 0xFF;
        m.intensityMax = b.get(o + P_INTENSITY_MAX) & 0xFF;
        m.minSpikes = b.getInt(o + P_MIN_SPIKES);
        m.rateQ16 = new int[256];
        for (int p = 0; p < 256; p++) {
            m.rateQ16[p] = u16(b, o + P_RATE + 2 * p);
        }
    }

    private static void readSelfTest(ByteBuffer b, int o, DeviceImage m) {
        DeviceImage.SelfTest s = new DeviceImage.SelfTest();
        s.imageSeed = b.getInt(o + S_SEED);
        s.expectedLabel = b.get(o + S_LABEL) & 0xFF;
        s.expectedPresentations = b.get(o + S_PRESENTATIONS) & 0xFF;
        s.expectedSteps = b.getInt(o + S_STEPS);
        s.expectedTotalSpikes = b.getInt(o + S_TOTAL);
        s.pixels = new byte[m.inputs];
        for (int i = 0; i < m.inputs; i++) {
            s.pixels[i] = b.get(o + S_PIXELS + i);
        }
        int c = o + S_PIXELS + align4(m.inputs);
        s.expectedCounts = new int[m.neurons];
        for (int j = 0; j < m.neurons; j++) {
            s.expectedCounts[j] = u16(b, c + 2 * j);
        }
        m.selfTest = s;
    }

    /**
     * Every field's range (docs/device-spec.md, "Ranges"). Also used by {@link ImageWriter} before it
     * writes, with the offsets the fields will have, so values too wide for their storage are refused.
     */
    static void validate(DeviceImage m, String file, Offsets off) {
        int n = m.neurons;
        for (int[] a : new int[][] {m.threshold, m.inhibition, m.vFloor, m.labels, m.selfTest.expectedCounts}) {
            check(file, "per-neuron array length", HEADER_FIXED_BYTES, a.length, a.length == n, "neurons = " + n);
        }
        check(file, "weights.length", HEADER_FIXED_BYTES, m.weights.length, m.weights.length == m.inputs * n,
                "inputs*neurons = " + m.inputs * n);
        check(file, "inputs", H_INPUTS, m.inputs, m.inputs >= 1 && m.inputs <= 65535, "1..65535");
        check(file, "neurons", H_NEURONS, n, n >= 1 && n <= 65535, "1..65535");
        check(file, "classes", H_CLASSES, m.classes, m.classes >= 1 && m.classes <= 255, "1..255");
        check(file, "weight_bits", H_WEIGHT_BITS, m.weightBits,
                m.weightBits == 2 || m.weightBits == 4 || m.weightBits == 8, "2, 4 or 8");
        int p = off.at[SEC_PARAMS];
        check(file, "steps", p + P_STEPS, m.steps, m.steps >= 1 && m.steps <= 65535, "1..65535");
        check(file, "leak_exc_q16", p + P_LEAK_EXC, m.leakExcQ16, m.leakExcQ16 >= 0 && m.leakExcQ16 <= 65536, "0..65536");
        check(file, "leak_inh_q16", p + P_LEAK_INH, m.leakInhQ16, m.leakInhQ16 >= 0 && m.leakInhQ16 <= 65536, "0..65536");
        check(file, "refractory_exc", p + P_REF_EXC, m.refractoryExc, m.refractoryExc >= 0 && m.refractoryExc <= 255, "0..255");
        check(file, "refractory_inh", p + P_REF_INH, m.refractoryInh, m.refractoryInh >= 0 && m.refractoryInh <= 255, "0..255");
        check(file, "v_shift", p + P_V_SHIFT, m.vShift, m.vShift >= 0 && m.vShift <= 16, "0..16");
        check(file, "decision", p + P_DECISION, m.decision, m.decision == 0 || m.decision == 1, "0 (max-neuron) or 1 (vote)");
        check(file, "w_exc_to_inh", p + P_W_EXC_TO_INH, m.wExcToInh, m.wExcToInh >= 0 && m.wExcToInh <= MAX_INH_PARAM, "0..2^30");
        check(file, "threshold_inh", p + P_THRESHOLD_INH, m.thresholdInh,
                m.thresholdInh >= 0 && m.thresholdInh <= MAX_INH_PARAM, "0..2^30");
        check(file, "intensity_max", p + P_INTENSITY_MAX, m.intensityMax, m.intensityMax >= 1 && m.intensityMax <= 255, "1..255");
        check(file, "intensity", p + P_INTENSITY, m.intensity, m.intensity >= 1 && m.intensity <= m.intensityMax,
                "1..intensity_max=" + m.intensityMax);
        check(file, "min_spikes", p + P_MIN_SPIKES, m.minSpikes, m.minSpikes >= 0, "0..2^31-1");
        check(file, "rate_q16.length", p + P_RATE, m.rateQ16.length, m.rateQ16.length == 256, "256");
        for (int q = 0; q < 256; q++) {
            check(file, "rate_q16[" + q + "]", p + P_RATE + 2 * q, m.rateQ16[q], m.rateQ16[q] >= 0 && m.rateQ16[q] <= 65535, "0..65535");
        }
        int o = off.at[SEC_NEURONS];
        int l = off.at[SEC_LABELS];
        for (int j = 0; j < n; j++) {
            check(file, "threshold[" + j + "]", o + 4 * j, m.threshold[j], m.threshold[j] >= 0, ">= 0");
            check(file, "inhibition[" + j + "]", o + 4 * (n + j), m.inhibition[j], m.inhibition[j] >= 0, ">= 0");
            check(file, "v_floor[" + j + "]", o + 4 * (2 * n + j), m.vFloor[j], m.vFloor[j] <= 0, "<= 0");
            check(file, "label[" + j + "]", l + j, m.labels[j], m.labels[j] >= 0 && m.labels[j] < m.classes,
                    "0.." + (m.classes - 1));
        }
        int wmax = m.weightMax();
        int w = off.at[SEC_WEIGHTS];
        int row = weightRowBytes(n, m.weightBits);
        for (int k = 0; k < m.weights.length; k++) {
            if (m.weights[k] < 0 || m.weights[k] > wmax) {
                check(file, "weight[" + k / n + "][" + k % n + "]", w + (k / n) * row + (k % n) * m.weightBits / 8,
                        m.weights[k], false, "0.." + wmax);
            }
        }
        check(file, "weights.length", w, m.weights.length, m.weights.length == m.inputs * n, "inputs*neurons");
        DeviceImage.SelfTest s = m.selfTest;
        int st = off.at[SEC_SELFTEST];
        check(file, "selftest.expected_label", st + S_LABEL, s.expectedLabel,
                s.expectedLabel == 255 || (s.expectedLabel >= 0 && s.expectedLabel < m.classes), "0.." + (m.classes - 1) + " or 255");
        int maxPres = m.intensityMax - m.intensity + 1;
        check(file, "selftest.expected_presentations", st + S_PRESENTATIONS, s.expectedPresentations,
                s.expectedPresentations >= 1 && s.expectedPresentations <= maxPres, "1.." + maxPres);
        check(file, "selftest.expected_steps", st + S_STEPS, s.expectedSteps,
                s.expectedSteps == s.expectedPresentations * m.steps, "presentations*steps = " + s.expectedPresentations * m.steps);
        check(file, "selftest.pixels.length", st + S_PIXELS, s.pixels.length, s.pixels.length == m.inputs, "inputs");
        int c = st + S_PIXELS + align4(m.inputs);
        long sum = 0;
        for (int j = 0; j < n; j++) {
            check(file, "selftest.expected_counts[" + j + "]", c + 2 * j, s.expectedCounts[j],
                    s.expectedCounts[j] >= 0 && s.expectedCounts[j] <= m.steps, "0..steps=" + m.steps);
            sum += s.expectedCounts[j];
        }
        check(file, "selftest.expected_total_spikes", st + S_TOTAL, s.expectedTotalSpikes, s.expectedTotalSpikes == sum,
                "the sum of expected_counts, " + sum);
    }

    /** Offsets an image of this shape will have: for {@link #validate} before writing. */
    static Offsets offsetsOf(ImageWriter.Layout l) {
        Offsets off = new Offsets();
        for (int k = 0; k < l.ids.length; k++) {
            off.at[l.ids[k]] = l.offsets[k];
        }
        return off;
    }

    private static int u16(ByteBuffer b, int at) {
        return b.getShort(at) & 0xFFFF;
    }

    private static void check(String file, String field, long offset, Object value, boolean ok, String limit) {
        if (!ok) {
            throw fail(file, field, offset, value, limit);
        }
    }

    private static SnnException fail(String file, String field, long offset, Object value, String limit) {
        return SnnException.badInput(file + ": device image field " + field + " at byte " + offset + " is " + value
                + ", expected " + limit);
    }
}
