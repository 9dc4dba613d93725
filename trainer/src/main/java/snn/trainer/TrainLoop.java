package snn.trainer;

import java.util.Arrays;
import snn.core.PoissonInput;
import snn.core.Rounding;
import snn.core.Xorshift32;

/**
 * One training presentation: the device loop of {@link snn.core.LifLoop}, step for step the same
 * dynamics, plus plasticity. Thresholds are {@code thresholdExc + theta[j]} and move while it runs.
 *
 * <p>Order inside a step t (the inference order, with the learning inserted):
 * <ol>
 *   <li>input spikes are drawn and their weight rows summed into acc (weights as they are now);</li>
 *   <li>LTD: for each input that spiked, every neuron that has spiked in this presentation loses
 *       {@code nu_pre * Y1}; then the input's pre trace is set to 1 (its spike time is t);</li>
 *   <li>excitatory update; on a spike of j: LTP of j's weights from every input that has spiked in
 *       this presentation ({@code nu_post * X}), theta[j] += thetaPlus, j's post traces set to 1;</li>
 *   <li>inhibitory update.</li>
 * </ol>
 * Traces are functions of the time since the last spike, so they are computed exactly from spike
 * times (event-driven) instead of being decayed at every step. All state resets between presentations
 * (the rest period of the original network lets everything decay back; resetting is its limit).
 * After the image: synaptic scaling of each neuron whose weights changed, then theta decay.
 */
final class TrainLoop {
    private final TrainParams p;
    private final Derived d;
    private final int n;
    private final int inputs;
    /** Input-major weight rows, {@code rows[i][j]}: one array per input, so the row sums vectorise. */
    final int[][] rows;
    final int[] theta;

    private final int[] v;
    private final int[] vInh;
    private final int[] ref;
    private final int[] refInh;
    private final int[] acc;
    private final boolean[] excSpiked;
    private final boolean[] inhSpiked;
    private final int[] tPre;
    private final int[] preList;
    private final int[] tPost;
    private final int[] postList;
    private final boolean[] changed;
    private final int[] changedList;
    private final int[] stepSpikes;
    /** Inhibitory neurons that are not at rest (vInh != 0 or refractory), and membership flags. */
    private final int[] inhBusy;
    private final boolean[] inhListed;
    private int inhBusyCount;
    private final int[] activeInput;
    private final int[] activeProb;
    private final Xorshift32 rng = new Xorshift32(0);

    /** Excitatory spikes in the last presentation of the last image. */
    int lastSpikes;

    TrainLoop(TrainParams p, Derived d, int inputs, int[][] rows, int[] theta) {
        this.p = p;
        this.d = d;
        this.n = p.neurons;
        this.inputs = inputs;
        this.rows = rows;
        this.theta = theta;
        this.nuPostW = d.nuPostW;
        v = new int[n];
        vInh = new int[n];
        ref = new int[n];
        refInh = new int[n];
        acc = new int[n];
        excSpiked = new boolean[n];
        inhSpiked = new boolean[n];
        tPre = new int[inputs];
        preList = new int[inputs];
        tPost = new int[n];
        postList = new int[n];
        changed = new boolean[n];
        changedList = new int[n];
        stepSpikes = new int[inputs];
        inhBusy = new int[n];
        inhListed = new boolean[n];
        activeInput = new int[inputs];
        activeProb = new int[inputs];
        Arrays.fill(tPre, -1);
        Arrays.fill(tPost, -1);
    }

    /** The LTP rate of the current image (nu_post * WEIGHT_MAX in Q.16), set by the trainer's schedule. */
    long nuPostW;

