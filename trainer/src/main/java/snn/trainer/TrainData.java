package snn.trainer;

/**
 * The images the trainer reads: a training split and a test split, image-major unsigned bytes.
 * A thin view over a loaded dataset, so the trainer does not care where the files came from.
 */
public record TrainData(String name, int rows, int cols, int classes,
                        byte[] trainPixels, byte[] trainLabels, int trainCount,
                        byte[] testPixels, byte[] testLabels, int testCount) {
    public int inputs() {
        return rows * cols;
    }
}
