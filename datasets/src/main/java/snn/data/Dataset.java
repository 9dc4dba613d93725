package snn.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import snn.support.SnnException;

/**
 * An image classification dataset loaded from four IDX files: a train split and a test split of
 * unsigned-byte images with one label each. Image shape and class count come from the files.
 *
 * <p>Immutable. The arrays returned by {@link Split#pixels()} and {@link Split#labels()} are shared,
 * not copied, so that the trainer can read 47 MB of pixels without a copy per use; callers must
 * never write into them.
 *
 * @param name     {@code mnist}, {@code fashion-mnist}, or the folder name of a folder dataset
 * @param source   how it was found (data dir, cache, system location, fetched, folder)
 * @param location the folder holding the files
 * @param train    the training split
 * @param test     the test split
 * @param classes  the largest label in either split, plus one
 * @param files    the four files with their SHA-256 sums (of the uncompressed content)
 */
public record Dataset(String name, Source source, Path location, Split train, Split test, int classes,
                      List<FileInfo> files) {

    /** Where a dataset was found, in the order a name is resolved. */
    public enum Source {
        DATA_DIR("data-dir"), SNN_DATA("SNN_DATA"), CACHE("cache"), SYSTEM("system"), FETCHED("fetched"),
        FOLDER("folder");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One file of the dataset. {@code expectedSha256} is null for folder datasets, which are not in
     * the checksum table; {@code verified} is true when the actual sum matched the table.
     */
    public record FileInfo(IdxRole role, Path path, String sha256, String expectedSha256, boolean verified) {
    }

    /**
     * One split. {@code pixels} is image-major: image {@code i} occupies bytes
     * {@code [i*rows*cols, (i+1)*rows*cols)}, row by row; each byte is an unsigned intensity 0..255.
     */
    public record Split(int count, int rows, int cols, byte[] pixels, byte[] labels) {
        public Split {
            if (count < 1 || rows < 1 || cols < 1 || pixels.length != (long) count * rows * cols
                    || labels.length != count) {
                throw new IllegalArgumentException("split of " + count + " images of " + rows + "x" + cols + " with "
                        + pixels.length + " pixel bytes and " + labels.length + " labels");
            }
        }

        /** Bytes per image: rows * cols. */
        public int imageSize() {
            return rows * cols;
        }

        /** The label of image {@code i}, 0..255. */
        public int label(int i) {
            return labels[i] & 0xff;
        }

        /** Pixel {@code p} (0 .. rows*cols-1) of image {@code i}, 0..255. */
        public int pixel(int i, int p) {
            return pixels[i * imageSize() + p] & 0xff;
        }
    }

    public Dataset {
        files = List.copyOf(files);
    }

    /** Rows of every image (the same in both splits). */
    public int rows() {
        return train.rows();
    }

    /** Columns of every image (the same in both splits). */
    public int cols() {
        return train.cols();
    }

    /** True when every file matched the checksum table. */
    public boolean verified() {
        return files.stream().allMatch(FileInfo::verified);
    }

    /**
     * Builds a dataset from the four parsed files, checking what the IDX headers alone cannot:
     * each label file has as many entries as its image file, and both splits share one image shape.
     */
    static Dataset assemble(String name, Source source, Path location, Map<IdxRole, IdxReader.Images> images,
                            Map<IdxRole, IdxReader.Labels> labels, List<FileInfo> files) {
        Split train = split(images.get(IdxRole.TRAIN_IMAGES), labels.get(IdxRole.TRAIN_LABELS));
        Split test = split(images.get(IdxRole.TEST_IMAGES), labels.get(IdxRole.TEST_LABELS));
        if (train.rows() != test.rows() || train.cols() != test.cols()) {
            throw SnnException.badInput("image shape differs between splits: " + images.get(IdxRole.TRAIN_IMAGES).file()
                    + " has " + train.rows() + "x" + train.cols() + ", " + images.get(IdxRole.TEST_IMAGES).file() + " has "
                    + test.rows() + "x" + test.cols());
        }
        checkLabels(labels.get(IdxRole.TRAIN_LABELS));
        checkLabels(labels.get(IdxRole.TEST_LABELS));
        int maxLabel = Math.max(maxOf(train.labels()), maxOf(test.labels()));
        return new Dataset(name, source, location, train, test, maxLabel + 1, files);
    }

    /** The largest label a dataset may hold: 254, so that there are at most 255 classes, the device's limit (a u8 count). */
    public static final int MAX_LABEL = 254;

    /** Refuses the first label above {@link #MAX_LABEL}, naming the file, its byte offset and the item. */
    private static void checkLabels(IdxReader.Labels lb) {
        byte[] v = lb.labels();
        for (int k = 0; k < v.length; k++) {
            if ((v[k] & 0xff) > MAX_LABEL) {
                throw SnnException.badInput(lb.file() + ": byte offset " + (8L + k) + ": label of item " + k + " is "
                        + (v[k] & 0xff) + ", allowed 0.." + MAX_LABEL + " (at most 255 classes, the device's limit)");
            }
        }
    }

    private static Split split(IdxReader.Images im, IdxReader.Labels lb) {
        if (im.count() != lb.count()) {
            throw SnnException.badInput("label count differs from image count: " + lb.file() + " has " + lb.count()
                    + " labels, " + im.file() + " has " + im.count() + " images");
        }
        return new Split(im.count(), im.rows(), im.cols(), im.pixels(), lb.labels());
    }

    private static int maxOf(byte[] values) {
        int max = 0;
        for (byte v : values) {
            int u = v & 0xff;
            if (u > max) {
                max = u;
            }
        }
        return max;
    }
}
