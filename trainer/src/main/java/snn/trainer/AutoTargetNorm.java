package snn.trainer;

import java.util.Locale;

/**
 * {@code --target-norm auto}: a population rule that moves the scaling target Wt during training to
 * hold the excitatory layer's firing at a target number of spikes per image (the paper's open
 * question: "can a rule that adjusts Wt improve robustness?").
 *
 * <p>Every {@link #WINDOW} training images it compares the mean spike count of the images' last
 * presentations with the target and multiplies Wt by sqrt(target / mean), limited to
 * [{@link #MIN_STEP}, {@link #MAX_STEP}] per window and to [{@link #MIN_FRACTION}, {@link #MAX_FRACTION}]
 * of the largest norm a field can have (every weight at 1: N for L1, sqrt(N) for L2); then every
 * neuron is rescaled to the new Wt. More weight means more drive and more spikes, so the rule
 * raises Wt when the layer is too quiet and lowers it when it fires too much. It starts from the
 * dataset-derived Wt. The arithmetic is double precision in a fixed order, so a seed still gives
 * the same model bytes.
 */
public final class AutoTargetNorm {
    public static final int WINDOW = 256;
    static final double MIN_STEP = 0.8;
    static final double MAX_STEP = 1.25;
    static final double MIN_FRACTION = 0.005;
    static final double MAX_FRACTION = 0.5;

    private final TrainParams.Norm norm;
    private final double target;
    private final long lo;
    private final long hi;
    private long spikes;
    private int images;
    private int updates;

    public AutoTargetNorm(TrainParams p, int inputs) {
        this.norm = p.norm;
        this.target = p.autoTargetSpikes;
        double full = (norm == TrainParams.Norm.L1 ? inputs : Math.sqrt(inputs)) * Derived.WEIGHT_MAX;
        this.lo = Math.max(1, Math.round(MIN_FRACTION * full));
        this.hi = Math.round(MAX_FRACTION * full);
    }

    /**
     * Counts one training image's spikes; at the end of a window moves {@code d.targetNorm} and
     * rescales every neuron of {@code rows} to it. Returns true when Wt moved.
     */
    public boolean observe(int lastSpikes, Derived d, int[][] rows, int neurons) {
        spikes += lastSpikes;
        if (++images < WINDOW) {
            return false;
        }
        double mean = spikes / (double) images;
        spikes = 0;
        images = 0;
        double step = mean <= 0 ? MAX_STEP : Math.sqrt(target / mean);
        step = Math.max(MIN_STEP, Math.min(MAX_STEP, step));
        long wt = Math.max(lo, Math.min(hi, Math.round(d.targetNorm * step)));
        if (wt == d.targetNorm) {
            return false;
        }
        d.targetNorm = wt;
        updates++;
        for (int j = 0; j < neurons; j++) {
            SynapticScaling.scale(norm, rows, j, wt);
        }
        return true;
    }

    public int updates() {
        return updates;
    }

    public static String describe(long targetNormUnits) {
        return String.format(Locale.ROOT, "%.4g", targetNormUnits / (double) Derived.WEIGHT_MAX);
    }
}
