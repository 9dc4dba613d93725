package snn.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import snn.trainer.WeightStats;

/**
 * A sweep's results, grouped: runs (the latest successful row of each point) into configurations
 * (runs whose swept values are equal but for the seed), and configurations into the comparisons of
 * scaling norms (configurations whose swept values differ only in {@code --norm}).
 */
public final class Analysis {
    /** One successful point. */
    public record Run(String id, Map<String, String> grid, long seed, double accuracy, double accuracyMaxNeuron,
                      double accuracyVote, double trainSeconds, String decision, String norm, double targetNorm,
                      int neurons, boolean adaptive, String dataset, String predictions,
                      double[] weightStats) {
    }

    /** Runs that differ only in their seed, sorted by seed. */
    public record Config(Map<String, String> grid, List<Run> runs, Stats.MeanCi accuracy, Stats.MeanCi vote,
                         double meanTrainSeconds, Stats.MeanCi[] weightStats) {
        public Run first() {
            return runs.get(0);
        }

        public String norm() {
            return first().norm();
        }

        public boolean adaptive() {
            return first().adaptive();
        }

        /** The ablation name of this configuration's homeostasis. */
        public String homeostasis() {
            boolean scaled = !"none".equals(norm());
            if (scaled && adaptive()) {
                return norm() + " scaling + adaptive threshold";
            }
            if (scaled) {
                return "no adaptive threshold (" + norm() + ")";
            }
            return adaptive() ? "no scaling" : "neither";
        }
    }

    /** B against A on the seeds both ran: a paired t-test over seeds and McNemar on the test images. */
    public record Comparison(String group, Config a, Config b, long[] seeds, Stats.PairedT t,
                             Stats.McNemar pooled, List<Stats.McNemar> perSeed, String note, PerClass perClass) {
    }

    /**
     * Per true class, pooled over the paired seeds: test images, and how many A and B got right; per
     * predicted class, how often A and B answered it (a class answered far more often than it occurs
     * soaks up the others' images). Index {@code classes} of the answer counts is "no spike".
     */
    public record PerClass(long[] images, long[] rightA, long[] rightB, long[] answeredA, long[] answeredB) {
        static PerClass empty(int classes) {
            return new PerClass(new long[classes], new long[classes], new long[classes], new long[classes + 1],
                    new long[classes + 1]);
        }

        void add(Predictions pa, byte[] predA, byte[] predB) {
            int classes = images.length;
            for (int k = 0; k < pa.count(); k++) {
                int label = pa.labels()[k] & 0xFF;
                int a = predA[k] & 0xFF;
                int b = predB[k] & 0xFF;
                if (label < classes) {
                    images[label]++;
                    rightA[label] += a == label ? 1 : 0;
                    rightB[label] += b == label ? 1 : 0;
                }
                answeredA[Math.min(a, classes)]++;
                answeredB[Math.min(b, classes)]++;
            }
        }
    }

    public final List<Config> configs = new ArrayList<>();
    public final List<Comparison> comparisons = new ArrayList<>();
    /** Grid keys whose value differs between configurations: the ones worth printing in labels. */
    public final Set<String> varying = new LinkedHashSet<>();
    public int failedRows;

    private static final Set<String> SWITCHES = GridOptions.flags();

    /** Norm pairs compared, as (A, B): the report shows B - A. */
    static final String[][] NORM_PAIRS = {{"l1", "l2"}, {"none", "l1"}, {"none", "l2"}};

