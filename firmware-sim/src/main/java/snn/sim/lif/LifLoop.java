package snn.sim.lif;

/**
 * The device's inference loop: the reference kernel that docs/device-spec.md describes and the C
 * firmware mirrors line for line. One instance per thread; it owns the state arrays.
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
 */
public final class LifLoop {
    private final DeviceNetwork net;
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
        this.net = net;
        int n = net.neurons;
        v = new int[n];
        vInh = new int[n];
        ref = new int[n];
        refInh = new int[n];
        acc = new int[n];
        excSpiked = new boolean[n];
        inhSpiked = new boolean[n];
        counts = new int[n];
        activeInput = new int[net.inputs];
        activeProb = new int[net.inputs];
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
        final int n = d.neurons;
        final int[] w = d.weights;
        rng.reseed(imageSeed);
        int steps = 0;
        int presentations = 0;
        int total = 0;
        for (int s = d.intensity; s <= d.intensityMax; s++) {
            presentations++;
            resetState();
            int active = 0;
            for (int i = 0; i < d.inputs; i++) {
                int p = Math.min(65535, d.rateQ16[pixels[offset + i] & 0xFF] * s);
                if (p > 0) {
                    activeInput[active] = i;
                    activeProb[active++] = p;
                }
            }
            int inhPrev = 0;
            total = 0;
            for (int t = 0; t < d.steps; t++) {
                // 1. input spikes and synaptic accumulation
                java.util.Arrays.fill(acc, 0);
                for (int a = 0; a < active; a++) {
                    if ((rng.next() >>> 16) < activeProb[a]) {
                        int base = activeInput[a] * n;
                        for (int j = 0; j < n; j++) {
                            acc[j] += w[base + j];
                        }
                        synapticEvents += n;
                    }
                }
                // 3. excitatory neurons
                for (int j = 0; j < n; j++) {
                    if (ref[j] > 0) {
                        ref[j]--;
                        excSpiked[j] = false;
                        continue;
                    }
                    long x = (long) Rounding.leak(v[j], d.leakExcQ16) + ((long) acc[j] << d.vShift)
                            - (long) (inhPrev - (inhSpiked[j] ? 1 : 0)) * d.inhibition[j];
                    if (strict && x > Integer.MAX_VALUE) {
                        throw new ArithmeticException("membrane overflow: neuron " + j + " step " + t
                                + " presentation " + presentations + " value " + x + " > INT32_MAX");
                    }
                    int vj = Rounding.clampToFloor(x, d.vFloor[j]);
                    if (vj > d.threshold[j]) {
                        excSpiked[j] = true;
                        counts[j]++;
                        total++;
                        v[j] = 0;
                        ref[j] = d.refractoryExc;
                    } else {
                        excSpiked[j] = false;
                        v[j] = vj;
                    }
                }
                // 4. inhibitory neurons
                int inhNow = 0;
                for (int j = 0; j < n; j++) {
                    if (refInh[j] > 0) {
                        refInh[j]--;
                        inhSpiked[j] = false;
                        continue;
                    }
                    int y = Rounding.leak(vInh[j], d.leakInhQ16) + (excSpiked[j] ? d.wExcToInh : 0);
                    if (y > d.thresholdInh) {
                        inhSpiked[j] = true;
                        inhNow++;
                        vInh[j] = 0;
                        refInh[j] = d.refractoryInh;
                    } else {
                        inhSpiked[j] = false;
                        vInh[j] = y;
                    }
                }
                inhPrev = inhNow;
                steps++;
                if (sink != null) {
                    sink.step(presentations - 1, t, v, vInh, excSpiked, inhSpiked);
                }
            }
            if (total >= d.minSpikes) {
                break;
            }
        }
        result.counts = counts;
        result.steps = steps;
        result.presentations = presentations;
        result.totalSpikes = total;
        result.label = Decision.decide(d.decision, counts, d.labels, d.classes);
        return result;
    }

    private void resetState() {
        java.util.Arrays.fill(v, 0);
        java.util.Arrays.fill(vInh, 0);
        java.util.Arrays.fill(ref, 0);
        java.util.Arrays.fill(refInh, 0);
        java.util.Arrays.fill(counts, 0);
        java.util.Arrays.fill(excSpiked, false);
        java.util.Arrays.fill(inhSpiked, false);
    }
}
