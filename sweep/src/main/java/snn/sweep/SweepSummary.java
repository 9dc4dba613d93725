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

    static SweepJson.Summary json(Analysis an, Path out, List<Path> figures) {
        List<SweepJson.Summary.Config> cs = new ArrayList<>();
        for (Analysis.Config c : an.configs) {
            Map<String, SweepJson.Summary.MeanCi> ws = new LinkedHashMap<>();
            for (int k = 0; k < WeightStats.NAMES.size(); k++) {
                Stats.MeanCi w = c.weightStats()[k];
                if (w != null) {
                    ws.put(WeightStats.NAMES.get(k), new SweepJson.Summary.MeanCi(num(w.mean()), pair(w.low(), w.high())));
                }
            }
            cs.add(new SweepJson.Summary.Config(an.label(c.grid()), c.grid(), c.runs().stream().map(Analysis.Run::seed).toList(),
                    num(c.accuracy().mean()), num(c.accuracy().sd()), pair(c.accuracy().low(), c.accuracy().high()),
                    num(c.vote().mean()), num(c.meanTrainSeconds()), ws.isEmpty() ? null : ws));
        }
        List<SweepJson.Summary.Comparison> cmp = new ArrayList<>();
        for (Analysis.Comparison c : an.comparisons) {
            Stats.PairedT t = c.t();
            cmp.add(new SweepJson.Summary.Comparison(c.group(), c.a().norm(), c.b().norm(), c.seeds(),
                    new SweepJson.Summary.PairedT(num(t.meanDiff()), pair(t.ciLow(), t.ciHigh()), num(t.t()), num(t.df()),
                            num(t.p()), num(t.cohenDz())),
                    c.pooled() == null ? null : mcnemar(c.pooled()),
                    c.pooled() == null ? null : c.perSeed().stream().map(SweepSummary::mcnemar).toList(),
                    c.note(), c.perClass()));
        }
        return new SweepJson.Summary(cs, cmp, an.failedRows, figures.stream().map(f -> out.relativize(f).toString()).toList(),
                methods());
    }

    private static SweepJson.Summary.McNemar mcnemar(Stats.McNemar m) {
        return new SweepJson.Summary.McNemar(m.n(), m.b(), m.c(), num(m.pExact()), num(m.chi2()), num(m.pChi2()),
                num(m.accuracyDiff()), num(m.oddsRatio()));
    }

    /** A confidence interval as a two-element list; an undefined end is null. */
    private static List<Double> pair(double low, double high) {
        return java.util.Arrays.asList(num(low), num(high));
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

    private static Double num(double v) {
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
