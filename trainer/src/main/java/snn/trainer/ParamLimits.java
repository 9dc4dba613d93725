package snn.trainer;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import snn.support.SnnException;

/**
 * The one place the training parameters are bounded (docs/trainer.md, "Limits"), so that a bad value
 * is refused with exit 2 before any data is read or any image trained, instead of failing inside
 * the run. Each field has a physical range; then the integers {@link Derived} makes from them must
 * fit the device's ranges (steps, refractory steps, membrane units). Messages name the option (or
 * the parameter when no option sets it), the value and the limit.
 */
public final class ParamLimits {
    /** The largest excitatory membrane quantity (threshold, floor, inhibition, theta+) in membrane units: 2^30 - 1. */
    public static final long MEMBRANE_MAX = (1L << 30) - 1;

    /** A field's closed range and unit. */
    record Limit(String key, String option, double lo, double hi, String unit) {
    }

    /** Every number of {@link TrainParams#values()}, in its order, with its range. */
    static final Limit[] LIMITS = {
        new Limit("neurons", "--neurons", 1, 65535, ""),
        new Limit("target_norm", "--target-norm", 0, 65535, ""),
        new Limit("dt_ms", "--dt-ms", 0.001, 100, "ms"),
        new Limit("presentation_ms", "--presentation-ms", 0.001, 1e6, "ms"),
        new Limit("tau_exc_ms", "--tau-exc-ms", 0.001, 1e9, "ms"),
        new Limit("threshold_exc_mv", "--threshold-exc-mv", 0.001, 1000, "mV"),
        new Limit("refractory_exc_ms", "--refractory-exc-ms", 0, 1e6, "ms"),
        new Limit("v_floor_mv", "--v-floor-mv", -1000, 0, "mV"),
        new Limit("epsp_mv", "--epsp-mv", 0.0001, 1000, "mV"),
        new Limit("inhibition_mv", "--inhibition-mv", 0, 1000, "mV"),
        new Limit("tau_inh_ms", "tau_inh_ms", 0.001, 1e9, "ms"),
        new Limit("threshold_inh_mv", "threshold_inh_mv", 0, 1000, "mV"),
        new Limit("refractory_inh_ms", "refractory_inh_ms", 0, 1e6, "ms"),
        new Limit("exc_to_inh_mv", "exc_to_inh_mv", 0, 1000, "mV"),
        new Limit("theta_plus_mv", "--theta-plus", 0, 1000, "mV"),
        new Limit("tau_theta_ms", "--tau-theta-ms", 0.001, 1e12, "ms"),
        new Limit("nu_post", "--nu-post", 0, 1, ""),
        new Limit("nu_pre", "--nu-pre", 0, 1, ""),
        new Limit("nu_post_final", "--nu-post-final", 0, 1, ""),
        new Limit("theta_inference", "--theta-inference", 0, 1, ""),
        new Limit("tau_pre_ms", "--tau-pre-ms", 0.001, 1e9, "ms"),
        new Limit("tau_post1_ms", "--tau-post1-ms", 0.001, 1e9, "ms"),
        new Limit("tau_post2_ms", "--tau-post2-ms", 0.001, 1e9, "ms"),
        new Limit("rate_at_intensity1_hz", "--rate-hz", 0.001, 1e6, "Hz"),
        new Limit("intensity", "--intensity", 1, 255, ""),
        new Limit("intensity_max", "--intensity-max", 1, 255, ""),
        new Limit("min_spikes", "--min-spikes", 0, 1_000_000, ""),
        new Limit("init_weight_scale", "init_weight_scale", 0.001, 1, ""),
        new Limit("auto_target_spikes", "--auto-target-spikes", 0.001, 1e6, ""),
    };

    /** Fields that are NaN until {@link Defaults#resolve} derives them (and intensity, 0 until then). */
    private static final Set<String> DERIVED = Set.of("target_norm", "inhibition_mv", "theta_plus_mv", "nu_post",
            "nu_post_final", "theta_inference", "rate_at_intensity1_hz");

    private ParamLimits() {
    }

    /**
     * Every value given so far within its range, and the integers that follow from them alone within
     * the device's: before the data is read. NaN in a field {@link Defaults} derives means "derive".
     */
    public static void checkGiven(TrainParams p) {
        check(p, true);
    }

