package snn.core;

import java.util.Arrays;

/**
 * Everything the device loop reads, as plain integer arrays: the in-RAM form of a device image
 * (weights already unpacked from 8/4/2-bit storage) or of a trained model at full precision.
 *
 * <p>Per-neuron quantities are in that neuron's own membrane units, so that the loop never
 * multiplies a weight: a spike of input i adds {@code weights[i*neurons+j] << vShift} to v[j].
 * All fields are public and final-by-convention: build one, validate it, then only read it.
 */
public final class DeviceNetwork {
    public static final int DECISION_MAX_NEURON = 0;
    public static final int DECISION_VOTE = 1;
    /** Upper bound of wExcToInh and thresholdInh (see {@link #validate()}). */
    public static final int MAX_INH_PARAM = 1 << 30;

    public final int inputs;
    public final int neurons;
    public final int classes;

    /** Input-major weights, {@code weights[i * neurons + j]}, each in [0, weightMax]. */
    public final int[] weights;
    public final int weightMax;
    /** Per-neuron firing threshold: neuron j spikes when v[j] > threshold[j]. */
    public final int[] threshold;
    /** Per-neuron amount subtracted from v[j] for each spiking inhibitory neuron other than j's partner. */
    public final int[] inhibition;
    /** Per-neuron lower bound of v[j] (the inhibitory reversal potential), at most 0. */
    public final int[] vFloor;
    /** Per-neuron class label, 0..classes-1. */
    public final int[] labels;

    public final int steps;
    public final int leakExcQ16;
    public final int leakInhQ16;
    public final int refractoryExc;
    public final int refractoryInh;
    public final int wExcToInh;
    public final int thresholdInh;
    public final int vShift;
    /** Spike probability per step for pixel value p (0..255) at intensity 1, Q0.16. */
    public final int[] rateQ16;
    public final int intensity;
    public final int intensityMax;
    public final int minSpikes;
    public final int decision;

    @SuppressWarnings("checkstyle:ParameterNumber")
    public DeviceNetwork(int inputs, int neurons, int classes, int[] weights, int weightMax, int[] threshold,
                         int[] inhibition, int[] vFloor, int[] labels, int steps, int leakExcQ16, int leakInhQ16,
                         int refractoryExc, int refractoryInh, int wExcToInh, int thresholdInh, int vShift,
                         int[] rateQ16, int intensity, int intensityMax, int minSpikes, int decision) {
        this.inputs = inputs;
        this.neurons = neurons;
        this.classes = classes;
        this.weights = weights;
        this.weightMax = weightMax;
        this.threshold = threshold;
        this.inhibition = inhibition;
        this.vFloor = vFloor;
        this.labels = labels;
        this.steps = steps;
        this.leakExcQ16 = leakExcQ16;
        this.leakInhQ16 = leakInhQ16;
        this.refractoryExc = refractoryExc;
        this.refractoryInh = refractoryInh;
        this.wExcToInh = wExcToInh;
        this.thresholdInh = thresholdInh;
        this.vShift = vShift;
        this.rateQ16 = rateQ16;
        this.intensity = intensity;
        this.intensityMax = intensityMax;
        this.minSpikes = minSpikes;
        this.decision = decision;
        validate();
    }

