package snn.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import snn.trainer.WeightStats;

/** The report's text: the same statistics as Markdown tables (for people) and JSON (for programs). */
final class SweepSummary {
    private SweepSummary() {
    }

    static Map<String, Object> json(Analysis an, Path out, List<Path> figures) {
        Map<String, Object> j = new LinkedHashMap<>();
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Analysis.Config c : an.configs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", an.label(c.grid()));
            m.put("grid", c.grid());
            m.put("seeds", c.runs().stream().map(Analysis.Run::seed).toList());
            m.put("accuracy_mean", num(c.accuracy().mean()));
            m.put("accuracy_sd", num(c.accuracy().sd()));
            m.put("accuracy_ci95", java.util.Arrays.asList(num(c.accuracy().low()), num(c.accuracy().high())));
            m.put("vote_mean", num(c.vote().mean()));
            m.put("train_seconds_mean", num(c.meanTrainSeconds()));
            Map<String, Object> ws = new LinkedHashMap<>();
            for (int k = 0; k < WeightStats.NAMES.size(); k++) {
                Stats.MeanCi w = c.weightStats()[k];
                if (w != null) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("mean", num(w.mean()));
                    x.put("ci95", java.util.Arrays.asList(num(w.low()), num(w.high())));
                    ws.put(WeightStats.NAMES.get(k), x);
                }
            }
            if (!ws.isEmpty()) {
                m.put("weight_stats", ws);
            }
            cs.add(m);
        }
        j.put("configurations", cs);
        List<Map<String, Object>> cmp = new ArrayList<>();
        for (Analysis.Comparison c : an.comparisons) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("group", c.group());
            m.put("a", c.a().norm());
            m.put("b", c.b().norm());
            m.put("seeds", c.seeds());
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("mean_difference", num(c.t().meanDiff()));
            t.put("ci95", java.util.Arrays.asList(num(c.t().ciLow()), num(c.t().ciHigh())));
            t.put("t", num(c.t().t()));
            t.put("df", num(c.t().df()));
            t.put("p", num(c.t().p()));
            t.put("cohen_dz", num(c.t().cohenDz()));
            m.put("paired_t", t);
            if (c.pooled() != null) {
                m.put("mcnemar", mcnemar(c.pooled()));
                m.put("mcnemar_per_seed", c.perSeed().stream().map(SweepSummary::mcnemar).toList());
            }
            if (c.note() != null) {
                m.put("note", c.note());
            }
            if (c.perClass() != null) {
                Analysis.PerClass pc = c.perClass();
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("images", pc.images());
                x.put("right_a", pc.rightA());
                x.put("right_b", pc.rightB());
                x.put("answered_a", pc.answeredA());
                x.put("answered_b", pc.answeredB());
                m.put("per_class", x);
            }
            cmp.add(m);
        }
        j.put("comparisons", cmp);
        j.put("failed_points", an.failedRows);
        j.put("figures", figures.stream().map(f -> out.relativize(f).toString()).toList());
        j.put("methods", methods());
        return j;
    }

    private static Map<String, Object> mcnemar(Stats.McNemar m) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("images", m.n());
        x.put("only_a_right", m.b());
        x.put("only_b_right", m.c());
        x.put("p_exact", num(m.pExact()));
        x.put("chi2_cc", num(m.chi2()));
        x.put("p_chi2_cc", num(m.pChi2()));
        x.put("accuracy_difference", num(m.accuracyDiff()));
        x.put("odds_ratio", num(m.oddsRatio()));
        return x;
    }

    static String methods() {
        return "Accuracy is the test accuracy under each point's decision rule. Per configuration: mean over seeds"
                + " and the two-sided 95% t-interval (t(0.975, n-1) * sd / sqrt(n), sample sd). Comparisons pair two"
                + " configurations whose swept values differ only in --norm, on the seeds both ran, and report B - A."
                + " Paired t-test over seeds: t = mean(d) / (sd(d) / sqrt(n)), n-1 df, two-sided p; effect size"
                + " Cohen's d for paired samples d_z = mean(d) / sd(d). McNemar on per-image correctness: b = images"
                + " only A got right, c = only B; p from the exact two-sided binomial test (2 * P(X <= min(b,c)),"
                + " X ~ Bin(b+c, 1/2), capped at 1); the chi-square with continuity correction (|b-c|-1)^2/(b+c) is"
                + " given for comparison. Pooled McNemar sums b and c over seeds, treating image-seed pairs as"
                + " independent; the per-seed tests are listed too.";
    }

    static String markdown(Analysis an, Path out, List<Path> figures) {
        StringBuilder sb = new StringBuilder("# Sweep report\n\n");
        sb.append("## Configurations\n\n| configuration | seeds | accuracy mean | 95% CI | sd | vote mean | train s |\n")
                .append("|---|---|---|---|---|---|---|\n");
        for (Analysis.Config c : an.configs) {
            sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %.1f |%n", an.label(c.grid()),
                    c.runs().size(), pct(c.accuracy().mean()), ci(c.accuracy().low(), c.accuracy().high()),
                    pct(c.accuracy().sd()), pct(c.vote().mean()), c.meanTrainSeconds()));
        }
        if (an.failedRows > 0) {
            sb.append("\n").append(an.failedRows).append(" failed point(s) are left out; see results.jsonl.\n");
        }
        weightTable(an, sb);
        sb.append("\n## Scaling norms compared (B - A)\n\n");
        if (an.comparisons.isEmpty()) {
            sb.append("No pair of configurations differing only in --norm.\n");
        } else {
            sb.append("| group | A | B | seeds | mean diff (pp) | 95% CI (pp) | t | p (paired t) | d_z |"
                    + " McNemar b / c | p (exact) | p (chi2 cc) |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Analysis.Comparison c : an.comparisons) {
                Stats.PairedT t = c.t();
                Stats.McNemar m = c.pooled();
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                        c.group(), c.a().norm(), c.b().norm(), c.seeds().length, pp(t.meanDiff()), ci(t.ciLow(), t.ciHigh()),
                        fmt(t.t(), "%.2f"), p(t.p()), fmt(t.cohenDz(), "%.2f"),
                        m == null ? "n/a" : m.b() + " / " + m.c(), m == null ? "n/a" : p(m.pExact()),
                        m == null ? "n/a" : p(m.pChi2())));
                if (c.note() != null) {
                    sb.append("\nNote: ").append(c.note()).append("\n\n");
                }
            }
        }
        perClassTables(an, sb);
        sb.append("\n## Figures\n\n");
        for (Path f : figures) {
            String rel = out.relativize(f).toString();
            sb.append("![").append(rel).append("](").append(rel).append(")\n\n");
        }
        sb.append("## Methods\n\n").append(methods()).append('\n');
        return sb.toString();
    }

    /** Per-class accuracy and answer shares of each l1-against-l2 comparison, pooled over its seeds. */
    private static void perClassTables(Analysis an, StringBuilder sb) {
        for (Analysis.Comparison c : an.comparisons) {
            Analysis.PerClass pc = c.perClass();
            if (pc == null || !"l1".equals(c.a().norm()) || !"l2".equals(c.b().norm())) {
                continue;
            }
            long total = 0;
            for (long x : pc.images()) {
                total += x;
            }
            sb.append("\n## Per class, l1 against l2: ").append(c.group()).append(" (").append(c.seeds().length)
                    .append(" seeds pooled)\n\n| class | share of images | l1 right | l2 right | l1 answers | l2 answers |\n")
                    .append("|---|---|---|---|---|---|\n");
            int classes = pc.images().length;
            for (int k = 0; k <= classes; k++) {
                long n = k < classes ? pc.images()[k] : 0;
                sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", k < classes ? k : "no spike",
                        k < classes ? pct((double) n / total) : "", k < classes ? pct((double) pc.rightA()[k] / n) : "",
                        k < classes ? pct((double) pc.rightB()[k] / n) : "", pct((double) pc.answeredA()[k] / total),
                        pct((double) pc.answeredB()[k] / total)));
            }
        }
    }

    /** Receptive-field statistics per configuration (mean over seeds +- the CI half-width). */
    private static void weightTable(Analysis an, StringBuilder sb) {
        List<Analysis.Config> with = an.configs.stream()
                .filter(c -> java.util.Arrays.stream(c.weightStats()).anyMatch(java.util.Objects::nonNull)).toList();
        if (with.isEmpty()) {
            return;
        }
        sb.append("\n## Receptive fields (mean over seeds +- 95% CI half-width)\n\n| configuration | seeds |");
        WeightStats.NAMES.forEach(n -> sb.append(' ').append(n).append(" |"));
        sb.append("\n|---|---|").append("---|".repeat(WeightStats.NAMES.size())).append('\n');
        for (Analysis.Config c : with) {
            sb.append("| ").append(an.label(c.grid())).append(" | ").append(c.runs().size()).append(" |");
            for (Stats.MeanCi w : c.weightStats()) {
                sb.append(' ').append(w == null ? "n/a" : Double.isNaN(w.halfWidth())
                        ? String.format(Locale.ROOT, "%.4f", w.mean())
                        : String.format(Locale.ROOT, "%.4f +- %.4f", w.mean(), w.halfWidth())).append(" |");
            }
            sb.append('\n');
        }
        sb.append("\nmean_weight and near_zero (w < 5% of weight_max) are fractions of all synapses; hoyer is the mean"
                + " per-neuron Hoyer sparsity (0 flat .. 1 one weight); selectivity the mean over responding neurons"
                + " of (r_pref - r_rest) / (r_pref + r_rest) on the labelling images; silent the fraction of neurons"
                + " that never answered; overlap the mean pairwise cosine similarity of the fields"
                + " (snn.trainer.WeightStats).\n");
    }

    private static Object num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String pp(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.2f", 100 * v);
    }

    private static String ci(double lo, double hi) {
        return Double.isNaN(lo) ? "n/a" : String.format(Locale.ROOT, "%.2f .. %.2f", 100 * lo, 100 * hi);
    }

    private static String p(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v < 1e-15) {
            return "< 1e-15"; // below what the double-precision tail computations resolve
        }
        return v < 1e-4 ? String.format(Locale.ROOT, "%.1e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String fmt(double v, String f) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, f, v);
    }
}
