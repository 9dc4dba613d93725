package snn.trainer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The physical parameters of the network and its learning, with units in the names. These are the
 * only floating-point numbers in training: {@link Derived} turns them into integer constants once,
 * before the run. docs/trainer.md gives the reasoning behind each default.
 */
public final class TrainParams {
    /** Synaptic scaling of each excitatory neuron's incoming weight vector. */
    public enum Norm { L1, L2, NONE }

    public int neurons = 400;
    public Norm norm = Norm.L2;
    /**
     * Target norm Wt of the weight vector, weights in [0, 1]; NaN derives it from the dataset and
     * the norm ({@link Defaults}).
     */
    public double targetNorm = Double.NaN;
    /**
     * What {@link Defaults#resolve} chose for the fields left to it (NaN fields and the trainer's
     * image counts), with reasons; null until resolved.
     */
    public java.util.List<Defaults.Choice> choices;
    /** {@code --target-norm auto}: Wt starts at the derived value and {@link AutoTargetNorm} moves it. */
    public boolean autoTargetNorm;
    /** The firing the auto rule holds: excitatory spikes per training image (last presentation). */
    public double autoTargetSpikes = AUTO_TARGET_SPIKES;
    public static final double AUTO_TARGET_SPIKES = 8.0;
    public boolean adaptiveThreshold = true;

    public double dtMs = 1.0;
    public double presentationMs = 150.0;

    // excitatory LIF, potentials relative to rest
    public double tauExcMs = 100.0;
    public double thresholdExcMv = 13.0;
    public double refractoryExcMs = 5.0;
    public double vFloorMv = -35.0;
    /** Membrane jump of an excitatory neuron for one input spike through a weight of 1.0. */
    public double epspMv = 0.6;
    /** Membrane drop of every other excitatory neuron for one inhibitory spike; NaN: the norm's default. */
    public double inhibitionMv = Double.NaN;

    // inhibitory LIF
    public double tauInhMs = 10.0;
    public double thresholdInhMv = 20.0;
    public double refractoryInhMs = 2.0;
    public double excToInhMv = 62.0;

    // adaptive threshold
    /** Threshold rise per spike; NaN: the norm's default. */
    public double thetaPlusMv = Double.NaN;
    public double tauThetaMs = 1e7;

    // STDP (input -> excitatory): pre trace and post traces, set to 1 on a spike
    /** LTP rate; NaN: the norm's default. */
    public double nuPost = Double.NaN;
    public double nuPre = 0.0001;
    public double tauPreMs = 20.0;
    public double tauPost1Ms = 20.0;
    public double tauPost2Ms = 40.0;
    /** LTP rate at the last training image; the rate falls linearly from nuPost to this (NaN = constant). */
    public double nuPostFinal = Double.NaN;
    /**
     * How much of each neuron's learned theta its inference threshold keeps: the stored threshold is
     * base + round(a * theta_j + (1 - a) * mean(theta)). 1 keeps theta as learned (Diehl and Cook);
     * 0 gives every neuron the mean threshold, so that the first to fire is the best-matching
     * prototype rather than the least-used one. NaN: the norm's default.
     */
    public double thetaInference = Double.NaN;
    /** Diehl and Cook's triplet factor: LTP scaled by the neuron's slow post trace before the spike. */
    public boolean tripletLtp = false;

    // input encoding
    /** Poisson rate of a 255 pixel at intensity 1 (rate = pixel/255 * this * intensity). */
    /** NaN: derived from the dataset's mean ink ({@link Defaults#rateHz}); 31.875 on MNIST. */
    public double rateAtIntensity1Hz = Double.NaN;
    /** Starting intensity; 0: the norm's default ({@link NormDefaults}: 2 for L2, 1 for L1). */
    public int intensity = 0;
    public int intensityMax = 10;
    public int minSpikes = 5;

    /** Initial weights (U[0,1) + 0.01) * initWeightScale, before the first scaling. */
    public double initWeightScale = 0.3;
    public long seed = 1;

    /** The target norm: the resolved one, or before resolution the norm's value at 784 inputs. */
    public double effectiveTargetNorm() {
        if (!Double.isNaN(targetNorm)) {
            return targetNorm;
        }
        return switch (norm) {
            case L1 -> NormDefaults.L1_WT_784;
            case L2 -> NormDefaults.L2_WT_784;
            case NONE -> 0.0;
        };
    }

    /** Every value with its unit-bearing name, for the model's provenance and the JSON report. */
    public Map<String, Double> values() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("neurons", (double) neurons);
        m.put("target_norm", norm == Norm.NONE && Double.isNaN(targetNorm) ? 0.0 : targetNorm);
        m.put("dt_ms", dtMs);
        m.put("presentation_ms", presentationMs);
        m.put("tau_exc_ms", tauExcMs);
        m.put("threshold_exc_mv", thresholdExcMv);
        m.put("refractory_exc_ms", refractoryExcMs);
        m.put("v_floor_mv", vFloorMv);
        m.put("epsp_mv", epspMv);
        m.put("inhibition_mv", inhibitionMv);
        m.put("tau_inh_ms", tauInhMs);
        m.put("threshold_inh_mv", thresholdInhMv);
        m.put("refractory_inh_ms", refractoryInhMs);
        m.put("exc_to_inh_mv", excToInhMv);
        m.put("theta_plus_mv", adaptiveThreshold ? thetaPlusMv : 0.0);
        m.put("tau_theta_ms", tauThetaMs);
        m.put("nu_post", nuPost);
        m.put("nu_pre", nuPre);
        m.put("nu_post_final", Double.isNaN(nuPostFinal) ? nuPost : nuPostFinal);
        m.put("theta_inference", thetaInference);
        m.put("tau_pre_ms", tauPreMs);
        m.put("tau_post1_ms", tauPost1Ms);
        m.put("tau_post2_ms", tauPost2Ms);
        m.put("rate_at_intensity1_hz", rateAtIntensity1Hz);
        m.put("intensity", (double) intensity);
        m.put("intensity_max", (double) intensityMax);
        m.put("min_spikes", (double) minSpikes);
        m.put("init_weight_scale", initWeightScale);
        if (autoTargetNorm) {
            m.put("auto_target_spikes", autoTargetSpikes);
        }
        return m;
    }

    public String describe() {
        return String.format(Locale.ROOT, "%d neurons, %s scaling (Wt %.3g), adaptive threshold %s, %.0f ms/image",
                neurons, norm.name().toLowerCase(Locale.ROOT), effectiveTargetNorm(), adaptiveThreshold ? "on" : "off",
                presentationMs);
    }
}
