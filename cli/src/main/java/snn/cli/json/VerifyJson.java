package snn.cli.json;

/**
 * {@code snn verify --json}. The trainer's figures are null without a trained model to compare with;
 * {@code maxDropPp} and {@code passed} only with --max-drop.
 */
public record VerifyJson(String image, String sha256, int bits, int neurons, String dataset, int images,
                         double deviceAccuracy, Double trainerAccuracy, Double deltaPp, Integer mismatches,
                         double imagesPerSecond, Double trainerImagesPerSecond, double synapticEventsPerImage,
                         double stepsPerImage, int threads, boolean strict, String selftest, boolean signed, String keyId,
                         long securityVersion, Boolean signatureVerified, String model, String trainedOn,
                         Double maxDropPp, Boolean passed) {
}
