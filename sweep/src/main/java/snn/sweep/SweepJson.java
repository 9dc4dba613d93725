package snn.sweep;

import java.util.List;

/** {@code snn sweep --json}: what a run did, or with --dry-run the points it would run. */
final class SweepJson {
    private SweepJson() {
    }

    record Run(String dir, String master, int points, int skipped, int ran, int ok, int failed, List<String> errors,
               double seconds, String resultsJsonl, String resultsCsv) {
    }

    record DryRun(String dir, List<Point> points) {
    }

    record Point(String id, boolean done, String args) {
    }

    /** {@code snn sweep report --json}: where the report went, with the comparisons of summary.json. */
    record Report(String dir, int configurations, List<Summary.Comparison> comparisons, int failedPoints, String summaryMd,
                  String summaryJson, List<String> figures) {
    }

    /** report/summary.json. Statistics that are not defined (NaN: one seed, no variance) are null. */
    record Summary(List<Config> configurations, List<Comparison> comparisons, int failedPoints, List<String> figures,
                   String methods) {

        /** {@code weightStats}: per {@link snn.trainer.WeightStats#NAMES} statistic recorded, its mean and CI; null if none. */
        record Config(String label, java.util.Map<String, String> grid, List<Long> seeds, Double accuracyMean,
                      Double accuracySd, List<Double> accuracyCi95, Double voteMean, Double trainSecondsMean,
                      java.util.Map<String, MeanCi> weightStats) {
        }

        record MeanCi(Double mean, List<Double> ci95) {
        }

        /** {@code mcnemar} and its per-seed list only with predictions of both sides; {@code note} when something was left out. */
        record Comparison(String group, String a, String b, long[] seeds, PairedT pairedT, McNemar mcnemar,
                          List<McNemar> mcnemarPerSeed, String note, Analysis.PerClass perClass) {
        }

        record PairedT(Double meanDifference, List<Double> ci95, Double t, Double df, Double p, Double cohenDz) {
        }

        record McNemar(long images, long onlyARight, long onlyBRight, Double pExact, Double chi2Cc, Double pChi2Cc,
                       Double accuracyDifference, Double oddsRatio) {
        }
    }
}
