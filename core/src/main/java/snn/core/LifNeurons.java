package snn.core;

import java.util.Arrays;

/**
 * The two populations of the device loop and steps 2 to 4 of one time step (docs/device-spec.md,
 * "One presentation"): given the summed input {@code acc}, update every excitatory neuron, then every
 * inhibitory one. This is the one home of the neuron dynamics: the device loop ({@link LifLoop}) and
 * the trainer both step through it; the trainer adds plasticity through a {@link SpikeHook} and moves
 * thresholds between steps.
 *
 * <pre>
 *   2. inh = number of inhibitory spikes at step t-1
 *   3. for j ascending: excitatory neuron j
 *        if ref[j] &gt; 0: ref[j] -= 1, no spike
 *        else x = leak(v[j], leakExc) + (acc[j] &lt;&lt; vShift) - (inh - inhSpiked[j]) * inhibition[j]   (64-bit)
 *             v[j] = clamp(x, vFloor[j], INT32_MAX)
 *             if v[j] &gt; threshold[j]: spike, counts[j] += 1, v[j] = 0, ref[j] = refractoryExc, hook(j, t)
 *   4. for j ascending: inhibitory neuron j
 *        if refInh[j] &gt; 0: refInh[j] -= 1, no spike
 *        else vInh[j] = leak(vInh[j], leakInh) + (excSpiked[j] ? wExcToInh : 0)
 *             if vInh[j] &gt; thresholdInh: spike, vInh[j] = 0, refInh[j] = refractoryInh
 * </pre>
 *
 * <p>Two shortcuts make it fast without changing any result (tests compare every state of every
 * step with a plain transcription of the pseudo-code):
 * <ul>
 *   <li>Step 4 visits only inhibitory neurons that can change: one that is at rest (vInh = 0, not
 *       refractory) and whose partner did not spike computes leak(0) + 0 = 0, which never exceeds
 *       thresholdInh &gt;= 0, so it stays at rest without a spike. The order of step 4 does not matter:
 *       each inhibitory neuron reads only its own state and its partner's spike.</li>
 *   <li>Step 3 runs in 32-bit arithmetic over all neurons in vectorisable loops, then fixes
 *       refractory and spiking ones, whenever the bounds of {@link #excitatoryFast} prove that exact
 *       (in practice always); otherwise it takes the pseudo-code's 64-bit path.</li>
 * </ul>
 * The hook sees spikes in ascending j on both paths; a hook may raise j's own threshold
 * ({@link #raiseThreshold}), which step 3 has already compared.
 */
public final class LifNeurons {
    /** Called for every excitatory spike, in ascending neuron order, as it happens in step 3. */
    public interface SpikeHook {
        void excitatorySpike(int j, int t);
    }

    // parameters
    private final int n;
    /** Per-neuron threshold; the owner may change it between steps (see raiseThreshold, thresholdsChanged). */
    private final int[] threshold;
    private final int[] inhibition;
    private final int[] vFloor;
    private final int leakExcQ16;
    private final int leakInhQ16;
    private final int refractoryExc;
    private final int refractoryInh;
    private final int wExcToInh;
    private final int thresholdInh;
    private final int vShift;
    /** The most one step can add to a membrane: inputs * weightMax * 2^vShift. */
    private final long reach;

    // derived bounds of the 32-bit path
    /** True when threshold[j] + reach &lt;= INT32_MAX for every j (see excitatoryFast). */
    private boolean intPathExact;
    /** The most inhibitory spikes for which vFloor[j] - spikes * inhibition[j] &gt;= INT32_MIN for every j. */
    private final long inhFastMax;

    // state (public arrays are read by trace sinks and the trainer; only this class writes them)
    public final int[] v;
    public final int[] vInh;
    public final int[] ref;
    public final int[] refInh;
    public final boolean[] excSpiked;
    public final boolean[] inhSpiked;
    /** Excitatory spikes per neuron since the last reset. */
    public final int[] counts;
    /** Inhibitory neurons not at rest, in no particular order, and membership flags. */
    private final int[] inhBusy;
    private final boolean[] inhListed;
    private int inhBusyCount;
    /** Excitatory spikers of the current step; inhibitory spikers of the previous step. */
    private final int[] excSpikers;
    private final int[] inhSpikers;
    private int inhSpikeCount;
    private int excSpikeCount;
    /** Excitatory neurons that may be refractory (ref &gt; 0), no duplicates; entries with ref = 0 are dropped lazily. */
    private final int[] refList;
    private final boolean[] refListed;
    private int refCount;
    private boolean strict;

