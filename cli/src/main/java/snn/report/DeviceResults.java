package snn.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import snn.support.Json;

/**
 * Device and trainer accuracy per weight bit width, gathered from the {@code verify-*.json} and
 * {@code quantize-*.json} files a run folder may hold. Tolerant on purpose: any JSON object anywhere
 * in such a file (top level, or nested in arrays and objects) that has a numeric {@code bits} and at
 * least one of {@code device_accuracy} / {@code trainer_accuracy} counts; accuracies above 1 are read
 * as percentages. Files that do not parse are skipped with a note, never an error.
 */
public final class DeviceResults {
    /** One bit width; an accuracy is NaN when no file gave it. */
    public record Entry(int bits, double device, double trainer, String source) {
    }

    /** The entries sorted by bits (a later file, by name, overrides an earlier one), and notes. */
    public record Found(List<Entry> entries, List<String> notes) {
    }

    private DeviceResults() {
    }

    public static Found read(Path runDir) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runDir, p -> {
            String n = p.getFileName().toString();
            return (n.startsWith("verify-") || n.startsWith("quantize-")) && n.endsWith(".json");
        })) {
            ds.forEach(files::add);
        }
        files.sort(null);
        TreeMap<Integer, Entry> byBits = new TreeMap<>();
        List<String> notes = new ArrayList<>();
        for (Path f : files) {
            Object root;
            try {
                root = Json.parseValue(Files.readString(f, StandardCharsets.UTF_8));
            } catch (RuntimeException | IOException e) {
                notes.add("skipped " + f.getFileName() + ": not readable JSON (" + e.getMessage() + ")");
                continue;
            }
            List<Entry> found = new ArrayList<>();
            collect(root, f.getFileName().toString(), found);
            if (found.isEmpty()) {
                notes.add("skipped " + f.getFileName() + ": no object with bits and device_accuracy or trainer_accuracy");
            }
            for (Entry e : found) {
                Entry old = byBits.get(e.bits());
                // A file that gives only one of the two accuracies keeps the other from an earlier file.
                byBits.put(e.bits(), old == null ? e : new Entry(e.bits(),
                        Double.isNaN(e.device()) ? old.device() : e.device(),
                        Double.isNaN(e.trainer()) ? old.trainer() : e.trainer(), e.source()));
            }
        }
        return new Found(new ArrayList<>(byBits.values()), notes);
    }

    private static void collect(Object node, String source, List<Entry> out) {
        if (node instanceof Map<?, ?> m) {
            Double bits = number(m.get("bits"));
            Double dev = accuracy(m.get("device_accuracy"));
            Double tr = accuracy(m.get("trainer_accuracy"));
            if (bits != null && bits >= 1 && bits <= 64 && bits == Math.rint(bits) && (dev != null || tr != null)) {
                out.add(new Entry(bits.intValue(), dev == null ? Double.NaN : dev, tr == null ? Double.NaN : tr, source));
                return;
            }
            for (Object v : m.values()) {
                collect(v, source, out);
            }
        } else if (node instanceof List<?> l) {
            for (Object v : l) {
                collect(v, source, out);
            }
        }
    }

    private static Double number(Object o) {
        if (o instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double accuracy(Object o) {
        Double v = number(o);
        if (v == null || v < 0 || v > 100) {
            return null;
        }
        return v > 1 ? v / 100 : v;
    }
}
