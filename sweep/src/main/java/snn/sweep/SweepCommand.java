package snn.sweep;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.OptionSpec;
import snn.cli.CommonOptions;
import snn.support.Json;
import snn.support.SnnException;

/**
 * {@code snn sweep}: trains every point of a grid over the train options, each point a Spark task,
 * appending each result to {@code DIR/results.jsonl} and {@code DIR/results.csv} the moment it
 * finishes. A rerun skips the points already done (keyed by their full parameter set), so an
 * interrupted sweep resumes, and a grown grid runs only its new points.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, modelTransformer = GridOptions.class,
        subcommands = SweepReportCommand.class,
        description = {"Train every point of a grid over the train options on Apache Spark; results are appended as"
                + " each point finishes and a rerun resumes.",
                "Grid values: a list a,b,c, a range FROM..TO or FROM..TO:STEP, or a mix (1..3:0.5,8). Every"
                        + " [grid] option below is an option of snn train; those not given keep train's default.",
                "Example: snn sweep --norm l1,l2 --target-norm 2..10:2 --neurons 100 --train-images 5000"
                        + " --test-images 10000 --seeds 3 --dir runs/wt",
                "Then: snn sweep report DIR (plots and statistics)."})
public final class SweepCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", description = "Sweep directory: results, predictions, report (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("run", "sweep");

    @Option(names = "--master", description = "Spark master: local[*] (embedded, default; under spark-submit, its --master),"
            + " local[N], spark://HOST:PORT, yarn, k8s://...")
    String master = "local[*]";

    @Option(names = "--seeds", paramLabel = "N|LIST", description = "Seeds: a count N (seeds 1..N) or a list/range of seeds (default: ${DEFAULT-VALUE}).")
    String seeds = "1";

    @Option(names = "--threads", description = "Evaluation threads inside each point's task (default: ${DEFAULT-VALUE}; Spark runs one task per core).")
    int threads = 1;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the datasets are (on every executor); as for snn train.")
    Path dataDir;

    @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "Extra Spark configuration, e.g. spark.executor.memory=4g (repeatable).")
    Map<String, String> sparkConf = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "List the points and whether each is done; run nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > 1024) {
            throw SnnException.badInput("--threads " + threads + " is outside 1..1024");
        }
        if (!spec.commandLine().getParseResult().hasMatchedOption("--master") && System.getProperty("spark.master") != null) {
            master = System.getProperty("spark.master"); // run by spark-submit: its --master
        }
        LinkedHashMap<String, List<String>> dims = dimensions();
        List<String> varying = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : dims.entrySet()) {
            if (e.getValue().size() > 1) {
                varying.add(e.getKey().substring(2));
            }
        }
        List<SweepPoint> points = Grid.expand(dims, GridOptions.flags(), Values.seeds(seeds));
        if (dryRun) {
            return dryRun(points, ResultsLog.read(dir).doneKeys(), varying);
        }
        // One sweep per directory at a time: two would run the same points and interleave appends.
        java.nio.file.Files.createDirectories(dir);
        try (java.nio.channels.FileChannel lockFile = java.nio.channels.FileChannel.open(dir.resolve(".lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             java.nio.channels.FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                throw SnnException.badInput(dir + " is in use by another snn sweep (" + dir.resolve(".lock") + " is locked)");
            }
            return run(points, varying);
        }
    }

    /** The lock, or null when another process (or another sweep in this JVM) holds it. */
    private static java.nio.channels.FileLock tryLock(java.nio.channels.FileChannel ch) throws java.io.IOException {
        try {
            return ch.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return null;
        }
    }

    private int run(List<SweepPoint> points, List<String> varying) throws Exception {
        ResultsLog log = ResultsLog.open(dir);
        Set<String> done = log.doneKeys();
        List<SweepPoint> pending = new ArrayList<>();
        for (SweepPoint p : points) {
            if (!done.contains(p.key())) {
                pending.add(p);
            }
        }
        int skipped = points.size() - pending.size();
        if (!common.quiet) {
            System.err.printf(Locale.ROOT, "sweep: %d points (%d already done), running %d on %s; results in %s%n",
                    points.size(), skipped, pending.size(), master, dir.resolve(ResultsLog.JSONL));
        }
        long start = System.nanoTime();
        int[] counts = new int[2]; // ok, failed
        List<String> errors = new ArrayList<>();
        Map<String, SweepPoint> byId = new LinkedHashMap<>();
        for (SweepPoint p : pending) {
            byId.put(p.id(), p);
        }
        runPending(pending, byId, log, varying, skipped, points.size(), start, counts, errors);
        double secs = (System.nanoTime() - start) / 1e9;
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dir", dir.toString());
        j.put("master", master);
        j.put("points", points.size());
        j.put("skipped", skipped);
        j.put("ran", counts[0] + counts[1]);
        j.put("ok", counts[0]);
        j.put("failed", counts[1]);
        j.put("errors", errors);
        j.put("seconds", secs);
        j.put("results_jsonl", dir.resolve(ResultsLog.JSONL).toString());
        j.put("results_csv", dir.resolve(ResultsLog.CSV).toString());
        if (common.json) {
            System.out.println(Json.pretty(j));
        } else {
            System.out.printf(Locale.ROOT, "sweep: %d points: %d skipped (done before), %d ok, %d failed in %.1f s; %s%n",
                    points.size(), skipped, counts[0], counts[1], secs, dir.resolve(ResultsLog.CSV));
            for (String e : errors) {
                System.out.println("  failed: " + e);
            }
        }
        return counts[1] > 0 ? SnnException.CHECK_FAILED : 0;
    }

    private void runPending(List<SweepPoint> pending, Map<String, SweepPoint> byId, ResultsLog log, List<String> varying,
                            int skipped, int total, long start, int[] counts, List<String> errors) throws InterruptedException {
        if (pending.isEmpty()) {
            return;
        }
        Set<String> reported = new java.util.HashSet<>();
        SparkRun.run(SparkRun.conf(master, sparkConf), pending, threads, dataDir, o -> {
            SweepPoint p = byId.get(o.id());
            if (p == null || !reported.add(o.id())) {
                return; // an outcome heard twice for one point: recorded once
            }
            try {
                if (!log.append(row(p, o), o.predictions())) {
                    return; // already done (an ok row of the same key)
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            counts[o.ok() ? 0 : 1]++;
            if (!o.ok()) {
                errors.add(p.label(varying) + ": " + o.error());
            }
            if (!common.quiet) {
                progress(skipped + counts[0] + counts[1], total, counts[0] + counts[1], pending.size(),
                        start, p.label(varying), o);
            }
        });
    }

    /** The grid options given, in command-line order, with the dataset always present (first when implicit). */
    private LinkedHashMap<String, List<String>> dimensions() {
        Set<String> gridNames = GridOptions.names();
        LinkedHashMap<String, List<String>> dims = new LinkedHashMap<>();
        List<OptionSpec> matched = spec.commandLine().getParseResult().matchedOptions();
        boolean dataset = false;
        for (OptionSpec o : matched) {
            if (o.longestName().equals("--dataset")) {
                dataset = true;
            }
        }
        if (!dataset) {
            dims.put("--dataset", List.of(spec.findOption("--dataset").defaultValue() == null ? "mnist"
                    : spec.findOption("--dataset").defaultValue()));
        }
        for (OptionSpec o : matched) {
            String name = o.longestName();
            if (gridNames.contains(name)) {
                String v = o.getValue();
                dims.put(name, Values.parse(name, v));
            }
        }
        return dims;
    }

    private static Map<String, Object> row(SweepPoint p, PointOutcome o) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", p.id());
        row.put("status", o.ok() ? "ok" : "failed");
        row.putAll(p.fields());
        row.putAll(o.values());
        row.put("finished", Instant.now().toString());
        row.put("args", String.join(" ", p.args()));
        if (!o.ok()) {
            row.put("error", o.error());
        } else {
            row.put("predictions", ResultsLog.PREDICTIONS + "/" + p.id() + ".pred");
        }
        row.put("host", o.host());
        row.put("grid", p.grid());
        row.put("config", p.config());
        row.put("key", p.key());
        return row;
    }

    /** One line per finished point: done/total over the whole grid, and the ETA from this run's pace. */
    private static void progress(int done, int total, int ranNow, int toRun, long startNs, String label, PointOutcome o) {
        double secs = (System.nanoTime() - startNs) / 1e9;
        double eta = secs / ranNow * (toRun - ranNow);
        String what = o.ok() ? String.format(Locale.ROOT, "%.2f%% in %.1f s", 100 * (Double) o.values().get("test_accuracy"),
                (Double) o.values().get("total_seconds")) : "FAILED: " + o.error();
        System.err.printf(Locale.ROOT, "sweep: [%d/%d] %s: %s  (elapsed %s, ETA %s)%n", done, total, label, what,
                clock(secs), ranNow == toRun ? "0:00" : clock(eta));
    }

    static String clock(double secs) {
        long s = Math.round(secs);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    private int dryRun(List<SweepPoint> points, Set<String> done, List<String> varying) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SweepPoint p : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("done", done.contains(p.key()));
            m.put("args", String.join(" ", p.args()));
            list.add(m);
        }
        if (common.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dir", dir.toString());
            j.put("points", list);
            System.out.println(Json.pretty(j));
        } else {
            for (SweepPoint p : points) {
                System.out.printf(Locale.ROOT, "%s  %-7s %s%n", p.id(), done.contains(p.key()) ? "done" : "pending",
                        p.label(varying));
            }
        }
        return 0;
    }
}
