package snn.cli.json;

import java.util.List;
import java.util.Map;
import snn.trainer.Defaults;

/** {@code snn train --json}. {@code params} are the trainer's named physical parameters; {@code defaults} are the dataset-derived and given values with their reasons; {@code report} is null with --no-report. */
public record TrainJson(String dataset, int neurons, String norm, double targetNorm, boolean adaptiveThreshold,
                        int trainImages, int epochs, long seed, String decision, int testImages, double testAccuracy,
                        double testAccuracyMaxNeuron, double testAccuracyVote, double trainSeconds, double imagesPerSecond,
                        double totalSeconds, String model, Map<String, Double> params,
                        List<Defaults.Choice> defaults, String report) {
    public TrainJson withReport(String index) {
        return new TrainJson(dataset, neurons, norm, targetNorm, adaptiveThreshold, trainImages, epochs, seed, decision,
                testImages, testAccuracy, testAccuracyMaxNeuron, testAccuracyVote, trainSeconds, imagesPerSecond,
                totalSeconds, model, params, defaults, index);
    }
}