    /** The populations of a device network (its arrays are shared, not copied). */
    public static LifNeurons of(DeviceNetwork net) {
        return new LifNeurons(net.neurons, net.threshold, net.inhibition, net.vFloor, net.leakExcQ16, net.leakInhQ16,
                net.refractoryExc, net.refractoryInh, net.wExcToInh, net.thresholdInh, net.vShift,
                ((long) net.inputs * net.weightMax) << net.vShift);
    }

    /**
     * @param threshold per-neuron threshold, owned by the caller, who may change it between steps and
     *                  must then call {@link #raiseThreshold} or {@link #thresholdsChanged}
     * @param reach     the most one step's summed input can add to a membrane, {@code inputs * weightMax * 2^vShift}
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    public LifNeurons(int n, int[] threshold, int[] inhibition, int[] vFloor, int leakExcQ16, int leakInhQ16,
                      int refractoryExc, int refractoryInh, int wExcToInh, int thresholdInh, int vShift, long reach) {
        this.n = n;
        this.threshold = threshold;
        this.inhibition = inhibition;
        this.vFloor = vFloor;
        this.leakExcQ16 = leakExcQ16;
        this.leakInhQ16 = leakInhQ16;
        this.refractoryExc = refractoryExc;
        this.refractoryInh = refractoryInh;
        this.wExcToInh = wExcToInh;
        this.thresholdInh = thresholdInh;
        this.vShift = vShift;
        this.reach = reach;
        v = new int[n];
        vInh = new int[n];
        ref = new int[n];
        refInh = new int[n];
        excSpiked = new boolean[n];
        inhSpiked = new boolean[n];
        counts = new int[n];
        inhBusy = new int[n];
        inhListed = new boolean[n];
        excSpikers = new int[n];
        inhSpikers = new int[n];
        refList = new int[n];
        refListed = new boolean[n];
        long most = Long.MAX_VALUE;
        for (int j = 0; j < n; j++) {
            if (inhibition[j] > 0) {
                most = Math.min(most, ((long) vFloor[j] - Integer.MIN_VALUE) / inhibition[j]);
            }
        }
        inhFastMax = most;
        thresholdsChanged();
    }

    /** In strict mode, a membrane value that would pass INT32_MAX is an error instead of saturating. */
    public void strict(boolean on) {
        strict = on;
    }

    /** Re-derives the 32-bit path's bound after the caller changed any thresholds. */
    public void thresholdsChanged() {
        boolean exact = true;
        for (int j = 0; j < n; j++) {
            exact &= threshold[j] + reach <= Integer.MAX_VALUE;
        }
        intPathExact = exact;
    }

    /** threshold[j] += delta (delta &gt;= 0), keeping the 32-bit path's bound. */
    public void raiseThreshold(int j, int delta) {
        int t = threshold[j] + delta;
        threshold[j] = t;
        intPathExact &= t + reach <= Integer.MAX_VALUE;
    }

    /** Inhibitory spikes of the last step. */
    public int inhibitorySpikes() {
        return inhSpikeCount;
    }

    /** Every neuron at rest: v = vInh = ref = refInh = counts = 0, no spikes "at step -1". */
    public void reset() {
        Arrays.fill(v, 0);
        Arrays.fill(vInh, 0);
        Arrays.fill(ref, 0);
        Arrays.fill(refInh, 0);
        Arrays.fill(counts, 0);
        Arrays.fill(excSpiked, false);
        Arrays.fill(inhSpiked, false);
        Arrays.fill(inhListed, false);
        Arrays.fill(refListed, false);
        refCount = 0;
        excSpikeCount = 0;
        inhBusyCount = 0;
        inhSpikeCount = 0;
    }

