package snn.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The defaults that depend on the dataset or on the scaling norm, computed instead of fixed, each
 * with the reason it has its value (issue 14). A field of {@link TrainParams} left at NaN (or an
 * image count left at -1 in {@link Trainer}) is filled in here; a value the user gave is kept.
 *
 * <p>Every rule is anchored to MNIST (784 inputs, 60,000 training images), where it gives exactly
 * the values the defaults were tuned at, so MNIST training is unchanged byte for byte:
 * <ul>
 *   <li><b>train images</b> = min(40,000, training images): the paper's 40,000, or all there are;</li>
 *   <li><b>label images</b> = min(10,000, train images): the last 10,000 trained images (the
 *       paper's), or all of them on a smaller dataset;</li>
 *   <li><b>Wt</b> scales with the number of inputs N the way a field of fixed per-pixel weights
 *       does: L2 6 x sqrt(N/784), L1 W1 x N/784 (rounded to three significant digits), times the
 *       ink factor below;</li>
 *   <li><b>the input rate</b> is set so that an average image sends as many input spikes as an
 *       average MNIST image: 31.875 Hz x MNIST's mean ink per image / this dataset's.</li>
 * </ul>
 * The dynamics that were tuned per norm (nu_post, theta_inference, theta+, inhibition) take that
 * norm's values ({@link NormDefaults}).
 */
public final class Defaults {
    /** The paper's training images, and the labelling images it took from them. */
    public static final int PAPER_TRAIN_IMAGES = 40_000;
    public static final int MAX_LABEL_IMAGES = 10_000;
    /** The reference dataset the fixed defaults were tuned on: MNIST's 784 inputs. */
    public static final int REF_INPUTS = 784;
    /** MNIST's training split: its images and the sum of all their pixels (0..255). */
    public static final int REF_TRAIN_COUNT = 60_000;
    public static final long REF_PIXEL_SUM = 1_567_298_545L;
    /** MNIST's sum of every training pixel's square: with REF_PIXEL_SUM, 119.50 covered pixels per image. */
    public static final long REF_SQUARE_SUM = 342_590_800_147L;
    /** The rate of a white pixel at intensity 1 on the reference dataset (Diehl and Cook's pixel/8 Hz). */
    public static final double REF_RATE_HZ = 31.875;
    /** Names the rules, for the sweep's resume keys: a change of a rule must change this. */
    public static final String VERSION = "issue14-v2";
    /** MNIST's shape and ink, for code that resolves the defaults without a dataset (tests, benchmarks). */
    public static final DataStats REFERENCE = new DataStats(REF_INPUTS, REF_TRAIN_COUNT, 10, REF_PIXEL_SUM,
            REF_SQUARE_SUM, 0, 0);
    /** The covered-share rule's range (docs/RESULTS.md 11.2): from L2's tuned (MNIST's) inhibition up to 120 mV. */
    static final double L2_INHIBITION_MIN_MV = NormDefaults.L2_INHIBITION_MV;
    static final double L2_INHIBITION_MAX_MV = 120.0;

    private Defaults() {
    }

    /** One resolved value and why it has it; {@code derived} is false for a value the user gave. */
    public record Choice(String name, double value, boolean derived, String reason) {
        public String describe() {
            return String.format(Locale.ROOT, "%s = %s (%s)", name, fmt(value), reason);
        }
    }

    /**
     * Fills every NaN field of {@code p} and every -1 image count of {@code t} from the dataset's
     * statistics and the norm, and returns the choices made (also kept in {@code p.choices}).
     * Idempotent: a second call changes nothing and returns the first call's choices.
     */
    public static List<Choice> resolve(TrainParams p, Trainer t, DataStats s) {
        if (p.choices != null) {
            return p.choices;
        }
        List<Choice> out = new ArrayList<>();
        if (t != null) {
            if (t.trainImages < 0) {
                t.trainImages = trainImages(s.trainCount());
                out.add(new Choice("train_images", t.trainImages, true, t.trainImages == PAPER_TRAIN_IMAGES
                        ? "the paper's 40,000 (the dataset has " + s.trainCount() + ")"
                        : "all " + s.trainCount() + " training images of the dataset (fewer than the paper's 40,000)"));
            } else {
                out.add(new Choice("train_images", t.trainImages, false, "given"));
            }
            if (t.labelImages < 0) {
                t.labelImages = labelImages(t.trainImages);
                out.add(new Choice("label_images", t.labelImages, true, t.labelImages == MAX_LABEL_IMAGES
                        ? "the last 10,000 of the trained images (the paper's)"
                        : "all " + t.trainImages + " trained images (fewer than 10,000)"));
            } else {
                out.add(new Choice("label_images", t.labelImages, false, "given"));
            }
        }
        if (p.norm == TrainParams.Norm.L2 && Double.isNaN(p.inhibitionMv)) {
            p.inhibitionMv = l2InhibitionMv(s);
            out.add(new Choice("inhibition_mv", p.inhibitionMv, true, String.format(Locale.ROOT,
                    "L2's 60 mV x (share of the inputs an image covers, %.3f / MNIST's %.3f), within 60..120 mV",
                    coveredShare(s), coveredShare(REFERENCE))));
        }
        out.addAll(NormDefaults.resolve(p));
        if (Double.isNaN(p.rateAtIntensity1Hz)) {
            p.rateAtIntensity1Hz = rateHz(s);
            out.add(new Choice("rate_at_intensity1_hz", p.rateAtIntensity1Hz, true, String.format(Locale.ROOT,
                    "as many input spikes per image as MNIST: %s Hz x %.1f / %.1f (mean ink per image, MNIST / this)",
                    fmt(REF_RATE_HZ), REF_PIXEL_SUM / 255.0 / REF_TRAIN_COUNT, s.pixelSum() / 255.0 / s.trainCount())));
        } else {
            out.add(new Choice("rate_at_intensity1_hz", p.rateAtIntensity1Hz, false, "given"));
        }
        if (Double.isNaN(p.targetNorm)) {
            p.targetNorm = targetNorm(p.norm, s);
            out.add(new Choice("target_norm", p.targetNorm, true, targetNormReason(p.norm, s)));
        } else {
            out.add(new Choice("target_norm", p.targetNorm, false, "given"));
        }
        p.choices = List.copyOf(out);
        return p.choices;
    }

    /**
     * 31.875 Hz x (MNIST's mean pixel sum per image / this dataset's), to a thousandth of a Hz:
     * an image sends on average as many input spikes as an MNIST image. Exactly 31.875 on MNIST.
     */
    public static double rateHz(DataStats s) {
        if (s.pixelSum() == 0) {
            return REF_RATE_HZ;
        }
        double ratio = (double) REF_PIXEL_SUM * s.trainCount() / ((double) REF_TRAIN_COUNT * s.pixelSum());
        return Math.round(REF_RATE_HZ * ratio * 1000) / 1000.0;
    }

    /** Resolves {@code p} as for MNIST (784 inputs): for code that has no dataset at hand. Returns p. */
    public static TrainParams reference(TrainParams p) {
        resolve(p, null, REFERENCE);
        return p;
    }

    /**
     * L2's inhibition: 60 mV (tuned on MNIST) times the share of the inputs an average image covers
     * relative to MNIST's, rounded to a whole mV, within 60..120 mV. Images that cover more of the
     * inputs make more neurons' fields overlap them, so more inhibition is needed to leave one winner
     * (docs/RESULTS.md 11.2). Exactly 60 on MNIST, and on statistics without pixel squares.
     */
    public static double l2InhibitionMv(DataStats s) {
        if (s.squareSum() == 0 || s.pixelSum() == 0) {
            return L2_INHIBITION_MIN_MV;
        }
        double mv = L2_INHIBITION_MIN_MV * (coveredShare(s) / coveredShare(REFERENCE));
        return Math.min(L2_INHIBITION_MAX_MV, Math.max(L2_INHIBITION_MIN_MV, Math.round(mv)));
    }

    /** Covered pixels per image over the input count: 0.152 on MNIST, 0.396 on Fashion-MNIST. */
    static double coveredShare(DataStats s) {
        return s.coveredPixels() / s.inputs();
    }

    /** min(40,000, training images). */
    public static int trainImages(int available) {
        return Math.min(PAPER_TRAIN_IMAGES, available);
    }

    /** min(10,000, trainImages). */
    public static int labelImages(int trainImages) {
        return Math.min(MAX_LABEL_IMAGES, trainImages);
    }

    /** The norm's target for N inputs: L2 6 sqrt(N/784), L1 (NormDefaults.l1Wt784) N/784, three significant digits. */
    public static double targetNorm(TrainParams.Norm norm, DataStats s) {
        return switch (norm) {
            case L2 -> threeDigits(NormDefaults.L2_WT_784 * Math.sqrt(s.inputs() / (double) REF_INPUTS));
            case L1 -> threeDigits(NormDefaults.L1_WT_784 * (s.inputs() / (double) REF_INPUTS));
            case NONE -> 0.0;
        };
    }

    static String targetNormReason(TrainParams.Norm norm, DataStats s) {
        return switch (norm) {
            case L2 -> String.format(Locale.ROOT, "L2 norm of fields of fixed per-pixel weight: %s x sqrt(%d/784)",
                    fmt(NormDefaults.L2_WT_784), s.inputs());
            case L1 -> String.format(Locale.ROOT, "L1 sum of fields of fixed per-pixel weight: %s x %d/784",
                    fmt(NormDefaults.L1_WT_784), s.inputs());
            case NONE -> "no scaling";
        };
    }

    /** x rounded to three significant digits (6 stays 6, 156 stays 156, 1.7143 becomes 1.71). */
    public static double threeDigits(double x) {
        if (!(x > 0)) {
            return x;
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(3)).doubleValue();
    }

    static String fmt(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
