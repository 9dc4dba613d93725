package snn.trainer;

import snn.protocol.model.LoopParams;

/**
 * Integer constants derived once from {@link TrainParams}; nothing after this point uses floating point.
 *
 * <p>Units: a weight is an integer in [0, {@link #WEIGHT_MAX}] standing for [0, 1]. The excitatory
 * membrane is counted in weight units (one input spike through weight w adds w), so 1 mV is
 * {@code WEIGHT_MAX / epspMv} membrane units. The inhibitory membrane is counted in microvolts.
 * Traces and decay factors are Q0.16 fractions (65536 = 1.0).
 */
public final class Derived {
    public static final int WEIGHT_MAX = 65535;
    public static final int Q16 = 65536;

    public final int steps;
    public final int leakExcQ16;
    public final int leakInhQ16;
    public final int thresholdExc;
    public final int vFloor;
    public final int inhibition;
    public final int refractoryExc;
    public final int refractoryInh;
    public final int thresholdInh;
    public final int wExcToInh;
    public final int thetaPlus;
    /** Fraction of theta lost per presentation, Q0.32. */
    public final long thetaDecayQ32;
    public final int[] rateQ16 = new int[256];
    /** Trace value {@code dt} steps after a spike, Q0.16, for dt in [0, steps). */
    public final int[] preTrace;
    public final int[] post1Trace;
    public final int[] post2Trace;
    /** nu_post * WEIGHT_MAX in Q.16 (LTP per unit pre trace). */
    public final long nuPostW;
    /** nu_post_final * WEIGHT_MAX in Q.16, the LTP rate at the last training image. */
    public final long nuPostFinalW;
    /** nu_pre * WEIGHT_MAX in Q.16 (LTD per unit post trace). */
    public final long nuPreW;
    /** Synaptic scaling target in weight units (the L1 sum or the L2 norm); {@link AutoTargetNorm} moves it. */
    public long targetNorm;

    public Derived(TrainParams p) {
        if (Double.isNaN(p.nuPost) || Double.isNaN(p.thetaInference) || Double.isNaN(p.thetaPlusMv)
                || Double.isNaN(p.inhibitionMv) || Double.isNaN(p.rateAtIntensity1Hz) || p.intensity == 0) {
            throw new IllegalStateException("TrainParams has defaults left to derive: call Defaults.resolve first");
        }
        double dt = p.dtMs;
        steps = positive("presentation_ms/dt_ms", Math.round(p.presentationMs / dt));
        double mv = WEIGHT_MAX / p.epspMv;
        leakExcQ16 = decayQ16(dt, p.tauExcMs);
        leakInhQ16 = decayQ16(dt, p.tauInhMs);
        thresholdExc = (int) Math.round(p.thresholdExcMv * mv);
        vFloor = (int) Math.round(p.vFloorMv * mv);
        inhibition = (int) Math.round(p.inhibitionMv * mv);
        refractoryExc = (int) Math.round(p.refractoryExcMs / dt);
        refractoryInh = (int) Math.round(p.refractoryInhMs / dt);
        thresholdInh = (int) Math.round(p.thresholdInhMv * 1000);
        wExcToInh = (int) Math.round(p.excToInhMv * 1000);
        thetaPlus = p.adaptiveThreshold ? (int) Math.round(p.thetaPlusMv * mv) : 0;
        thetaDecayQ32 = Math.round((1 - Math.exp(-p.presentationMs / p.tauThetaMs)) * 4294967296.0);
        for (int px = 0; px < 256; px++) {
            rateQ16[px] = (int) Math.min(65535, Math.round(px / 255.0 * p.rateAtIntensity1Hz * dt / 1000.0 * Q16));
        }
        preTrace = traceTable(steps, dt, p.tauPreMs);
        post1Trace = traceTable(steps, dt, p.tauPost1Ms);
        post2Trace = traceTable(steps, dt, p.tauPost2Ms);
        nuPostW = Math.round(p.nuPost * WEIGHT_MAX * Q16);
        nuPostFinalW = Double.isNaN(p.nuPostFinal) ? nuPostW : Math.round(p.nuPostFinal * WEIGHT_MAX * Q16);
        nuPreW = Math.round(p.nuPre * WEIGHT_MAX * Q16);
        targetNorm = Math.round(p.effectiveTargetNorm() * WEIGHT_MAX);
        if (thresholdExc <= 0 || inhibition < 0 || vFloor > 0) {
            throw new IllegalArgumentException("threshold_exc_mv must be > 0, inhibition_mv >= 0, v_floor_mv <= 0");
        }
    }

    private static int positive(String what, long v) {
        if (v < 1 || v > 65535) {
            throw new IllegalArgumentException(what + " gives " + v + " steps; allowed 1..65535");
        }
        return (int) v;
    }

    /** Fraction lost per step of an exponential decay, Q0.16. */
    static int decayQ16(double dtMs, double tauMs) {
        return (int) Math.round((1 - Math.exp(-dtMs / tauMs)) * Q16);
    }

    static int[] traceTable(int steps, double dtMs, double tauMs) {
        int[] t = new int[steps];
        for (int k = 0; k < steps; k++) {
            t[k] = (int) Math.round(Math.exp(-k * dtMs / tauMs) * Q16);
        }
        return t;
    }

    /** The inference loop's constants, as stored in the model and read by the device. */
    public LoopParams loopParams(TrainParams p, int decision) {
        LoopParams.Builder b = LoopParams.newBuilder()
                .setSteps(steps).setWeightMax(WEIGHT_MAX).setLeakExcQ16(leakExcQ16).setLeakInhQ16(leakInhQ16)
                .setRefractoryExc(refractoryExc).setRefractoryInh(refractoryInh).setVFloor(vFloor)
                .setWInhToExc(inhibition).setWExcToInh(wExcToInh).setThresholdInh(thresholdInh)
                .setIntensity(p.intensity).setIntensityMax(p.intensityMax).setMinSpikes(p.minSpikes)
                .setVShift(0).setDecision(decision);
        for (int v : rateQ16) {
            b.addRateQ16(v);
        }
        return b.build();
    }
}
