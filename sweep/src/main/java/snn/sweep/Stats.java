package snn.sweep;

import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * The statistics of a sweep, on commons-math3's distributions. Undefined values (a CI from one
 * seed, a t statistic of identical differences) are NaN, which the report prints as "n/a".
 */
public final class Stats {
    private Stats() {
    }

    /** Mean over seeds with its two-sided 95% t-interval: mean +- t(0.975, n-1) * sd / sqrt(n). */
    public record MeanCi(int n, double mean, double sd, double halfWidth) {
        public double low() {
            return mean - halfWidth;
        }

        public double high() {
            return mean + halfWidth;
        }
    }

    public static MeanCi meanCi(double[] x) {
        int n = x.length;
        if (n == 0) {
            return new MeanCi(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = mean(x);
        if (n == 1) {
            return new MeanCi(1, mean, Double.NaN, Double.NaN);
        }
        double sd = sd(x, mean);
        double t = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975);
        return new MeanCi(n, mean, sd, t * sd / Math.sqrt(n));
    }

    /**
     * McNemar's test on paired per-image correctness of A and B: {@code b} images only A got right,
     * {@code c} only B got right. {@code pExact} is the exact two-sided binomial test (b of b+c
     * discordant pairs under p = 1/2, doubled, capped at 1), valid at any count: the p-value the
     * report uses. {@code chi2} and {@code pChi2} are the chi-square with Edwards' continuity
     * correction, (max(0, |b-c| - 1))^2 / (b+c), one degree of freedom, for comparison.
     * {@code accuracyDiff} = (c - b) / n is B's accuracy minus A's; {@code oddsRatio} = c / b.
     */
    public record McNemar(long n, long b, long c, double pExact, double chi2, double pChi2, double accuracyDiff,
                          double oddsRatio) {
    }

    public static McNemar mcnemar(boolean[] aCorrect, boolean[] bCorrect) {
        if (aCorrect.length != bCorrect.length) {
            throw new IllegalArgumentException("paired vectors of " + aCorrect.length + " and " + bCorrect.length);
        }
        long b = 0;
        long c = 0;
        for (int k = 0; k < aCorrect.length; k++) {
            if (aCorrect[k] && !bCorrect[k]) {
                b++;
            } else if (!aCorrect[k] && bCorrect[k]) {
                c++;
            }
        }
        return mcnemar(aCorrect.length, b, c);
    }

    public static McNemar mcnemar(long n, long b, long c) {
        long m = b + c;
        double pExact;
        double chi2;
        double pChi2;
        if (m == 0) {
            pExact = 1;
            chi2 = 0;
            pChi2 = 1;
        } else {
            if (m > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many discordant pairs: " + m);
            }
            BinomialDistribution bin = new BinomialDistribution(null, (int) m, 0.5);
            pExact = Math.min(1.0, 2 * bin.cumulativeProbability((int) Math.min(b, c)));
            double d = Math.max(0, Math.abs(b - c) - 1.0);
            chi2 = d * d / m;
            pChi2 = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(chi2);
        }
        return new McNemar(n, b, c, pExact, chi2, pChi2, n == 0 ? Double.NaN : (c - b) / (double) n,
                b == 0 ? (c == 0 ? Double.NaN : Double.POSITIVE_INFINITY) : c / (double) b);
    }

    /**
     * Paired t-test of B against A over seeds: differences d = B - A, t = mean(d) / (sd(d) / sqrt(n))
     * with n - 1 degrees of freedom, two-sided p; Cohen's d for paired samples (d_z) = mean(d) / sd(d);
     * and the 95% t-interval of the mean difference.
     */
    public record PairedT(int n, double meanDiff, double sdDiff, double t, double df, double p, double cohenDz,
                          double ciLow, double ciHigh) {
    }

    public static PairedT pairedT(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples of " + a.length + " and " + b.length);
        }
        int n = a.length;
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            d[k] = b[k] - a[k];
        }
        double mean = n == 0 ? Double.NaN : mean(d);
        if (n < 2) {
            return new PairedT(n, mean, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double sd = sd(d, mean);
        TDistribution dist = new TDistribution(null, n - 1);
        double half = dist.inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
        if (sd == 0) {
            return new PairedT(n, mean, 0, Double.NaN, n - 1, Double.NaN, Double.NaN, mean, mean);
        }
        double t = mean / (sd / Math.sqrt(n));
        double p = 2 * dist.cumulativeProbability(-Math.abs(t));
        return new PairedT(n, mean, sd, t, n - 1, p, mean / sd, mean - half, mean + half);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample standard deviation (n - 1 in the denominator). */
    static double sd(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
