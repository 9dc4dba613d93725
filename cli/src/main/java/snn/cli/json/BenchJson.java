package snn.cli.json;

/** {@code snn bench train|verify --json}. */
public final class BenchJson {
    private BenchJson() {
    }

    public record Train(String benchmark, String dataset, int neurons, String norm, double presentationMs, double dtMs,
                        int images, int warmupImages, double seconds, double imagesPerSecond, double simulatedMsPerSecond,
                        int cores) {
    }

    public record Verify(String benchmark, String image, int neurons, int weightMax, int images, int warmupImages,
                         int threads, double seconds, double imagesPerSecond, double accuracy, double stepsPerImage,
                         double synapticEventsPerImage) {
    }
}