    /**
     * Steps 2 to 4 of step t with the summed input {@code acc} (at least n entries, read only); returns
     * the number of excitatory spikes ({@link #inhibitorySpikes()} has the inhibitory ones).
     *
     * @param inhPrev the inhibitory spikes of step t-1 (0 at t = 0 of a presentation)
     * @param hook    told of every excitatory spike, or null
     */
    public int step(int[] acc, int inhPrev, int t, int presentation, SpikeHook hook) {
        int spikers;
        if (intPathExact && inhPrev <= inhFastMax) {
            spikers = excitatoryFast(inhPrev == 0 ? membranes(acc) : membranesInhibited(acc, inhPrev), t, hook);
        } else {
            spikers = excitatory(acc, inhPrev, t, presentation, hook);
        }
        inhibitory(spikers);
        return spikers;
    }

    /**
     * Step 3's membrane update without inhibition over all neurons, in one loop the JIT vectorises
     * (about 3x faster than blocks with a flag each, which it leaves scalar); returns the flag of
     * {@link #excitatoryFast}.
     */
    private int membranes(int[] a) {
        final int k = leakExcQ16;
        final int shift = vShift;
        final int[] vv = v;
        final int[] thr = threshold;
        int flag = 0;
        for (int j = 0; j < n; j++) {
            int x = vv[j];
            int y = x - ((x >> 16) * k + (((x & 0xFFFF) * k + 32768) >>> 16)) + (a[j] << shift);
            vv[j] = y;
            flag |= thr[j] - y;
        }
        return flag;
    }

    /**
     * As {@link #membranes} after {@code inh} inhibitory spikes: each neuron loses inh * inhibition[j],
     * one fewer when its own partner spiked, then is clamped to its floor (all in vectorisable loops).
     */
    private int membranesInhibited(int[] a, int inh) {
        final int k = leakExcQ16;
        final int shift = vShift;
        final int[] vv = v;
        final int[] w = inhibition;
        for (int j = 0; j < n; j++) {
            int x = vv[j];
            vv[j] = x - ((x >> 16) * k + (((x & 0xFFFF) * k + 32768) >>> 16)) + (a[j] << shift) - inh * w[j];
        }
        for (int q = 0; q < inhSpikeCount; q++) {
            int j = inhSpikers[q];
            vv[j] += w[j];
        }
        final int[] floor = vFloor;
        final int[] thr = threshold;
        int flag = 0;
        for (int j = 0; j < n; j++) {
            int y = Math.max(vv[j], floor[j]);
            vv[j] = y;
            flag |= thr[j] - y;
        }
        return flag;
    }

    /**
     * Step 3 in 32-bit arithmetic, when {@link #intPathExact} and at most {@link #inhFastMax}
     * inhibitory neurons spiked at t-1: every membrane has taken its update ({@link #membranes} or
     * {@link #membranesInhibited}, which return {@code flag}, the OR of threshold - v, whose sign
     * flags a possible spike); this fixes the few neurons that are refractory or above threshold.
     * Exact because (a) v[j] lies in [vFloor[j], threshold[j]] after every step, leak never moves it
     * away from 0 and acc &gt;= 0, so x lies in [vFloor[j] - inh * inhibition[j], threshold[j] + reach],
     * inside int32 by {@link #intPathExact} and {@link #inhFastMax}, so the 32-bit sum (wrapping or
     * not on the way) is the exact one and only the floor clamp can bite; (b) leak is split as
     * round(v*k/2^16) = (v &gt;&gt; 16)*k + (((v &amp; 0xFFFF)*k + 2^15) &gt;&gt;&gt; 16), whose parts fit 32 bits;
     * (c) a refractory neuron always holds v = 0 (it was reset when it spiked), so writing 0 back
     * undoes the update it must not take. False alarms of the flag (threshold - v wrapping) are
     * re-checked exactly; true spikes can't wrap. A threshold raised by the hook during the scan
     * belongs to a neuron already compared (ascending j), and a raised threshold only lowers the
     * flag's false alarms at the next step, where it is recomputed.
     */
    private int excitatoryFast(int flag, int t, SpikeHook hook) {
        final int[] vv = v;
        final int[] thr = threshold;
        final int nn = n;
        for (int q = 0; q < excSpikeCount; q++) {
            excSpiked[excSpikers[q]] = false;
        }
        // refractory neurons take no update: their v was 0, put it back, and count down
        for (int q = 0; q < refCount; q++) {
            int j = refList[q];
            if (ref[j] > 0) {
                ref[j]--;
                vv[j] = 0;
            }
            if (ref[j] == 0) {
                refListed[j] = false;
                refList[q--] = refList[--refCount];
            }
        }
        int spikers = 0;
        if (flag < 0) {
            for (int j = 0; j < nn; j++) {
                if (vv[j] > thr[j]) {
                    spikers = spike(j, spikers, t, hook);
                }
            }
        }
        excSpikeCount = spikers;
        return spikers;
    }

