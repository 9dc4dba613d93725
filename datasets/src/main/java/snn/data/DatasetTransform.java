package snn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import snn.support.SnnException;

/**
 * Makes a dataset of another shape from an existing one, so that the trainer's defaults can be
 * tried on inputs other than 28x28 (the dataset-derived defaults of issue 14). Two operations, in
 * this order, each exact in integers:
 * <ul>
 *   <li><b>centre crop</b> to S x S: rows and columns {@code [(H-S)/2, (H-S)/2 + S)} (floor);</li>
 *   <li><b>resize</b> to R x R by area averaging: output pixel (r, c) is the rounded mean of the
 *       source rows {@code [r*H/R, (r+1)*H/R)} and columns {@code [c*W/R, (c+1)*W/R)} (integer
 *       division), so every source pixel belongs to exactly one output pixel;</li>
 * </ul>
 * and optionally the first {@code trainLimit} training images only. Labels are copied unchanged.
 *
 * @param crop       side of the centre crop, 0 for none
 * @param resize     side of the output image, 0 to keep the (cropped) size
 * @param trainLimit training images kept (the first ones), 0 for all
 */
public record DatasetTransform(int crop, int resize, int trainLimit) {

    public DatasetTransform {
        if (crop < 0 || resize < 0 || trainLimit < 0) {
            throw SnnException.badInput("crop " + crop + ", resize " + resize + ", train limit " + trainLimit
                    + ": none may be negative");
        }
    }

    /** The shape after the transform, checked against the source shape. */
    public int[] shape(int rows, int cols) {
        int h = rows;
        int w = cols;
        if (crop > 0) {
            if (crop > rows || crop > cols) {
                throw SnnException.badInput("--crop " + crop + " is larger than the " + rows + "x" + cols + " images");
            }
            h = crop;
            w = crop;
        }
        if (resize > 0) {
            if (resize > h || resize > w) {
                throw SnnException.badInput("--resize " + resize + " is larger than the " + h + "x" + w
                        + " images it would shrink (it only averages down)");
            }
            h = resize;
            w = resize;
        }
        return new int[] {h, w};
    }

    /** The transformed split: {@code count} images (after the train limit, when {@code train}). */
    public Dataset.Split apply(Dataset.Split s, boolean train) {
        int count = train && trainLimit > 0 ? Math.min(trainLimit, s.count()) : s.count();
        int[] out = shape(s.rows(), s.cols());
        int ch = crop > 0 ? crop : s.rows();
        int cw = crop > 0 ? crop : s.cols();
        int top = (s.rows() - ch) / 2;
        int left = (s.cols() - cw) / 2;
        int oh = out[0];
        int ow = out[1];
        byte[] src = s.pixels();
        byte[] dst = new byte[count * oh * ow];
        int inSize = s.rows() * s.cols();
        for (int k = 0; k < count; k++) {
            int base = k * inSize;
            for (int r = 0; r < oh; r++) {
                int r0 = r * ch / oh;
                int r1 = (r + 1) * ch / oh;
                for (int c = 0; c < ow; c++) {
                    int c0 = c * cw / ow;
                    int c1 = (c + 1) * cw / ow;
                    int sum = 0;
                    for (int y = r0; y < r1; y++) {
                        int row = base + (top + y) * s.cols() + left;
                        for (int x = c0; x < c1; x++) {
                            sum += src[row + x] & 0xFF;
                        }
                    }
                    int area = (r1 - r0) * (c1 - c0);
                    dst[(k * oh + r) * ow + c] = (byte) ((2 * sum + area) / (2 * area));
                }
            }
        }
        byte[] labels = java.util.Arrays.copyOf(s.labels(), count);
        return new Dataset.Split(count, oh, ow, dst, labels);
    }

    /** A short description such as {@code crop 20, resize 14, first 1400 training images}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (crop > 0) {
            sb.append("centre crop ").append(crop).append('x').append(crop);
        }
        if (resize > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("area-average resize to ").append(resize).append('x').append(resize);
        }
        if (trainLimit > 0) {
            sb.append(sb.length() > 0 ? ", " : "").append("first ").append(trainLimit).append(" training images");
        }
        return sb.length() == 0 ? "copy" : sb.toString();
    }

    /**
     * Writes the four IDX files of the transformed {@code source} into {@code dir} (raw, each
     * atomically) and a {@code DERIVED.txt} naming the source and the transform. Returns the
     * transformed train and test splits.
     */
    public Dataset.Split[] write(Dataset source, Path dir) throws IOException {
        Dataset.Split train = apply(source.train(), true);
        Dataset.Split test = apply(source.test(), false);
        Files.createDirectories(dir);
        IdxWriter.write(dir.resolve(IdxRole.TRAIN_IMAGES.canonicalName()),
                IdxWriter.images(train.count(), train.rows(), train.cols(), train.pixels()), false);
        IdxWriter.write(dir.resolve(IdxRole.TRAIN_LABELS.canonicalName()), IdxWriter.labels(train.labels()), false);
        IdxWriter.write(dir.resolve(IdxRole.TEST_IMAGES.canonicalName()),
                IdxWriter.images(test.count(), test.rows(), test.cols(), test.pixels()), false);
        IdxWriter.write(dir.resolve(IdxRole.TEST_LABELS.canonicalName()), IdxWriter.labels(test.labels()), false);
        String note = String.format(Locale.ROOT, "derived from %s (%dx%d) by snn datasets derive: %s%n"
                        + "%d training / %d test images of %dx%d%n", source.name(), source.rows(), source.cols(),
                describe(), train.count(), test.count(), train.rows(), train.cols());
        snn.support.AtomicFiles.write(dir.resolve("DERIVED.txt"), note.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new Dataset.Split[] {train, test};
    }
}