    public static Analysis of(Path dir, List<Map<String, Object>> rows) throws IOException {
        Analysis an = new Analysis();
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        Set<String> okKeys = new LinkedHashSet<>();
        for (Map<String, Object> r : rows) {
            if ("ok".equals(r.get("status"))) {
                latest.put((String) r.get("key"), r);
                okKeys.add((String) r.get("key"));
            }
        }
        for (Map<String, Object> r : rows) {
            if (!"ok".equals(r.get("status")) && !okKeys.contains(r.get("key"))) {
                an.failedRows++;
            }
        }
        // A configuration is everything but the seed that decides a run (the row's effective "config"),
        // so runs of other trainer defaults never mix with these even when their swept values match.
        Map<String, List<Run>> byConfig = new LinkedHashMap<>();
        Map<String, Map<String, String>> grids = new LinkedHashMap<>();
        for (Map<String, Object> r : latest.values()) {
            Run run = run(r);
            String id = r.get("config") instanceof String c ? c : new TreeMap<>(run.grid()).toString();
            byConfig.computeIfAbsent(id, k -> new ArrayList<>()).add(run);
            grids.putIfAbsent(id, new LinkedHashMap<>(run.grid()));
        }
        distinguish(grids);
        for (Map.Entry<String, List<Run>> e : byConfig.entrySet()) {
            List<Run> runs = e.getValue();
            runs.sort((x, y) -> Long.compare(x.seed(), y.seed()));
            double[] acc = new double[runs.size()];
            double[] vote = new double[runs.size()];
            double secs = 0;
            for (int k = 0; k < acc.length; k++) {
                acc[k] = runs.get(k).accuracy();
                vote[k] = runs.get(k).accuracyVote();
                secs += runs.get(k).trainSeconds();
            }
            an.configs.add(new Config(grids.get(e.getKey()), runs, Stats.meanCi(acc), Stats.meanCi(vote), secs / acc.length,
                    weightStats(runs)));
        }
        Map<String, Set<String>> values = new TreeMap<>();
        for (Config c : an.configs) {
            for (Map.Entry<String, String> g : c.grid().entrySet()) {
                values.computeIfAbsent(g.getKey(), k -> new LinkedHashSet<>()).add(g.getValue());
            }
        }
        for (Config c : an.configs) {
            values.forEach((k, v) -> {
                if (!c.grid().containsKey(k)) {
                    v.add("(default)");
                }
            });
        }
        values.forEach((k, v) -> {
            if (v.size() > 1) {
                an.varying.add(k);
            }
        });
        for (Map.Entry<String, List<Config>> g : an.groupBy(an.configs, Set.of("norm")).entrySet()) {
            Map<String, Config> byNorm = new LinkedHashMap<>();
            for (Config c : g.getValue()) {
                byNorm.put(c.norm(), c);
            }
            for (String[] pair : NORM_PAIRS) {
                Config a = byNorm.get(pair[0]);
                Config b = byNorm.get(pair[1]);
                if (a != null && b != null && g.getValue().size() == byNorm.size()) {
                    an.comparisons.add(compare(dir, g.getKey(), a, b));
                }
            }
        }
        return an;
    }

    /**
     * Configurations whose swept values are equal but whose effective settings differ (results of
     * other trainer defaults in the same directory) get the differing settings added to their grid,
     * e.g. {@code inhibition_mv=14.0}, so that labels, groups and pairs keep them apart.
     */
    static void distinguish(Map<String, Map<String, String>> grids) {
        Map<String, List<String>> sameGrid = new LinkedHashMap<>();
        grids.forEach((config, grid) -> sameGrid.computeIfAbsent(new TreeMap<>(grid).toString(), k -> new ArrayList<>())
                .add(config));
        for (List<String> configs : sameGrid.values()) {
            if (configs.size() < 2) {
                continue;
            }
            List<Map<String, Object>> parsed = new ArrayList<>();
            for (String c : configs) {
                Map<String, Object> m;
                try {
                    m = snn.support.Json.parseObject(c);
                } catch (RuntimeException e) {
                    m = Map.of("config", c);
                }
                parsed.add(m);
            }
            Set<String> all = new java.util.TreeSet<>();
            parsed.forEach(m -> all.addAll(m.keySet()));
            for (String k : all) {
                Set<String> vals = new LinkedHashSet<>();
                parsed.forEach(m -> vals.add(String.valueOf(m.get(k))));
                if (vals.size() > 1) {
                    for (int i = 0; i < configs.size(); i++) {
                        grids.get(configs.get(i)).put(k, String.valueOf(parsed.get(i).get(k)));
                    }
                }
            }
        }
    }

    /** Configurations grouped by their grid values without {@code drop}, in first-seen order. */
    public Map<String, List<Config>> groupBy(Collection<Config> cs, Set<String> drop) {
        Map<String, List<Config>> out = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (Config c : cs) {
            Map<String, String> rest = new TreeMap<>(c.grid());
            rest.keySet().removeAll(drop);
            String id = rest.toString();
            labels.putIfAbsent(id, label(rest));
            out.computeIfAbsent(id, k -> new ArrayList<>()).add(c);
        }
        Map<String, List<Config>> named = new LinkedHashMap<>();
        out.forEach((k, v) -> named.put(labels.get(k), v));
        return named;
    }