    /** Neuron j spikes: flag, list, count, reset, start its refractory period, tell the hook. */
    private int spike(int j, int spikers, int t, SpikeHook hook) {
        excSpiked[j] = true;
        excSpikers[spikers] = j;
        counts[j]++;
        v[j] = 0;
        int r = refractoryExc;
        ref[j] = r;
        if (r > 0 && !refListed[j]) {
            refListed[j] = true;
            refList[refCount++] = j;
        }
        if (hook != null) {
            hook.excitatorySpike(j, t);
        }
        return spikers + 1;
    }

    /** Steps 2 and 3 as the pseudo-code says, in 64-bit arithmetic; returns the excitatory spikes. */
    private int excitatory(int[] acc, int inhPrev, int t, int presentation, SpikeHook hook) {
        final int leak = leakExcQ16;
        final int shift = vShift;
        final int[] thr = threshold;
        final int[] inh = inhibition;
        final int[] floor = vFloor;
        int spikers = 0;
        for (int j = 0; j < n; j++) {
            if (ref[j] > 0) {
                ref[j]--;
                excSpiked[j] = false;
                continue;
            }
            long x = (long) Rounding.leak(v[j], leak) + ((long) acc[j] << shift);
            if (inhPrev != 0) {
                x -= (long) (inhPrev - (inhSpiked[j] ? 1 : 0)) * inh[j];
            }
            if (strict && x > Integer.MAX_VALUE) {
                throw new ArithmeticException("membrane overflow: neuron " + j + " step " + t
                        + " presentation " + presentation + " value " + x + " > INT32_MAX");
            }
            int vj = Rounding.clampToFloor(x, floor[j]);
            if (vj > thr[j]) {
                spikers = spike(j, spikers, t, hook);
            } else {
                excSpiked[j] = false;
                v[j] = vj;
            }
        }
        excSpikeCount = spikers;
        return spikers;
    }

    /** Step 4 over the inhibitory neurons that are not at rest; returns the number of inhibitory spikes. */
    private int inhibitory(int excSpikes) {
        // last step's inhibitory spikes are over
        for (int k = 0; k < inhSpikeCount; k++) {
            inhSpiked[inhSpikers[k]] = false;
        }
        for (int k = 0; k < excSpikes; k++) {
            int j = excSpikers[k];
            if (!inhListed[j]) {
                inhListed[j] = true;
                inhBusy[inhBusyCount++] = j;
            }
        }
        int spikes = 0;
        for (int k = 0; k < inhBusyCount; k++) {
            int j = inhBusy[k];
            if (refInh[j] > 0) {
                refInh[j]--;
            } else {
                int y = Rounding.leak(vInh[j], leakInhQ16) + (excSpiked[j] ? wExcToInh : 0);
                if (y > thresholdInh) {
                    inhSpiked[j] = true;
                    inhSpikers[spikes++] = j;
                    vInh[j] = 0;
                    refInh[j] = refractoryInh;
                } else {
                    vInh[j] = y;
                }
            }
            if (vInh[j] == 0 && refInh[j] == 0 && !inhSpiked[j]) {
                inhListed[j] = false;
                inhBusy[k--] = inhBusy[--inhBusyCount];
            }
        }
        inhSpikeCount = spikes;
        return spikes;
    }
}