    /** The same after {@link Defaults#resolve} (no NaN left), plus the bounds that depend on the data. */
    public static void checkResolved(TrainParams p, TrainData data) {
        check(p, false);
        long inputs = (long) data.rows() * data.cols();
        if (inputs > 65535) {
            throw SnnException.badInput("dataset " + data.name() + ": images of " + data.rows() + "x" + data.cols() + " = "
                    + inputs + " inputs, allowed 1..65535 (the device's limit; snn datasets derive --resize R makes"
                    + " smaller ones)");
        }
        if (data.classes() > 255) {
            throw SnnException.badInput("dataset " + data.name() + ": " + data.classes() + " classes (largest label "
                    + (data.classes() - 1) + "), allowed 1..255 (the device's limit)");
        }
        if (p.norm != TrainParams.Norm.NONE) {
            // the norm of a field whose every weight is 1.0: no scaling can reach beyond it
            double reach = p.norm == TrainParams.Norm.L1 ? inputs : Math.sqrt(inputs);
            if (!(p.targetNorm > 0 && p.targetNorm <= reach)) {
                throw SnnException.badInput("--target-norm " + fmt(p.targetNorm) + " is outside (0, " + fmt(reach)
                        + "]: the " + p.norm.name() + " norm of " + inputs + " weights of 1.0 (dataset " + data.name() + ")");
            }
        }
    }

    private static void check(TrainParams p, boolean allowDerived) {
        Map<String, Double> values = p.values();
        for (Limit l : LIMITS) {
            Double v = values.get(l.key);
            if (v == null || allowDerived && DERIVED.contains(l.key) && v.isNaN()
                    || allowDerived && l.key.equals("intensity") && v == 0) { // 0: the norm's default
                continue;
            }
            if (!(v >= l.lo && v <= l.hi)) {
                throw SnnException.badInput(l.option + " " + fmt(v) + " is outside " + fmt(l.lo) + ".." + fmt(l.hi)
                        + (l.unit.isEmpty() ? "" : " " + l.unit));
            }
        }
        if (p.intensity != 0 && p.intensityMax < p.intensity) {
            throw SnnException.badInput("--intensity-max " + p.intensityMax + " is below --intensity " + p.intensity);
        }
        long steps = Math.round(p.presentationMs / p.dtMs);
        if (steps < 1 || steps > 65535) {
            throw SnnException.badInput("--presentation-ms " + fmt(p.presentationMs) + " / --dt-ms " + fmt(p.dtMs) + " = "
                    + steps + " steps per image, allowed 1..65535 (the device's limit)");
        }
        refractory("--refractory-exc-ms", p.refractoryExcMs, p.dtMs);
        refractory("refractory_inh_ms", p.refractoryInhMs, p.dtMs);
        membrane("--threshold-exc-mv", p.thresholdExcMv, p.epspMv, 1);
        membrane("--v-floor-mv", -p.vFloorMv, p.epspMv, 0);
        if (!Double.isNaN(p.inhibitionMv)) {
            membrane("--inhibition-mv", p.inhibitionMv, p.epspMv, 0);
        }
        if (!Double.isNaN(p.thetaPlusMv)) {
            membrane("--theta-plus", p.thetaPlusMv, p.epspMv, 0);
        }
        double rateMax = 1000 / p.dtMs;
        if (allowDerived && p.rateAtIntensity1Hz > rateMax) {
            throw SnnException.badInput("--rate-hz " + fmt(p.rateAtIntensity1Hz) + " is above " + fmt(rateMax)
                    + " Hz = 1000 / --dt-ms " + fmt(p.dtMs) + ": a white pixel would spike with probability above 1 per step");
        }
    }

    private static void refractory(String name, double ms, double dtMs) {
        long steps = Math.round(ms / dtMs);
        if (steps > 255) {
            throw SnnException.badInput(name + " " + fmt(ms) + " / --dt-ms " + fmt(dtMs) + " = " + steps
                    + " steps, allowed 0..255 (the device's limit)");
        }
    }

    /** mv in membrane units (1 mV = 65535 / epsp_mv units) must round to min..2^30-1. */
    private static void membrane(String name, double mv, double epspMv, long min) {
        long units = Math.round(mv * (Derived.WEIGHT_MAX / epspMv));
        if (units < min || units > MEMBRANE_MAX) {
            String shown = name.equals("--v-floor-mv") ? fmt(-mv) : fmt(mv);
            throw SnnException.badInput(name + " " + shown + " with --epsp-mv " + fmt(epspMv) + " is "
                    + (name.equals("--v-floor-mv") ? -units : units) + " membrane units (1 mV = 65535 / epsp_mv), allowed "
                    + (name.equals("--v-floor-mv") ? "-" + MEMBRANE_MAX + "..0" : min + ".." + MEMBRANE_MAX));
        }
    }

    /** A number as a person writes it: 1000000 rather than 1000000.0, 0.6, 1.0E9 beyond a million, NaN and Infinity as such. */
    static String fmt(double v) {
        if (!Double.isFinite(v) || v != 0 && (Math.abs(v) > 1e6 || Math.abs(v) < 1e-4)) {
            return Double.toString(v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
