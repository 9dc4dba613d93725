package snn.protocol.model;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import snn.support.SnnException;

/**
 * The bounds every field of a {@link TrainedModel} read from a file must keep (README, "model.snn"):
 * a model that passes can be rendered, quantized and evaluated without an exception, in time linear
 * in its size. Each violation is one line naming the file, the field, its value and the limit.
 *
 * <pre>
 * field                      limit
 * format_version             1
 * dataset                    at most 256 bytes (UTF-8), no control characters
 * inputs                     1..65535, = image_rows * image_cols
 * neurons                    1..65535
 * classes                    1..255
 * weights                    inputs * neurons values, each 0..loop.weight_max
 * thresholds, labels         neurons values each (thresholds &gt;= 0, labels 0..classes-1)
 * learned_thresholds         none or neurons values
 * class_response             none or neurons * classes finite values
 * loop                       present, rate_q16 256 values, the device's ranges (docs/device-spec.md)
 * config                     at most 256 values and 256 strings; keys at most 256 bytes, strings at most 4096
 * summary                    accuracies finite in 0..1, at most 10,000 curve points, confusion none or classes^2
 * </pre>
 */
public final class ModelChecks {
    public static final int MAX_NAME_BYTES = 256;
    public static final int MAX_STRING_BYTES = 4096;
    public static final int MAX_CONFIG_ENTRIES = 256;
    public static final int MAX_CURVE_POINTS = 10_000;

    private ModelChecks() {
    }

    /** Refuses {@code m}, read from {@code file}, unless every field is within its bound. */
    public static void check(TrainedModel m, String file) {
        if (m.getFormatVersion() != 1) {
            throw bad(file, "format_version", m.getFormatVersion(), "1");
        }
        checkText(file, "dataset", m.getDataset(), MAX_NAME_BYTES);
        long inputs = Integer.toUnsignedLong(m.getInputs());
        long neurons = Integer.toUnsignedLong(m.getNeurons());
        long classes = Integer.toUnsignedLong(m.getClasses());
        range(file, "inputs", inputs, 1, 65535);
        range(file, "neurons", neurons, 1, 65535);
        range(file, "classes", classes, 1, 255);
        long rows = Integer.toUnsignedLong(m.getImageRows());
        long cols = Integer.toUnsignedLong(m.getImageCols());
        if (rows * cols != inputs) {
            throw bad(file, "image_rows * image_cols", rows + " x " + cols + " = " + rows * cols, "inputs = " + inputs);
        }
        count(file, "weights", m.getWeightsCount(), inputs * neurons, "inputs * neurons = " + inputs + " x " + neurons);
        count(file, "thresholds", m.getThresholdsCount(), neurons, "neurons");
        count(file, "labels", m.getLabelsCount(), neurons, "neurons");
        if (m.getLearnedThresholdsCount() != 0) {
            count(file, "learned_thresholds", m.getLearnedThresholdsCount(), neurons, "0 or neurons");
        }
        if (m.getClassResponseCount() != 0) {
            count(file, "class_response", m.getClassResponseCount(), neurons * classes, "0 or neurons * classes");
            for (int k = 0; k < m.getClassResponseCount(); k++) {
                finite(file, "class_response[" + k + "]", m.getClassResponse(k));
            }
        }
        if (!m.hasLoop()) {
            throw bad(file, "loop", "missing", "present");
        }
        count(file, "loop.rate_q16", m.getLoop().getRateQ16Count(), 256, "256");
        try {
            // the device's own ranges for every loop constant and per-neuron value
            ModelNetwork.fromModel(m);
        } catch (IllegalArgumentException e) {
            throw SnnException.badInput(file + ": trained model: " + e.getMessage());
        }
        checkConfig(file, m.getConfig());
        checkSummary(file, m.getSummary(), classes);
    }

    private static void checkConfig(String file, TrainConfig c) {
        range(file, "config.values (entries)", c.getValuesCount(), 0, MAX_CONFIG_ENTRIES);
        range(file, "config.strings (entries)", c.getStringsCount(), 0, MAX_CONFIG_ENTRIES);
        for (String k : c.getValuesMap().keySet()) {
            checkText(file, "config.values key", k, MAX_NAME_BYTES);
        }
        for (Map.Entry<String, String> e : c.getStringsMap().entrySet()) {
            checkText(file, "config.strings key", e.getKey(), MAX_NAME_BYTES);
            checkText(file, "config.strings[" + e.getKey() + "]", e.getValue(), MAX_STRING_BYTES);
        }
    }

    private static void checkSummary(String file, TrainSummary s, long classes) {
        fraction(file, "summary.test_accuracy_max_neuron", s.getTestAccuracyMaxNeuron());
        fraction(file, "summary.test_accuracy_vote", s.getTestAccuracyVote());
        range(file, "summary.curve (points)", s.getCurveCount(), 0, MAX_CURVE_POINTS);
        for (int k = 0; k < s.getCurveCount(); k++) {
            fraction(file, "summary.curve[" + k + "].accuracy", s.getCurve(k).getAccuracy());
        }
        if (s.getConfusionCount() != 0) {
            count(file, "summary.confusion", s.getConfusionCount(), classes * classes, "0 or classes^2");
        }
    }

    /** A string field: at most {@code maxBytes} bytes of UTF-8 and no control characters (messages stay one line). */
    private static void checkText(String file, String field, String s, int maxBytes) {
        // a string of more than maxBytes chars has more than maxBytes bytes: no need to encode all of it
        int bytes = s.length() > maxBytes ? s.length() : s.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw SnnException.badInput(file + ": trained model field " + field + " is " + bytes + (s.length() > maxBytes
                    ? " characters" : " bytes") + " long, at most " + maxBytes + " bytes allowed");
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x20 || ch == 0x7f) {
                throw SnnException.badInput(file + ": trained model field " + field + " has control character U+"
                        + String.format("%04X", (int) ch) + " at index " + i + "; none allowed");
            }
        }
    }

    private static void range(String file, String field, long v, long lo, long hi) {
        if (v < lo || v > hi) {
            throw bad(file, field, v, lo + ".." + hi);
        }
    }

    private static void count(String file, String field, long n, long want, String what) {
        if (n != want) {
            throw SnnException.badInput(file + ": trained model field " + field + " has " + n + " values, expected "
                    + what + (what.matches("[0-9]+") ? "" : " = " + want));
        }
    }

    private static void finite(String file, String field, double v) {
        if (!Double.isFinite(v)) {
            throw bad(file, field, v, "a finite number");
        }
    }

    private static void fraction(String file, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw bad(file, field, v, "0..1");
        }
    }

    private static SnnException bad(String file, String field, Object value, String limit) {
        return SnnException.badInput(file + ": trained model field " + field + " = " + value + ", allowed " + limit);
    }
}
