package snn.trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * The dynamics defaults of each scaling norm, tuned for that norm on its own (docs/trainer.md,
 * docs/RESULTS.md section 10): L2's are the values the trainer has always had; L1's come from the
 * L1 sweep. A NaN field of {@link TrainParams} takes its norm's value; a value the user gave is kept.
 */
public final class NormDefaults {
    /** L2 target norm at 784 inputs. */
    public static final double L2_WT_784 = 6.0;
    /** L1 target sum at 784 inputs. */
    public static final double L1_WT_784 = 156.0;

    static final double L2_NU_POST = 0.02;
    static final double L2_THETA_INFERENCE = 0.0;
    static final double L2_THETA_PLUS_MV = 0.05;
    static final double L2_INHIBITION_MV = 60.0;

    static final double L1_NU_POST = 0.01;
    static final double L1_THETA_INFERENCE = 1.0;
    static final double L1_THETA_PLUS_MV = 0.05;
    static final double L1_INHIBITION_MV = 60.0;

    private NormDefaults() {
    }

    /** Fills the NaN dynamics fields of {@code p} with its norm's values; returns one choice per field. */
    static List<Defaults.Choice> resolve(TrainParams p) {
        boolean l1 = p.norm == TrainParams.Norm.L1;
        String why = l1 ? "tuned for L1 (docs/RESULTS.md 10.2)" : "tuned for L2 (docs/RESULTS.md 1)";
        List<Defaults.Choice> out = new ArrayList<>();
        if (Double.isNaN(p.nuPost)) {
            p.nuPost = l1 ? L1_NU_POST : L2_NU_POST;
            out.add(new Defaults.Choice("nu_post", p.nuPost, true, why));
        }
        if (Double.isNaN(p.thetaInference)) {
            p.thetaInference = l1 ? L1_THETA_INFERENCE : L2_THETA_INFERENCE;
            out.add(new Defaults.Choice("theta_inference", p.thetaInference, true, why));
        }
        if (Double.isNaN(p.thetaPlusMv)) {
            p.thetaPlusMv = l1 ? L1_THETA_PLUS_MV : L2_THETA_PLUS_MV;
            out.add(new Defaults.Choice("theta_plus_mv", p.thetaPlusMv, true, why));
        }
        if (Double.isNaN(p.inhibitionMv)) {
            p.inhibitionMv = l1 ? L1_INHIBITION_MV : L2_INHIBITION_MV;
            out.add(new Defaults.Choice("inhibition_mv", p.inhibitionMv, true, why));
        }
        return out;
    }
}
