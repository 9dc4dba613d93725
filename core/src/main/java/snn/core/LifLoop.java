package snn.core;

import java.util.Arrays;

/**
 * The device's inference loop: the reference kernel that docs/device-spec.md describes and the C
 * firmware mirrors. One instance per thread; it owns the state arrays.
 *
 * <pre>
 * per presentation, intensity s = intensity .. intensityMax:
 *   v = vInh = ref = refInh = counts = 0, no inhibitory spikes "at step -1"
 *   p[i] = min(65535, rateQ16[pixel[i]] * s)            inputs with p[i] = 0 draw no random numbers
 *   for t in 0 .. steps-1:
 *     1. acc[j] = sum over inputs i (ascending, p[i] &gt; 0, (next() &gt;&gt;&gt; 16) &lt; p[i]) of w[i][j]
 *     2. inh = number of inhibitory spikes at step t-1
 *     3. for j ascending: excitatory neuron j
 *          if ref[j] &gt; 0: ref[j] -= 1, no spike
 *          else x = leak(v[j], leakExc) + (acc[j] &lt;&lt; vShift) - (inh - inhSpiked[j]) * inhibition[j]   (64-bit)
 *               v[j] = clamp(x, vFloor[j], INT32_MAX)
 *               if v[j] &gt; threshold[j]: spike, counts[j] += 1, v[j] = 0, ref[j] = refractoryExc
 *     4. for j ascending: inhibitory neuron j
 *          if refInh[j] &gt; 0: refInh[j] -= 1, no spike
 *          else vInh[j] = leak(vInh[j], leakInh) + (excSpiked[j] ? wExcToInh : 0)
 *               if vInh[j] &gt; thresholdInh: spike, vInh[j] = 0, refInh[j] = refractoryInh
 *   stop when sum(counts) &gt;= minSpikes or s == intensityMax; the random stream is not reseeded
 * </pre>
 * The class is then chosen from the last presentation's counts by {@link Decision}.
 *
 * <p>Four shortcuts make it fast without changing any result (the tests compare every state trace
 * with a plain transcription of the pseudo-code above):
 * <ul>
 *   <li>Step 1's draws are made by {@link InputDraws} for the whole presentation before its first
 *       step, listing each step's spiking inputs; all steps draw side by side, each from its own place
 *       in the stream, in a loop the JIT vectorises. Each step then adds its listed rows. Every draw
 *       is the pseudo-code's draw at the pseudo-code's position.</li>
 *   <li>For weights up to 255 (every device image), two neurons share one int: neuron k in the low
 *       16 bits, neuron k + half in the high 16 bits. At most 65535 / weightMax rows are added before
 *       the lanes are emptied into {@code acc}, so no lane ever carries into the next; the sums are exact.</li>
 *   <li>Step 4 visits only inhibitory neurons that can change: one that is at rest (vInh = 0, not
 *       refractory) and whose partner did not spike computes leak(0) + 0 = 0, which never exceeds
 *       thresholdInh &gt;= 0, so it stays at rest without a spike. The order of step 4 does not matter:
 *       each inhibitory neuron reads only its own state and its partner's spike.</li>
 *   <li>Step 3 runs in 32-bit arithmetic over all neurons in vectorisable loops, then fixes
 *       refractory and spiking ones, whenever the bounds of {@link #excitatoryFast} prove that exact
 *       (in practice always); otherwise it takes the pseudo-code's 64-bit path.</li>
 * </ul>
 */
public final class LifLoop {
    private final DeviceNetwork net;
    private final int n;
    private final int[] v;
    private final int[] vInh;
    private final int[] ref;
    private final int[] refInh;
    private final int[] acc;
    private final boolean[] excSpiked;
    private final boolean[] inhSpiked;
    private final int[] counts;
    private final int[] activeInput;
    private final int[] activeProb;
    /** Step 1's input spikes, and their buffer (drawn per presentation; see InputDraws). */
    private final InputDraws draws;
    private final int[] drawBuf;
    /** Per input row: two 16-bit lanes per int (see class comment), or null when weights exceed 255. */
    private final int[][] lanes;
    /** Per input row: the plain weights, when weights exceed 255. Rows are separate arrays so that the
     *  JIT sees {@code acc[k] += row[k]} with one index and vectorises it. */
    private final int[][] wideRows;
    private final int[] laneAcc;
    private final int half;
    private final int rowsPerFlush;
    /** True when threshold[j] + inputs*weightMax*2^vShift &lt;= INT32_MAX for every j (see excitatoryFast). */
    private final boolean intPathExact;
    /** The most inhibitory spikes for which vFloor[j] - spikes * inhibition[j] &gt;= INT32_MIN for every j. */
    private final long inhFastMax;
    /** Inhibitory neurons not at rest, in no particular order, and membership flags. */
    private final int[] inhBusy;
    private final boolean[] inhListed;
    private int inhBusyCount;
    /** Excitatory spikers of the current step; inhibitory spikers of the previous step. */
    private final int[] excSpikers;
    private final int[] inhSpikers;
    private final Xorshift32 rng = new Xorshift32(0);
    private boolean strict;
    private long synapticEvents;

