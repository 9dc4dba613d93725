package snn.cli.json;

import java.util.Map;

/** {@code snn train --json}. {@code params} are the trainer's named physical parameters; {@code report} is null with --no-report. */
public record TrainJson(String dataset, int neurons, String norm, double targetNorm, boolean adaptiveThreshold,
                        int trainImages, int epochs, long seed, String decision, int testImages, double testAccuracy,
                        double testAccuracyMaxNeuron, double testAccuracyVote, double trainSeconds, double imagesPerSecond,
                        double totalSeconds, String model, Map<String, Double> params, String report) {
    public TrainJson withReport(String index) {
        return new TrainJson(dataset, neurons, norm, targetNorm, adaptiveThreshold, trainImages, epochs, seed, decision,
                testImages, testAccuracy, testAccuracyMaxNeuron, testAccuracyVote, trainSeconds, imagesPerSecond,
                totalSeconds, model, params, index);
    }
}