    /** Rejects values outside the ranges docs/device-spec.md allows; names the field, value and limit. */
    public void validate() {
        require(inputs >= 1 && inputs <= 65535, "inputs", inputs, "1..65535");
        require(neurons >= 1 && neurons <= 65535, "neurons", neurons, "1..65535");
        require(classes >= 1 && classes <= 255, "classes", classes, "1..255");
        require(weights.length == inputs * neurons, "weights.length", weights.length, "inputs*neurons = " + inputs * neurons);
        require(weightMax >= 1 && weightMax <= 65535, "weight_max", weightMax, "1..65535");
        require(threshold.length == neurons, "threshold.length", threshold.length, "neurons = " + neurons);
        require(inhibition.length == neurons, "inhibition.length", inhibition.length, "neurons = " + neurons);
        require(vFloor.length == neurons, "v_floor.length", vFloor.length, "neurons = " + neurons);
        require(labels.length == neurons, "labels.length", labels.length, "neurons = " + neurons);
        require(rateQ16.length == 256, "rate_q16.length", rateQ16.length, "256");
        require(steps >= 1 && steps <= 65535, "steps", steps, "1..65535");
        require(leakExcQ16 >= 0 && leakExcQ16 <= 65536, "leak_exc_q16", leakExcQ16, "0..65536");
        require(leakInhQ16 >= 0 && leakInhQ16 <= 65536, "leak_inh_q16", leakInhQ16, "0..65536");
        require(refractoryExc >= 0 && refractoryExc <= 255, "refractory_exc", refractoryExc, "0..255");
        require(refractoryInh >= 0 && refractoryInh <= 255, "refractory_inh", refractoryInh, "0..255");
        require(vShift >= 0 && vShift <= 16, "v_shift", vShift, "0..16");
        require(intensity >= 1 && intensity <= intensityMax, "intensity", intensity, "1..intensity_max=" + intensityMax);
        require(intensityMax <= 255, "intensity_max", intensityMax, "<= 255");
        require(decision == DECISION_MAX_NEURON || decision == DECISION_VOTE, "decision", decision, "0 or 1");
        require(minSpikes >= 0, "min_spikes", minSpikes, ">= 0");
        // The inhibitory membrane stays in [0, thresholdInh + wExcToInh]; keeping both at most 2^30 means the
        // int32 sum in step 4 can never overflow (C signed overflow would be undefined behaviour).
        require(wExcToInh >= 0 && wExcToInh <= MAX_INH_PARAM, "w_exc_to_inh", wExcToInh, "0..2^30");
        require(thresholdInh >= 0 && thresholdInh <= MAX_INH_PARAM, "threshold_inh", thresholdInh, "0..2^30");
        // acc[j] is an int32 sum of up to `inputs` weights.
        require((long) inputs * weightMax <= Integer.MAX_VALUE, "inputs*weight_max", (long) inputs * weightMax,
                "INT32_MAX");
        for (int j = 0; j < neurons; j++) {
            require(threshold[j] >= 0, "threshold[" + j + "]", threshold[j], ">= 0");
            require(inhibition[j] >= 0, "inhibition[" + j + "]", inhibition[j], ">= 0");
            require(vFloor[j] <= 0, "v_floor[" + j + "]", vFloor[j], "<= 0");
            require(labels[j] >= 0 && labels[j] < classes, "labels[" + j + "]", labels[j], "0.." + (classes - 1));
        }
        for (int p = 0; p < 256; p++) {
            require(rateQ16[p] >= 0 && rateQ16[p] <= 65535, "rate_q16[" + p + "]", rateQ16[p], "0..65535");
        }
        for (int k = 0; k < weights.length; k++) {
            if (weights[k] < 0 || weights[k] > weightMax) {
                require(false, "weights[" + k + "]", weights[k], "0..weight_max=" + weightMax);
            }
        }
    }

    private static void require(boolean ok, String field, long value, String limit) {
        if (!ok) {
            throw new IllegalArgumentException("device network field " + field + " = " + value + " is outside " + limit);
        }
    }

    /** A copy with other weights, thresholds and per-neuron constants (used by the quantizer). */
    public DeviceNetwork withNeuronArrays(int[] newWeights, int newWeightMax, int[] newThreshold, int[] newInhibition,
                                          int[] newVFloor, int newVShift) {
        return new DeviceNetwork(inputs, neurons, classes, newWeights, newWeightMax, newThreshold, newInhibition,
                newVFloor, labels, steps, leakExcQ16, leakInhQ16, refractoryExc, refractoryInh, wExcToInh,
                thresholdInh, newVShift, rateQ16, intensity, intensityMax, minSpikes, decision);
    }

    /** A copy with another decision rule. */
    public DeviceNetwork withDecision(int newDecision) {
        return new DeviceNetwork(inputs, neurons, classes, weights, weightMax, threshold, inhibition, vFloor,
                labels, steps, leakExcQ16, leakInhQ16, refractoryExc, refractoryInh, wExcToInh, thresholdInh,
                vShift, rateQ16, intensity, intensityMax, minSpikes, newDecision);
    }

    @Override
    public String toString() {
        return "DeviceNetwork[" + inputs + " inputs, " + neurons + " neurons, " + classes + " classes, weight_max "
                + weightMax + ", steps " + steps + ", rate " + Arrays.toString(Arrays.copyOf(rateQ16, 4)) + "...]";
    }
}