    void train(byte[] pixels, int offset, int imageSeed) {
        rng.reseed(imageSeed);
        int state = rng.state();
        final int[][] rows = this.rows;
        final int n = this.n;
        final int[] acc = this.acc;
        int changedCount = 0;
        int total = 0;
        for (int s = p.intensity; s <= p.intensityMax; s++) {
            Arrays.fill(v, 0);
            Arrays.fill(vInh, 0);
            Arrays.fill(ref, 0);
            Arrays.fill(refInh, 0);
            Arrays.fill(excSpiked, false);
            Arrays.fill(inhSpiked, false);
            Arrays.fill(inhListed, false);
            inhBusyCount = 0;
            int active = PoissonInput.activeInputs(d.rateQ16, pixels, offset, inputs, s, activeInput, activeProb);
            int preCount = 0;
            int postCount = 0;
            int inhPrev = 0;
            total = 0;
            for (int t = 0; t < d.steps; t++) {
                // 1. input spikes: every active input draws, in input order; a hit keeps its slot
                int spikes = 0;
                for (int a = 0; a < active; a++) {
                    state = Xorshift32.advance(state);
                    stepSpikes[spikes] = activeInput[a];
                    spikes += ((state >>> 16) - activeProb[a]) >>> 31;
                }
                Arrays.fill(acc, 0);
                for (int m = 0; m < spikes; m++) {
                    final int[] row = rows[stepSpikes[m]];
                    for (int j = 0; j < n; j++) {
                        acc[j] += row[j];
                    }
                }
                // 2. LTD for the inputs that spiked, then their pre traces restart
                for (int m = 0; m < spikes; m++) {
                    int i = stepSpikes[m];
                    final int[] row = rows[i];
                    for (int q = 0; q < postCount; q++) {
                        int j = postList[q];
                        row[j] = Stdp.depress(row[j], d.nuPreW, d.post1Trace[t - tPost[j]]);
                    }
                    if (tPre[i] < 0) {
                        preList[preCount++] = i;
                    }
                    tPre[i] = t;
                }
                // 3. excitatory neurons, LTP and theta on a spike
                int spikers = 0;
                for (int j = 0; j < n; j++) {
                    if (ref[j] > 0) {
                        ref[j]--;
                        excSpiked[j] = false;
                        continue;
                    }
                    long x = (long) Rounding.leak(v[j], d.leakExcQ16) + acc[j];
                    if (inhPrev != 0) {
                        x -= (long) (inhPrev - (inhSpiked[j] ? 1 : 0)) * d.inhibition;
                    }
                    int vj = Rounding.clampToFloor(x, d.vFloor);
                    if (vj > d.thresholdExc + theta[j]) {
                        excSpiked[j] = true;
                        spikers++;
                        v[j] = 0;
                        ref[j] = d.refractoryExc;
                        potentiate(j, t, preCount);
                        theta[j] += d.thetaPlus;
                        if (tPost[j] < 0) {
                            postList[postCount++] = j;
                        }
                        tPost[j] = t;
                        if (!changed[j]) {
                            changed[j] = true;
                            changedList[changedCount++] = j;
                        }
                        if (!inhListed[j]) {
                            inhListed[j] = true;
                            inhBusy[inhBusyCount++] = j;
                        }
                    } else {
                        excSpiked[j] = false;
                        v[j] = vj;
                    }
                }
                total += spikers;
                // 4. inhibitory neurons: one at rest whose partner did not spike stays at rest
                //    (leak(0) + 0 = 0 never exceeds thresholdInh >= 0), so only busy ones are visited
                inhPrev = inhibitory();
            }
            for (int q = 0; q < preCount; q++) {
                tPre[preList[q]] = -1;
            }
            for (int q = 0; q < postCount; q++) {
                tPost[postList[q]] = -1;
            }
            if (total >= p.minSpikes) {
                break;
            }
        }
        rng.setState(state);
        for (int q = 0; q < changedCount; q++) {
            int j = changedList[q];
            changed[j] = false;
            SynapticScaling.scale(p.norm, rows, j, d.targetNorm);
        }
        if (d.thetaDecayQ32 != 0) {
            for (int j = 0; j < n; j++) {
                theta[j] -= (int) ((theta[j] * d.thetaDecayQ32 + (1L << 31)) >> 32);
            }
        }
        lastSpikes = total;
    }

    /** Step 4 over the busy inhibitory neurons; returns how many spiked. */
    private int inhibitory() {
        int spiked = 0;
        int keep = 0;
        for (int q = 0; q < inhBusyCount; q++) {
            int j = inhBusy[q];
            if (refInh[j] > 0) {
                refInh[j]--;
                inhSpiked[j] = false;
            } else {
                int y = Rounding.leak(vInh[j], d.leakInhQ16) + (excSpiked[j] ? d.wExcToInh : 0);
                if (y > d.thresholdInh) {
                    inhSpiked[j] = true;
                    spiked++;
                    vInh[j] = 0;
                    refInh[j] = d.refractoryInh;
                } else {
                    inhSpiked[j] = false;
                    vInh[j] = y;
                }
            }
            if (vInh[j] != 0 || refInh[j] > 0 || inhSpiked[j]) {
                inhBusy[keep++] = j;
            } else {
                inhListed[j] = false;
            }
        }
        inhBusyCount = keep;
        return spiked;
    }

    private void potentiate(int j, int t, int preCount) {
        final int[][] rows = this.rows;
        if (p.tripletLtp) {
            int y2 = tPost[j] < 0 ? 0 : d.post2Trace[t - tPost[j]];
            for (int q = 0; q < preCount; q++) {
                int i = preList[q];
                rows[i][j] = Stdp.potentiateTriplet(rows[i][j], nuPostW, d.preTrace[t - tPre[i]], y2);
            }
        } else {
            for (int q = 0; q < preCount; q++) {
                int i = preList[q];
                rows[i][j] = Stdp.potentiate(rows[i][j], nuPostW, d.preTrace[t - tPre[i]]);
            }
        }
    }
}
