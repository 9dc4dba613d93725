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
 * <p>Steps 2 to 4 live in {@link LifNeurons}, the one home of the neuron dynamics, which the trainer
 * steps through too. Two shortcuts here make step 1 fast without changing any result (the tests
 * compare every state trace with a plain transcription of the pseudo-code above):
 * <ul>
 *   <li>Step 1's draws are made by {@link InputDraws} for the whole presentation before its first
 *       step, listing each step's spiking inputs; all steps draw side by side, each from its own place
 *       in the stream, in a loop the JIT vectorises. Each step then adds its listed rows. Every draw
 *       is the pseudo-code's draw at the pseudo-code's position.</li>
 *   <li>For weights up to 255 (every device image), two neurons share one int: neuron k in the low
 *       16 bits, neuron k + half in the high 16 bits. At most 65535 / weightMax rows are added before
 *       the lanes are emptied into {@code acc}, so no lane ever carries into the next; the sums are exact.</li>
 * </ul>
 */
public final class LifLoop {
    private final DeviceNetwork net;
    private final int n;
    private final LifNeurons neurons;
    private final int[] acc;
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
    private final Xorshift32 rng = new Xorshift32(0);
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
        neurons = LifNeurons.of(net);
        activeInput = new int[net.inputs];
        activeProb = new int[net.inputs];
        draws = new InputDraws(net.inputs, net.steps, drawBufferMax);
        drawBuf = draws.buffer();
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
        neurons.strict(on);
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
        final LifNeurons pop = neurons;
        rng.reseed(imageSeed);
        int state = rng.state();
        int steps = 0;
        int presentations = 0;
        int total = 0;
        for (int s = d.intensity; s <= d.intensityMax; s++) {
            presentations++;
            pop.reset();
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
                total += step(base, rows, inhPrev, t, presentations);
                inhPrev = pop.inhibitorySpikes();
                steps++;
                if (sink != null) {
                    sink.step(presentations - 1, t, pop.v, pop.vInh, pop.excSpiked, pop.inhSpiked);
                }
            }
            if (total >= d.minSpikes) {
                break;
            }
        }
        rng.setState(state);
        result.counts = pop.counts;
        result.steps = steps;
        result.presentations = presentations;
        result.totalSpikes = total;
        result.label = Decision.decide(d.decision, pop.counts, d.labels, d.classes);
        return result;
    }

    /**
     * Step 1 (the sums of the listed rows), then steps 2 to 4 in {@link LifNeurons}; returns the
     * excitatory spikes. A method of its own, called every step, so that the JIT compiles it fully
     * early on instead of running the caller's loop in profiled code.
     */
    private int step(int base, int rows, int inhPrev, int t, int presentations) {
        synapticEvents += (long) rows * n;
        if (lanes != null) {
            accumulateLanes(base, rows);
        } else {
            RowSums.sum(wideRows, drawBuf, base, rows, acc, n);
        }
        return neurons.step(acc, inhPrev, t, presentations, null);
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
}
