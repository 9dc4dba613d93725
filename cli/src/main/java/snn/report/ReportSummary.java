package snn.report;

import java.util.List;
import java.util.Map;

/**
 * report.json, and the summary {@code snn report --json} prints after the run folder: the headline
 * figures the page shows, read from this record rather than from a map.
 *
 * @param fieldSizePerClass mean field size of the neurons of each class (a class without neurons is left out)
 * @param receptiveFields   {@link snn.trainer.WeightStats} under its snake_case names (NaN left out)
 * @param demo              the run folder's demo.json as it is (null, so left out, without one)
 */
public record ReportSummary(String model, String dataset, int neurons, int imageRows, int imageCols, int classes,
                            int trainImages, int epochs, int testImages, String decision, double testAccuracy,
                            double testAccuracyMaxNeuron, double testAccuracyVote, Map<String, Integer> neuronsPerClass,
                            Thresholds thresholds, Weights weights, Map<String, Object> receptiveFields,
                            Map<String, Double> fieldSizePerClass, List<Device> device, Map<String, Object> demo,
                            List<String> figures,
                            List<String> notes, Config config) {

    /** Threshold range in {@code unit} (mV when the model says how many membrane units a mV is). */
    public record Thresholds(String unit, double min, double mean, double max) {
    }

    public record Weights(int weightMax, double meanFraction, double zeroShare) {
    }

    /** One bit width's accuracies from the run folder's verify/quantize files; null when no file gave one. */
    public record Device(int bits, Double deviceAccuracy, Double trainerAccuracy, String source) {
    }

    /** The training configuration as the model stores it, sorted by name. */
    public record Config(long seed, Map<String, Double> values, Map<String, String> strings) {
    }
}
