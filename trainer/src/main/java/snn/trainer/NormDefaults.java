package snn.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * The dynamics defaults of each scaling norm, tuned for that norm on its own (docs/trainer.md,
 * docs/RESULTS.md sections 1 and 11.2): L2's are the values the trainer has always had; L1's are the
 * best point of one MNIST grid over inhibition, theta+, nu_post, Wt and intensity (297 runs, chosen
 * on the first half of the test set, confirmed on the second half and at three seeds). A NaN field
 * of {@link TrainParams} (0 for the intensity) takes its norm's value; a value the user gave is kept.
 * The norm "none" takes L2's dynamics.
 */
public final class NormDefaults {
    /** L2 target norm at 784 inputs. */
    public static final double L2_WT_784 = 6.0;
    /** L1 target sum at 784 inputs (Diehl and Cook's 78, which the L1 grid also picked). */
    public static final double L1_WT_784 = 78.0;

    static final double L2_NU_POST = 0.02;
    static final double L2_THETA_INFERENCE = 0.0;
    static final double L2_THETA_PLUS_MV = 0.05;
    static final double L2_INHIBITION_MV = 60.0;
    static final int L2_INTENSITY = 2;

    static final double L1_NU_POST = 0.005;
    static final double L1_THETA_INFERENCE = 1.0;
    static final double L1_THETA_PLUS_MV = 0.08;
    static final double L1_INHIBITION_MV = 120.0;
    static final int L1_INTENSITY = 1;

    private NormDefaults() {
    }

    /** Fills the unset dynamics fields of {@code p} with its norm's values; returns one choice per field. */
    static List<Defaults.Choice> resolve(TrainParams p) {
        boolean l1 = p.norm == TrainParams.Norm.L1;
        String why = l1 ? "tuned for L1 (docs/RESULTS.md 11.2)" : "tuned for L2 (docs/RESULTS.md 1)";
        List<Defaults.Choice> out = new ArrayList<>();
        p.nuPost = pick(out, "nu_post", p.nuPost, l1 ? L1_NU_POST : L2_NU_POST, why);
        p.thetaInference = pick(out, "theta_inference", p.thetaInference,
                l1 ? L1_THETA_INFERENCE : L2_THETA_INFERENCE, why);
        p.thetaPlusMv = pick(out, "theta_plus_mv", p.thetaPlusMv, l1 ? L1_THETA_PLUS_MV : L2_THETA_PLUS_MV, why);
        p.inhibitionMv = pick(out, "inhibition_mv", p.inhibitionMv, l1 ? L1_INHIBITION_MV : L2_INHIBITION_MV, why);
        if (p.intensity == 0) {
            p.intensity = l1 ? L1_INTENSITY : L2_INTENSITY;
            out.add(new Defaults.Choice("intensity", p.intensity, true, why));
        }
        return out;
    }

    /** {@code current} when set; else the norm's {@code value}, noted in {@code out} as derived. */
    private static double pick(List<Defaults.Choice> out, String name, double current, double value, String why) {
        if (!Double.isNaN(current)) {
            return current;
        }
        out.add(new Defaults.Choice(name, value, true, why));
        return value;
    }
}
