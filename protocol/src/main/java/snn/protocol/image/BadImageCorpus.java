package snn.protocol.image;

import static snn.protocol.image.ImageFormat.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Bad device images, one per check of docs/device-spec.md 11.3, each with the field and byte offset
 * that check must name. Deterministic (no randomness): the Java parser and the C firmware's parser
 * (firmware/tests/image_check.c) both run this corpus and must name the same field at the same byte.
 * Except where the case is about the SHA-256 itself, every mutated image gets a correct trailer, so
 * the check under test is the first one that fails.
 */
public final class BadImageCorpus {
    private BadImageCorpus() {
    }

    /**
     * One bad image: its name, bytes, and the field (indices written "[]") and byte the parsers must
     * name; field null for a control case that must parse.
     */
    public record Case(String name, byte[] image, String field, long offset) {
    }

    /** A field name as both parsers compare it: array indices dropped, "threshold[3]" becomes "threshold[]". */
    public static String canonicalField(String field) {
        return field.replaceAll("\\[\\d+\\]", "[]");
    }

    /** Writes NAME.img for every case and index.txt, one "NAME FIELD OFFSET" line each (FIELD "ok": must parse). */
    public static void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder index = new StringBuilder("# name field offset (docs/device-spec.md 11.3)\n");
        for (Case c : cases()) {
            Files.write(dir.resolve(c.name() + ".img"), c.image());
            index.append(c.name()).append(' ').append(c.field() == null ? "ok" : c.field()).append(' ')
                    .append(c.field() == null ? 0 : c.offset()).append('\n');
        }
        Files.writeString(dir.resolve("index.txt"), index);
    }

    /**
     * The base image: 5 inputs, 3 neurons, 4-bit weights, with a SCALE section, so that every kind of
     * padding exists (12 weight bits in a 32-bit row, 3 pixel bytes after 5 pixels, 1 byte after the labels).
     */
    static DeviceImage base(int inputs, int neurons, int bits, boolean scale) {
        DeviceImage m = new DeviceImage();
        m.inputs = inputs;
        m.neurons = neurons;
        m.classes = 4;
        m.weightBits = bits;
        m.weights = new int[inputs * neurons];
        for (int k = 0; k < m.weights.length; k++) {
            m.weights[k] = (k * 7 + 3) % (1 << bits);
        }
        m.threshold = new int[neurons];
        m.inhibition = new int[neurons];
        m.vFloor = new int[neurons];
        m.labels = new int[neurons];
        m.scaleQ16 = scale ? new int[neurons] : null;
        for (int j = 0; j < neurons; j++) {
            m.threshold[j] = 1000 + j;
            m.inhibition[j] = 500;
            m.vFloor[j] = -2000;
            m.labels[j] = j % m.classes;
            if (scale) {
                m.scaleQ16[j] = 65536 + j;
            }
        }
        m.steps = 20;
        m.leakExcQ16 = 650;
        m.leakInhQ16 = 6554;
        m.refractoryExc = 5;
        m.refractoryInh = 2;
        m.vShift = 4;
        m.decision = 0;
        m.wExcToInh = 62_000;
        m.thresholdInh = 20_000;
        m.intensity = 2;
        m.intensityMax = 4;
        m.minSpikes = 3;
        m.rateQ16 = new int[256];
        for (int p = 0; p < 256; p++) {
            m.rateQ16[p] = p * 8;
        }
        DeviceImage.SelfTest s = new DeviceImage.SelfTest();
        s.imageSeed = 7;
        s.pixels = new byte[inputs];
        for (int i = 0; i < inputs; i++) {
            s.pixels[i] = (byte) (40 * i + 1);
        }
        s.expectedCounts = new int[neurons];
        for (int j = 0; j < neurons; j++) {
            s.expectedCounts[j] = j % 3;
            s.expectedTotalSpikes += j % 3;
        }
        s.expectedLabel = neurons > 1 ? m.labels[neurons - 1] : 255;
        s.expectedPresentations = 2;
        s.expectedSteps = 2 * m.steps;
        m.selfTest = s;
        return m;
    }

    public static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        byte[] good = ImageWriter.write(base(5, 3, 4, true));
        int len = good.length;
        ImageWriter.Layout l = ImageWriter.layout(5, 3, 4, true);
        int params = l.offsets[0];
        int neurons = l.offsets[1];
        int labels = l.offsets[2];
        int selftest = l.offsets[3];
        int scale = l.offsets[4];
        int weights = l.offsets[5];
        int entryWeights = HEADER_FIXED_BYTES + 5 * SECTION_ENTRY_BYTES;

        // 1. length, magic, versions
        out.add(new Case("length_63", Arrays.copyOf(good, 63), "length", 0));
        out.add(edit("magic", good, b -> b.put(0, (byte) 0x54), "magic", H_MAGIC));
        out.add(edit("format_version_2", good, b -> b.putShort(H_FORMAT_VERSION, (short) 2), "format_version", H_FORMAT_VERSION));
        out.add(edit("spec_version_0", good, b -> b.putShort(H_SPEC_VERSION, (short) 0), "spec_version", H_SPEC_VERSION));
        // 2. stored length
        out.add(new Case("image_bytes_trailing", Arrays.copyOf(good, len + 4), "image_bytes", H_IMAGE_BYTES));
        out.add(new Case("image_bytes_truncated", Arrays.copyOf(good, len - 4), "image_bytes", H_IMAGE_BYTES));
        out.add(new Case("image_bytes_not_multiple_of_4", resize(good, len - SHA_BYTES, 2), "image_bytes", H_IMAGE_BYTES));
        // 3. SHA-256
        byte[] flipped = good.clone();
        flipped[weights] ^= 1;
        out.add(new Case("sha256_flipped_weight_bit", flipped, "sha256", len - SHA_BYTES));
        // 4. header, byte order
        out.add(edit("inputs_0", good, b -> b.putShort(H_INPUTS, (short) 0), "inputs", H_INPUTS));
        out.add(edit("neurons_0", good, b -> b.putShort(H_NEURONS, (short) 0), "neurons", H_NEURONS));
        out.add(edit("classes_0", good, b -> b.put(H_CLASSES, (byte) 0), "classes", H_CLASSES));
        out.add(edit("weight_bits_3", good, b -> b.put(H_WEIGHT_BITS, (byte) 3), "weight_bits", H_WEIGHT_BITS));
        out.add(edit("section_count_8", good, b -> b.put(H_SECTION_COUNT, (byte) 8), "section_count", H_SECTION_COUNT));
        out.add(edit("section_count_4", good, b -> b.put(H_SECTION_COUNT, (byte) 4), "section_count", H_SECTION_COUNT));
        out.add(edit("flags_1", good, b -> b.put(H_FLAGS, (byte) 1), "flags", H_FLAGS));
        out.add(edit("weight_row_bytes", good, b -> b.putInt(H_WEIGHT_ROW_BYTES, 8), "weight_row_bytes", H_WEIGHT_ROW_BYTES));
        out.add(edit("header_reserved_28", good, b -> b.put(28, (byte) 1), "header.reserved", 28));
        out.add(edit("header_reserved_31", good, b -> b.put(31, (byte) 0x80), "header.reserved", 31));
        // 5. section table
        out.add(edit("section_id_0", good, b -> b.putInt(HEADER_FIXED_BYTES, 0), "section[].id", HEADER_FIXED_BYTES));
        out.add(edit("section_id_8", good, b -> b.putInt(HEADER_FIXED_BYTES + 16, 8), "section[].id", HEADER_FIXED_BYTES + 16));
        out.add(edit("section_id_huge", good, b -> b.putInt(HEADER_FIXED_BYTES + 16, -1), "section[].id", HEADER_FIXED_BYTES + 16));
        out.add(edit("section_id_duplicate", good, b -> b.putInt(HEADER_FIXED_BYTES + 16, SEC_PARAMS), "section[].id",
                HEADER_FIXED_BYTES + 16));
        out.add(edit("section_offset_gap", good, b -> b.putInt(HEADER_FIXED_BYTES + 16 + 4, neurons + 4), "NEURONS.offset",
                HEADER_FIXED_BYTES + 16 + 4));
        out.add(edit("section_offset_overlap", good, b -> b.putInt(HEADER_FIXED_BYTES + 32 + 4, labels - 4), "LABELS.offset",
                HEADER_FIXED_BYTES + 32 + 4));
        out.add(edit("section_offset_unaligned", good, b -> b.putInt(HEADER_FIXED_BYTES + 4, params + 1), "PARAMS.offset",
                HEADER_FIXED_BYTES + 4));
        out.add(edit("section_length", good, b -> b.putInt(HEADER_FIXED_BYTES + 48 + 8, 16 + 8 + 6 + 1), "SELFTEST.length",
                HEADER_FIXED_BYTES + 48 + 8));
        out.add(edit("section_reserved", good, b -> b.putInt(HEADER_FIXED_BYTES + 64 + 12, 1), "section[].reserved",
                HEADER_FIXED_BYTES + 64 + 12));
        // the last section (WEIGHTS) runs into the trailer: an image 4 bytes short of its table
        out.add(new Case("section_end", resize(good, len - SHA_BYTES - 4, 0), "WEIGHTS.end", entryWeights + 4));
        out.add(new Case("section_missing", withoutWeights(), "section_table", HEADER_FIXED_BYTES));
        // bytes hidden between the last section and the trailer
        out.add(new Case("bytes_after_last_section", resize(good, len - SHA_BYTES, 4), "image_bytes", H_IMAGE_BYTES));
        // 6. alignment padding
        out.add(edit("padding_after_labels", good, b -> b.put(labels + 3, (byte) 1), "padding", labels + 3));
        // 7. PARAMS
        int p = params;
        out.add(edit("steps_0", good, b -> b.putShort(p + P_STEPS, (short) 0), "steps", p + P_STEPS));
        out.add(edit("weight_max", good, b -> b.putShort(p + P_WEIGHT_MAX, (short) 255), "weight_max", p + P_WEIGHT_MAX));
        out.add(edit("leak_exc_65537", good, b -> b.putInt(p + P_LEAK_EXC, 65537), "leak_exc_q16", p + P_LEAK_EXC));
        out.add(edit("leak_exc_negative", good, b -> b.putInt(p + P_LEAK_EXC, -1), "leak_exc_q16", p + P_LEAK_EXC));
        out.add(edit("leak_inh_65537", good, b -> b.putInt(p + P_LEAK_INH, 65537), "leak_inh_q16", p + P_LEAK_INH));
        out.add(edit("v_shift_17", good, b -> b.put(p + P_V_SHIFT, (byte) 17), "v_shift", p + P_V_SHIFT));
        out.add(edit("decision_2", good, b -> b.put(p + P_DECISION, (byte) 2), "decision", p + P_DECISION));
        out.add(edit("w_exc_to_inh_2e30", good, b -> b.putInt(p + P_W_EXC_TO_INH, 1 << 30), "w_exc_to_inh", p + P_W_EXC_TO_INH));
        out.add(edit("w_exc_to_inh_negative", good, b -> b.putInt(p + P_W_EXC_TO_INH, -1), "w_exc_to_inh", p + P_W_EXC_TO_INH));
        out.add(edit("threshold_inh_2e30", good, b -> b.putInt(p + P_THRESHOLD_INH, 1 << 30), "threshold_inh", p + P_THRESHOLD_INH));
        out.add(edit("intensity_max_0", good, b -> b.put(p + P_INTENSITY_MAX, (byte) 0), "intensity_max", p + P_INTENSITY_MAX));
        out.add(edit("intensity_0", good, b -> b.put(p + P_INTENSITY, (byte) 0), "intensity", p + P_INTENSITY));
        out.add(edit("intensity_above_max", good, b -> b.put(p + P_INTENSITY, (byte) 5), "intensity", p + P_INTENSITY));
        out.add(edit("params_reserved", good, b -> b.putShort(p + P_RESERVED, (short) 1), "params.reserved", p + P_RESERVED));
        out.add(edit("min_spikes_2e31", good, b -> b.putInt(p + P_MIN_SPIKES, Integer.MIN_VALUE), "min_spikes", p + P_MIN_SPIKES));
        out.add(costCase());
        // 8. NEURONS and LABELS
        out.add(edit("threshold_negative", good, b -> b.putInt(neurons + 4, -1), "threshold[]", neurons + 4));
        out.add(edit("inhibition_negative", good, b -> b.putInt(neurons + 12 + 8, Integer.MIN_VALUE), "inhibition[]", neurons + 20));
        out.add(edit("v_floor_positive", good, b -> b.putInt(neurons + 24, 1), "v_floor[]", neurons + 24));
        out.add(edit("label_out_of_range", good, b -> b.put(labels + 1, (byte) 4), "label[]", labels + 1));
        // 9. SELFTEST
        int s = selftest;
        out.add(edit("selftest_label", good, b -> b.put(s + S_LABEL, (byte) 4), "selftest.expected_label", s + S_LABEL));
        out.add(edit("selftest_presentations_0", good, b -> b.put(s + S_PRESENTATIONS, (byte) 0),
                "selftest.expected_presentations", s + S_PRESENTATIONS));
        out.add(edit("selftest_presentations_4", good, b -> b.put(s + S_PRESENTATIONS, (byte) 4),
                "selftest.expected_presentations", s + S_PRESENTATIONS));
        out.add(edit("selftest_reserved", good, b -> b.put(s + S_RESERVED + 1, (byte) 1), "selftest.reserved", s + S_RESERVED));
        out.add(edit("selftest_steps", good, b -> b.putInt(s + S_STEPS, 41), "selftest.expected_steps", s + S_STEPS));
        out.add(edit("selftest_pixel_padding", good, b -> b.put(s + S_PIXELS + 6, (byte) 9), "selftest.padding", s + S_PIXELS + 6));
        out.add(edit("selftest_count_above_steps", good, b -> b.putShort(s + S_PIXELS + 8 + 2, (short) 21),
                "selftest.expected_counts[]", s + S_PIXELS + 8 + 2));
        out.add(edit("selftest_total", good, b -> b.putInt(s + S_TOTAL, 4), "selftest.expected_total_spikes", s + S_TOTAL));
        // 10. weight row padding (row 3; bits 12..31 of each row are padding)
        out.add(edit("weights_padding", good, b -> b.put(weights + 3 * 4 + 2, (byte) 0x10), "weights.padding", weights + 12));
        // SCALE is informational: any value parses (a control case: no field)
        out.add(edit("scale_any_value_is_fine", good, b -> b.putInt(scale, -1), null, -1));
        return out;
    }

    private interface Edit {
        void apply(ByteBuffer b);
    }

    /** A copy with one edit and a correct SHA-256 trailer. */
    private static Case edit(String name, byte[] good, Edit e, String field, long offset) {
        byte[] img = good.clone();
        e.apply(ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN));
        return new Case(name, rehash(img), field, offset);
    }

    /** The first {@code keep} bytes, then {@code extra} zero bytes, then a new trailer; image_bytes says the new length. */
    private static byte[] resize(byte[] good, int keep, int extra) {
        byte[] img = new byte[keep + extra + SHA_BYTES];
        System.arraycopy(good, 0, img, 0, Math.min(keep, good.length));
        ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN).putInt(H_IMAGE_BYTES, img.length);
        return rehash(img);
    }

    static byte[] rehash(byte[] img) {
        byte[] sha = snn.support.Sha256.of(img, 0, img.length - SHA_BYTES);
        System.arraycopy(sha, 0, img, img.length - SHA_BYTES, SHA_BYTES);
        return img;
    }

    /** A 5-section image whose last entry is a SCALE section where WEIGHTS belongs: WEIGHTS is missing. */
    private static byte[] withoutWeights() {
        DeviceImage m = base(5, 3, 4, false);
        byte[] good = ImageWriter.write(m);
        int e = HEADER_FIXED_BYTES + 4 * SECTION_ENTRY_BYTES;
        ByteBuffer b = ByteBuffer.wrap(good).order(ByteOrder.LITTLE_ENDIAN);
        int at = b.getInt(e + 4);
        b.putInt(e, SEC_SCALE);
        b.putInt(e + 8, 4 * m.neurons);
        byte[] img = resize(good, at + 4 * m.neurons, 0);
        Arrays.fill(img, at, at + 4 * m.neurons, (byte) 1);
        return rehash(img);
    }

    /** 100 inputs x 40 neurons: 65535 steps at 255 intensities cost far more than 2^32. */
    private static Case costCase() {
        DeviceImage m = base(100, 40, 2, false);
        byte[] good = ImageWriter.write(m);
        int p = ImageWriter.layout(100, 40, 2, false).offsets[0];
        return edit("self_test_cost", good, b -> {
            b.putShort(p + P_STEPS, (short) 65535);
            b.put(p + P_INTENSITY, (byte) 1);
            b.put(p + P_INTENSITY_MAX, (byte) 255);
        }, "self_test_cost", p + P_STEPS);
    }
}