    /** Receives every state trace of every step (golden vectors, cross-checks); null for none. */
    public interface TraceSink {
        void step(int presentation, int t, int[] v, int[] vInh, boolean[] excSpiked, boolean[] inhSpiked);
    }

    /** What one image produced. The arrays belong to the loop and are overwritten by the next run. */
    public static final class Result {
        public int[] counts;
        public int label;
        public int steps;
        public int presentations;
        public int totalSpikes;
    }

    private final Result result = new Result();

    public LifLoop(DeviceNetwork net) {
        this(net, InputDraws.BUFFER_MAX);
    }

    /** With the draw buffer capped at {@code drawBufferMax} ints (at least one step's worth), for tests of the unbuffered path. */
    LifLoop(DeviceNetwork net, int drawBufferMax) {
        this.net = net;
        n = net.neurons;
        v = new int[n];
        vInh = new int[n];
        ref = new int[n];
        refInh = new int[n];
        excSpiked = new boolean[n];
        inhSpiked = new boolean[n];
        counts = new int[n];
        activeInput = new int[net.inputs];
        activeProb = new int[net.inputs];
        draws = new InputDraws(net.inputs, net.steps, drawBufferMax);
        drawBuf = draws.buffer();
        inhBusy = new int[n];
        inhListed = new boolean[n];
        excSpikers = new int[n];
        refList = new int[n];
        refListed = new boolean[n];
        inhSpikers = new int[n];
        long reach = ((long) net.inputs * net.weightMax) << net.vShift;
        boolean exact = true;
        for (int j = 0; j < n; j++) {
            exact &= net.threshold[j] + reach <= Integer.MAX_VALUE;
        }
        intPathExact = exact;
        long most = Long.MAX_VALUE;
        for (int j = 0; j < n; j++) {
            if (net.inhibition[j] > 0) {
                most = Math.min(most, ((long) net.vFloor[j] - Integer.MIN_VALUE) / net.inhibition[j]);
            }
        }
        inhFastMax = most;
        half = (n + 1) / 2;
        acc = new int[2 * half];
        if (net.weightMax <= 255) {
            lanes = new int[net.inputs][half];
            wideRows = null;
            laneAcc = new int[half];
            rowsPerFlush = 65535 / net.weightMax;
            for (int i = 0; i < net.inputs; i++) {
                for (int k = 0; k < half; k++) {
                    int lo = net.weights[i * n + k];
                    int hi = k + half < n ? net.weights[i * n + k + half] : 0;
                    lanes[i][k] = lo | (hi << 16);
                }
            }
        } else {
            lanes = null;
            wideRows = new int[net.inputs][];
            for (int i = 0; i < net.inputs; i++) {
                wideRows[i] = Arrays.copyOfRange(net.weights, i * n, i * n + n);
            }
            laneAcc = null;
            rowsPerFlush = 0;
        }
    }

    /** In strict mode, a membrane value that would pass INT32_MAX is an error instead of saturating. */
    public LifLoop strict(boolean on) {
        this.strict = on;
        return this;
    }

    /** Input spikes times neurons, summed over every run since construction. */
    public long synapticEvents() {
        return synapticEvents;
    }

    public Result run(byte[] pixels, int offset, int imageSeed) {
        return run(pixels, offset, imageSeed, null);
    }

