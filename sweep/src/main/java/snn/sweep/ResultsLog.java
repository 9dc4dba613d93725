package snn.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import snn.support.AtomicFiles;
import snn.support.Json;

/**
 * The results of a sweep directory: {@code results.jsonl} (one JSON object per finished point, the
 * source of truth) and {@code results.csv} (the same rows, fixed columns, for spreadsheets).
 *
 * <p>Each finished point is appended to both files as one write of whole lines, after its
 * prediction file is in place, so a row always has its predictions. A crash can at worst leave a
 * torn last line: opening the log drops lines that do not parse and rewrites both files atomically
 * from the good JSON rows, which also restores a CSV that missed its last row.
 */
public final class ResultsLog {
    public static final String JSONL = "results.jsonl";
    public static final String CSV = "results.csv";
    public static final String PREDICTIONS = "predictions";

    /** CSV columns, in order; the JSON rows carry these and more (key, config, grid, params, host). */
    public static final List<String> COLUMNS = List.of("id", "status", "dataset", "norm", "target_norm", "neurons",
            "adaptive_threshold", "train_images", "test_images", "seed", "decision", "test_accuracy",
            "test_accuracy_max_neuron", "test_accuracy_vote", "train_seconds", "images_per_second", "total_seconds",
            "mean_weight", "near_zero", "hoyer", "selectivity", "silent", "overlap", "finished", "args", "error");

    private final Path dir;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    private ResultsLog(Path dir) {
        this.dir = dir;
    }

    /** Reads (and repairs) the log of {@code dir}, creating the directory when it is new. */
    public static ResultsLog open(Path dir) throws IOException {
        Files.createDirectories(dir.resolve(PREDICTIONS));
        ResultsLog log = new ResultsLog(dir);
        boolean rewrite = log.load();
        Path jsonl = dir.resolve(JSONL);
        if (rewrite || !Files.exists(jsonl)) {
            StringBuilder sb = new StringBuilder();
            for (Map<String, Object> r : log.rows) {
                sb.append(Json.compact(r)).append('\n');
            }
            AtomicFiles.write(jsonl, sb.toString().getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder csv = new StringBuilder(csvLine(header()));
        for (Map<String, Object> r : log.rows) {
            csv.append(csvLine(r));
        }
        AtomicFiles.write(dir.resolve(CSV), csv.toString().getBytes(StandardCharsets.UTF_8));
        return log;
    }

    /** Reads the log of {@code dir} without changing anything (an absent log reads as empty). */
    public static ResultsLog read(Path dir) throws IOException {
        ResultsLog log = new ResultsLog(dir);
        log.load();
        return log;
    }

    /**
     * Reads the JSON rows; true when the file needs rewriting: some line did not parse (a torn append)
     * or repeats a point already recorded as {@code ok} (written by a version that did not dedupe).
     */
    private boolean load() throws IOException {
        Path jsonl = dir.resolve(JSONL);
        boolean torn = false;
        Set<String> ok = new HashSet<>();
        if (Files.exists(jsonl)) {
            for (String line : Files.readAllLines(jsonl, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Map<String, Object> row = Json.parseObject(line);
                    if (row != null && row.get("key") instanceof String key) {
                        if (ok.contains(key)) {
                            torn = true; // a second row of a point already done: dropped
                            continue;
                        }
                        if ("ok".equals(row.get("status"))) {
                            ok.add(key);
                        }
                        rows.add(row);
                        continue;
                    }
                } catch (RuntimeException e) {
                    // a torn line from an interrupted append: dropped below
                }
                torn = true;
            }
        }
        return torn;
    }

    public Path dir() {
        return dir;
    }

    /** Every row read or appended, in order (a point run again after failing appears twice). */
    public List<Map<String, Object>> rows() {
        return rows;
    }

    /** Keys of the points that finished without error. */
    public Set<String> doneKeys() {
        Set<String> done = new HashSet<>();
        for (Map<String, Object> r : rows) {
            if ("ok".equals(r.get("status"))) {
                done.add((String) r.get("key"));
            }
        }
        return done;
    }

    /**
     * Writes the point's predictions (atomically) and then appends its row to both files, unless the
     * point (its key) already has an {@code ok} row: a point is recorded as done exactly once, whatever
     * Spark hands back (a retried or speculative task, a job resubmitted after a lost executor).
     *
     * @return false when the row was a duplicate and nothing was written
     */
    public synchronized boolean append(Map<String, Object> row, byte[] predictions) throws IOException {
        String key = (String) row.get("key");
        for (Map<String, Object> r : rows) {
            if ("ok".equals(r.get("status")) && r.get("key").equals(key)) {
                return false;
            }
        }
        if (predictions != null) {
            AtomicFiles.write(predictionFile(dir, (String) row.get("id")), predictions);
        }
        appendLine(dir.resolve(JSONL), Json.compact(row) + "\n");
        appendLine(dir.resolve(CSV), csvLine(row));
        rows.add(row);
        return true;
    }

    public static Path predictionFile(Path dir, String id) {
        return dir.resolve(PREDICTIONS).resolve(id + ".pred");
    }

    private static void appendLine(Path file, String line) throws IOException {
        Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
    }

    private static Map<String, Object> header() {
        Map<String, Object> h = new LinkedHashMap<>();
        for (String c : COLUMNS) {
            h.put(c, c);
        }
        return h;
    }

    static String csvLine(Map<String, Object> row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < COLUMNS.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(csvField(row.get(COLUMNS.get(i))));
        }
        return sb.append('\n').toString();
    }

    static String csvField(Object v) {
        if (v == null) {
            return "";
        }
        String s;
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            s = Long.toString(d.longValue());
        } else {
            s = v.toString();
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"").replace("\r", " ").replace("\n", " ") + '"';
        }
        return s;
    }
}
