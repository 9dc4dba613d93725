package snn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/** A small dataset of any shape, made from a fixed seed, written as the four IDX files. */
final class ToyData {
    final int rows;
    final int cols;
    final int classes;
    final byte[] trainPixels;
    final byte[] trainLabels;
    final byte[] testPixels;
    final byte[] testLabels;
    /** Uncompressed file contents by role. */
    final Map<IdxRole, byte[]> contents = new EnumMap<>(IdxRole.class);

    ToyData(int rows, int cols, int classes, int nTrain, int nTest, long seed) {
        this.rows = rows;
        this.cols = cols;
        this.classes = classes;
        SplittableRandom rnd = new SplittableRandom(seed);
        trainPixels = bytes(rnd, nTrain * rows * cols, 256);
        testPixels = bytes(rnd, nTest * rows * cols, 256);
        trainLabels = bytes(rnd, nTrain, classes);
        testLabels = bytes(rnd, nTest, classes);
        // Make sure the largest class appears, so that classes = max label + 1 is exact.
        trainLabels[0] = (byte) (classes - 1);
        contents.put(IdxRole.TRAIN_IMAGES, IdxWriter.images(nTrain, rows, cols, trainPixels));
        contents.put(IdxRole.TRAIN_LABELS, IdxWriter.labels(trainLabels));
        contents.put(IdxRole.TEST_IMAGES, IdxWriter.images(nTest, rows, cols, testPixels));
        contents.put(IdxRole.TEST_LABELS, IdxWriter.labels(testLabels));
    }

    private static byte[] bytes(SplittableRandom rnd, int n, int bound) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) rnd.nextInt(bound);
        }
        return b;
    }

    /** Writes the four files under canonical names (dotted names when {@code dotted}), gzip when asked. */
    Path writeTo(Path dir, boolean gzip, boolean dotted) throws IOException {
        for (IdxRole role : IdxRole.values()) {
            String name = role.acceptedNames().get(dotted ? 1 : 0) + (gzip ? ".gz" : "");
            IdxWriter.write(dir.resolve(name), contents.get(role), gzip);
        }
        return dir;
    }

    /** The checksum table entry for this data, as a known dataset would carry it. */
    Map<IdxRole, String> sums() {
        Map<IdxRole, String> m = new EnumMap<>(IdxRole.class);
        contents.forEach((role, c) -> m.put(role, Sha256.hex(c)));
        return m;
    }
}