    public Result run(byte[] pixels, int offset, int imageSeed, TraceSink sink) {
        final DeviceNetwork d = net;
        rng.reseed(imageSeed);
        int state = rng.state();
        int steps = 0;
        int presentations = 0;
        int total = 0;
        for (int s = d.intensity; s <= d.intensityMax; s++) {
            presentations++;
            resetState();
            int active = PoissonInput.activeInputs(d.rateQ16, pixels, offset, d.inputs, s, activeInput, activeProb);
            int inhPrev = 0;
            total = 0;
            boolean buffered = draws.fits(d.steps, active);
            if (buffered) {
                state = draws.presentation(state, activeInput, activeProb, active, d.steps);
            }
            for (int t = 0; t < d.steps; t++) {
                // 1. input spikes: drawn for the whole presentation above, or here one step at a time
                int base = 0;
                int rows;
                if (buffered) {
                    base = t * active;
                    rows = draws.rows(t);
                } else {
                    state = draws.step(state, activeInput, activeProb, active);
                    rows = draws.rows(0);
                }
                int spikers = step(base, rows, inhPrev, t, presentations);
                total += spikers;
                inhPrev = inhSpikeCount;
                steps++;
                if (sink != null) {
                    sink.step(presentations - 1, t, v, vInh, excSpiked, inhSpiked);
                }
            }
            if (total >= d.minSpikes) {
                break;
            }
        }
        rng.setState(state);
        result.counts = counts;
        result.steps = steps;
        result.presentations = presentations;
        result.totalSpikes = total;
        result.label = Decision.decide(d.decision, counts, d.labels, d.classes);
        return result;
    }

    /**
     * Steps 1 (the sums of the listed rows) to 4 of one time step; returns the excitatory spikes and
     * leaves the inhibitory ones in inhSpikeCount. A method of its own, called every step, so that
     * the JIT compiles it fully early on instead of running the caller's loop in profiled code.
     */
    private int step(int base, int rows, int inhPrev, int t, int presentations) {
        synapticEvents += (long) rows * n;
        if (lanes != null) {
            accumulateLanes(base, rows);
        } else {
            accumulateWide(base, rows);
        }
        // 2./3. excitatory neurons
        int spikers;
        if (intPathExact && inhPrev <= inhFastMax) {
            spikers = excitatoryFast(inhPrev == 0 ? membranes() : membranesInhibited(inhPrev));
        } else {
            spikers = excitatory(inhPrev, t, presentations);
        }
        // 4. inhibitory neurons
        inhibitory(spikers);
        return spikers;
    }

    private void accumulateWide(int base, int rows) {
        final int[] a = acc;
        Arrays.fill(a, 0);
        int r = 0;
        for (; r + 4 <= rows; r += 4) {
            final int[] r0 = wideRows[drawBuf[base + r]];
            final int[] r1 = wideRows[drawBuf[base + r + 1]];
            final int[] r2 = wideRows[drawBuf[base + r + 2]];
            final int[] r3 = wideRows[drawBuf[base + r + 3]];
            for (int j = 0; j < n; j++) {
                a[j] += (r0[j] + r1[j]) + (r2[j] + r3[j]);
            }
        }
        for (; r < rows; r++) {
            final int[] row = wideRows[drawBuf[base + r]];
            for (int j = 0; j < n; j++) {
                a[j] += row[j];
            }
        }
    }

    private void accumulateLanes(int base, int rows) {
        final int[] l = laneAcc;
        final int h = half;
        Arrays.fill(acc, 0);
        int r = 0;
        while (r < rows) {
            int end = Math.min(rows, r + rowsPerFlush);
            Arrays.fill(l, 0);
            // four rows per pass over the lanes (a quarter of the loads and stores of l)
            for (; r + 4 <= end; r += 4) {
                final int[] r0 = lanes[drawBuf[base + r]];
                final int[] r1 = lanes[drawBuf[base + r + 1]];
                final int[] r2 = lanes[drawBuf[base + r + 2]];
                final int[] r3 = lanes[drawBuf[base + r + 3]];
                for (int k = 0; k < h; k++) {
                    l[k] += (r0[k] + r1[k]) + (r2[k] + r3[k]);
                }
            }
            for (; r < end; r++) {
                final int[] row = lanes[drawBuf[base + r]];
                for (int k = 0; k < h; k++) {
                    l[k] += row[k];
                }
            }
            for (int k = 0; k < h; k++) {
                acc[k] += l[k] & 0xFFFF;
            }
            for (int k = 0; k < h; k++) {
                acc[k + h] += l[k] >>> 16;
            }
        }
    }

