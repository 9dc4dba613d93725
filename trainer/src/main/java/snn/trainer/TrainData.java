package snn.trainer;

/**
 * The images the trainer reads: a training split and a test split, image-major unsigned bytes.
 * A thin view over a loaded dataset, so the trainer does not care where the files came from.
 */
public record TrainData(String name, int rows, int cols, int classes,
                        byte[] trainPixels, byte[] trainLabels, int trainCount,
                        byte[] testPixels, byte[] testLabels, int testCount) {
    /** The trainer's view of a loaded dataset. */
    public static TrainData of(snn.data.Dataset ds) {
        snn.data.Dataset.Split tr = ds.train();
        snn.data.Dataset.Split te = ds.test();
        return new TrainData(ds.name(), tr.rows(), tr.cols(), ds.classes(), tr.pixels(), tr.labels(), tr.count(),
                te.pixels(), te.labels(), te.count());
    }

    public int inputs() {
        return rows * cols;
    }
}