    /** The values of a grid that vary across the sweep (and always the dataset), as k=v words. */
    public String label(Map<String, String> grid) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(grid).entrySet()) {
            if (e.getKey().equals("dataset") || varying.contains(e.getKey())) {
                String v = e.getValue();
                if (e.getKey().equals("dataset") && v.contains("/")) {
                    v = Path.of(v).getFileName().toString();
                }
                sb.append(sb.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(v);
            }
        }
        return sb.toString();
    }

    static Comparison compare(Path dir, String group, Config a, Config b) throws IOException {
        Map<Long, Run> ra = new TreeMap<>();
        for (Run r : a.runs()) {
            ra.put(r.seed(), r);
        }
        List<Long> seeds = new ArrayList<>();
        List<double[]> accs = new ArrayList<>();
        List<Run[]> pairs = new ArrayList<>();
        for (Run rb : b.runs()) {
            Run x = ra.get(rb.seed());
            if (x != null) {
                seeds.add(rb.seed());
                accs.add(new double[] {x.accuracy(), rb.accuracy()});
                pairs.add(new Run[] {x, rb});
            }
        }
        double[] xa = new double[seeds.size()];
        double[] xb = new double[seeds.size()];
        for (int k = 0; k < xa.length; k++) {
            xa[k] = accs.get(k)[0];
            xb[k] = accs.get(k)[1];
        }
        Stats.PairedT t = Stats.pairedT(xa, xb);
        List<Stats.McNemar> perSeed = new ArrayList<>();
        long n = 0;
        long bb = 0;
        long cc = 0;
        String note = null;
        PerClass perClass = null;
        for (Run[] p : pairs) {
            Path fa = dir.resolve(p[0].predictions());
            Path fb = dir.resolve(p[1].predictions());
            if (!Files.exists(fa) || !Files.exists(fb)) {
                note = "prediction file missing for seed " + p[0].seed() + ": McNemar left out";
                perSeed.clear();
                perClass = null;
                break;
            }
            Predictions pa = Predictions.read(fa);
            Predictions pb = Predictions.read(fb);
            if (!java.util.Arrays.equals(pa.labels(), pb.labels())) {
                note = "seed " + p[0].seed() + " was tested on different images: McNemar left out";
                perSeed.clear();
                perClass = null;
                break;
            }
            if (perClass == null) {
                perClass = PerClass.empty(pa.classes());
            }
            perClass.add(pa, pa.of(p[0].decision()), pb.of(p[1].decision()));
            Stats.McNemar m = Stats.mcnemar(pa.correct(p[0].decision()), pb.correct(p[1].decision()));
            perSeed.add(m);
            n += m.n();
            bb += m.b();
            cc += m.c();
        }
        Stats.McNemar pooled = perSeed.isEmpty() ? null : Stats.mcnemar(n, bb, cc);
        long[] s = new long[seeds.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = seeds.get(k);
        }
        return new Comparison(group, a, b, s, t, pooled, perSeed, note, perClass);
    }

    /** Per statistic of {@link WeightStats#NAMES}: mean and CI over the runs that recorded it. */
    private static Stats.MeanCi[] weightStats(List<Run> runs) {
        Stats.MeanCi[] out = new Stats.MeanCi[WeightStats.NAMES.size()];
        for (int s = 0; s < out.length; s++) {
            List<Double> xs = new ArrayList<>();
            for (Run r : runs) {
                if (!Double.isNaN(r.weightStats()[s])) {
                    xs.add(r.weightStats()[s]);
                }
            }
            out[s] = xs.isEmpty() ? null : Stats.meanCi(xs.stream().mapToDouble(Double::doubleValue).toArray());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Run run(Map<String, Object> r) {
        Map<String, String> grid = new LinkedHashMap<>();
        Object g = r.get("grid");
        if (g instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).forEach((k, v) -> {
                // a switch swept to false is the same run as the switch not given: one configuration
                if (!(SWITCHES.contains("--" + k) && "false".equalsIgnoreCase(String.valueOf(v)))) {
                    grid.put(k, String.valueOf(v));
                }
            });
        }
        return new Run((String) r.get("id"), grid, num(r, "seed").longValue(), num(r, "test_accuracy"),
                num(r, "test_accuracy_max_neuron"), num(r, "test_accuracy_vote"), num(r, "train_seconds"),
                String.valueOf(r.get("decision")), String.valueOf(r.get("norm")), num(r, "target_norm"),
                num(r, "neurons").intValue(), Boolean.TRUE.equals(r.get("adaptive_threshold")),
                String.valueOf(r.get("dataset")), String.valueOf(r.get("predictions")),
                WeightStats.NAMES.stream().mapToDouble(k -> num(r, k)).toArray());
    }

    private static Double num(Map<String, Object> r, String k) {
        Object v = r.get(k);
        return v instanceof Number x ? x.doubleValue() : Double.NaN;
    }
}