    /**
     * Step 3's membrane update without inhibition over all neurons, in one loop the JIT vectorises
     * (about 3x faster than blocks with a flag each, which it leaves scalar); returns the flag of
     * {@link #excitatoryFast}.
     */
    private int membranes() {
        final int k = net.leakExcQ16;
        final int shift = net.vShift;
        final int[] vv = v;
        final int[] a = acc;
        final int[] thr = net.threshold;
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
     * As {@link #membranes()} after {@code inh} inhibitory spikes: each neuron loses inh * inhibition[j],
     * one fewer when its own partner spiked, then is clamped to its floor (all in vectorisable loops).
     */
    private int membranesInhibited(int inh) {
        final int k = net.leakExcQ16;
        final int shift = net.vShift;
        final int[] vv = v;
        final int[] a = acc;
        final int[] w = net.inhibition;
        for (int j = 0; j < n; j++) {
            int x = vv[j];
            vv[j] = x - ((x >> 16) * k + (((x & 0xFFFF) * k + 32768) >>> 16)) + (a[j] << shift) - inh * w[j];
        }
        for (int q = 0; q < inhSpikeCount; q++) {
            int j = inhSpikers[q];
            vv[j] += w[j];
        }
        final int[] floor = net.vFloor;
        final int[] thr = net.threshold;
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
     * away from 0 and acc &gt;= 0, so x lies in [vFloor[j] - inh * inhibition[j],
     * threshold[j] + inputs*weightMax*2^vShift], inside int32 by {@link #intPathExact} and
     * {@link #inhFastMax}, so the 32-bit sum (wrapping or not on the way) is the exact one and only
     * the floor clamp can bite; (b) leak is split as
     * round(v*k/2^16) = (v &gt;&gt; 16)*k + (((v &amp; 0xFFFF)*k + 2^15) &gt;&gt;&gt; 16), whose parts fit 32 bits;
     * (c) a refractory neuron always holds v = 0 (it was reset when it spiked), so writing 0 back
     * undoes the update it must not take. False alarms of the flag (threshold - v wrapping) are
     * re-checked exactly; true spikes can't wrap.
     */
    private int excitatoryFast(int flag) {
        final int[] vv = v;
        final int[] thr = net.threshold;
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
                    spikers = spike(j, spikers);
                }
            }
        }
        excSpikeCount = spikers;
        return spikers;
    }

    /** Neuron j spikes: flag, list, count, reset, start its refractory period. */
    private int spike(int j, int spikers) {
        excSpiked[j] = true;
        excSpikers[spikers] = j;
        counts[j]++;
        v[j] = 0;
        int r = net.refractoryExc;
        ref[j] = r;
        if (r > 0 && !refListed[j]) {
            refListed[j] = true;
            refList[refCount++] = j;
        }
        return spikers + 1;
    }

    /** Steps 2 and 3; returns the number of excitatory spikes and lists them in {@link #excSpikers}. */
    private int excitatory(int inhPrev, int t, int presentations) {
        final DeviceNetwork d = net;
        final int leak = d.leakExcQ16;
        final int shift = d.vShift;
        final int[] thr = d.threshold;
        final int[] inh = d.inhibition;
        final int[] floor = d.vFloor;
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
                        + " presentation " + presentations + " value " + x + " > INT32_MAX");
            }
            int vj = Rounding.clampToFloor(x, floor[j]);
            if (vj > thr[j]) {
                spikers = spike(j, spikers);
            } else {
                excSpiked[j] = false;
                v[j] = vj;
            }
        }
        excSpikeCount = spikers;
        return spikers;
    }

    /** Step 4 over the inhibitory neurons that are not at rest; returns the number of inhibitory spikes. */
    private int inhibitory(int excSpikeCount) {
        final DeviceNetwork d = net;
        // last step's inhibitory spikes are over
        for (int k = 0; k < inhSpikeCount; k++) {
            inhSpiked[inhSpikers[k]] = false;
        }
        for (int k = 0; k < excSpikeCount; k++) {
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
                int y = Rounding.leak(vInh[j], d.leakInhQ16) + (excSpiked[j] ? d.wExcToInh : 0);
                if (y > d.thresholdInh) {
                    inhSpiked[j] = true;
                    inhSpikers[spikes++] = j;
                    vInh[j] = 0;
                    refInh[j] = d.refractoryInh;
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

    private int inhSpikeCount;
    /** Excitatory spikes of the last step (the first entries of excSpikers). */
    private int excSpikeCount;
    /** Excitatory neurons that may be refractory (ref &gt; 0), no duplicates; entries with ref = 0 are dropped lazily. */
    private final int[] refList;
    private final boolean[] refListed;
    private int refCount;

    private void resetState() {
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
}
