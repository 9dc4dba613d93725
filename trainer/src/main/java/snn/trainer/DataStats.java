package snn.trainer;

/**
 * Statistics of a training split that the dataset-derived defaults ({@link Defaults}) and the
 * tau_pre study read. Every sum is an exact integer over all training images, so the same files
 * always give the same figures (and MNIST gives exactly the reference values the defaults are
 * anchored to).
 *
 * @param inputs     pixels per image (N)
 * @param trainCount training images in the split
 * @param classes    label classes
 * @param pixelSum   sum of every pixel (0..255) of every training image
 * @param squareSum  sum of every pixel's square
 * @param nonZero    pixels that are not 0 (ink of any strength)
 * @param neighbourCorrelation Pearson correlation of horizontally adjacent pixels, pooled over
 *                   every image and position (1 for a smooth image, 0 for independent pixels)
 */
public record DataStats(int inputs, int trainCount, int classes, long pixelSum, long squareSum, long nonZero,
                        double neighbourCorrelation) {

    /** Measures the training split of {@code data} (one pass, integer sums). */
    public static DataStats of(TrainData data) {
        return of(data.trainPixels(), data.trainCount(), data.rows(), data.cols(), data.classes());
    }

    public static DataStats of(byte[] pixels, int count, int rows, int cols, int classes) {
        int n = rows * cols;
        long sum = 0;
        long sq = 0;
        long nz = 0;
        // sums over horizontal neighbour pairs (a, b): a, b, a^2, b^2, ab
        long pairs = 0;
        long sa = 0;
        long sb = 0;
        long saa = 0;
        long sbb = 0;
        long sab = 0;
        for (int k = 0; k < count; k++) {
            int base = k * n;
            for (int r = 0; r < rows; r++) {
                int row = base + r * cols;
                int prev = -1;
                for (int c = 0; c < cols; c++) {
                    int x = pixels[row + c] & 0xFF;
                    sum += x;
                    sq += x * x;
                    nz += x != 0 ? 1 : 0;
                    if (prev >= 0) {
                        sa += prev;
                        sb += x;
                        saa += prev * prev;
                        sbb += x * x;
                        sab += prev * x;
                    }
                    prev = x;
                }
                pairs += cols - 1;
            }
        }
        double corr = 0;
        if (pairs > 0) {
            double cov = sab / (double) pairs - (sa / (double) pairs) * (sb / (double) pairs);
            double va = saa / (double) pairs - Math.pow(sa / (double) pairs, 2);
            double vb = sbb / (double) pairs - Math.pow(sb / (double) pairs, 2);
            corr = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
        }
        return new DataStats(n, count, classes, sum, sq, nz, corr);
    }

    /** Mean pixel over every image and position, as a fraction of 255. */
    public double meanPixel() {
        return pixelSum / (255.0 * inputs * (double) trainCount);
    }

    /** Share of pixels that carry any ink (not 0). */
    public double inkFraction() {
        return nonZero / ((double) inputs * trainCount);
    }

    /**
     * Mean input spikes per pixel and second at intensity 1 and {@code rateHz} for a white pixel:
     * the Poisson rate an average pixel gets.
     */
    public double spikeRatePerPixelHz(double rateHz) {
        return meanPixel() * rateHz;
    }

    /**
     * The effective number of pixels an image covers: (sum x)^2 / sum x^2 of the mean image
     * energy, i.e. how many full-strength pixels would carry the same L1 and L2 mass.
     */
    public double coveredPixels() {
        return squareSum == 0 ? 0 : (double) pixelSum * pixelSum / ((double) squareSum * trainCount);
    }
}
