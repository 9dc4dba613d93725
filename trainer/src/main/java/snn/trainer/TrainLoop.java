package snn.trainer;

import java.util.Arrays;
import snn.core.InputDraws;
import snn.core.LifLoop;
import snn.core.LifNeurons;
import snn.core.PoissonInput;
import snn.core.RowSums;
import snn.core.Xorshift32;

/**
 * One training presentation: the device's step ({@link LifNeurons}, the same code the device loop
 * {@link snn.core.LifLoop} runs) with plasticity attached, in NEST's split between the neuron model and
 * the synapse rule. Thresholds are {@code thresholdExc + theta[j]} and move while it runs.
 *
 * <p>Order inside a step t (the inference order, with the learning inserted):
 * <ol>
 *   <li>input spikes are drawn ({@link InputDraws}, the device's stream) and their weight rows summed
 *       into acc (weights as they are now, {@link RowSums});</li>
 *   <li>pre-spike hook, LTD: for each input that spiked, every neuron that has spiked in this
 *       presentation loses {@code nu_pre * Y1}; then the input's pre trace is set to 1 (its spike
 *       time is t);</li>
 *   <li>the device's steps 2 to 4 ({@link LifNeurons#step}); its post-spike hook, on a spike of j:
 *       LTP of j's weights from every input that has spiked in this presentation
 *       ({@code nu_post * X}), theta[j] += thetaPlus, j's post traces set to 1.</li>
 * </ol>
 * Traces are functions of the time since the last spike, so they are computed exactly from spike
 * times (event-driven) instead of being decayed at every step. All state resets between presentations
 * (the rest period of the original network lets everything decay back; resetting is its limit).
 * After the image: synaptic scaling of each neuron whose weights changed, then theta decay.
 */
final class TrainLoop implements LifNeurons.SpikeHook {
    private final TrainParams p;
    private final Derived d;
    private final int n;
    private final int inputs;
    /** Input-major weight rows, {@code rows[i][j]}: one array per input, so the row sums vectorise. */
    final int[][] rows;
    final int[] theta;
    /** thresholdExc + theta[j], the threshold the neurons compare with. */
    private final int[] threshold;
    private final LifNeurons neurons;
    private final InputDraws draws;
    private final int[] drawBuf;
    private final int[] acc;

    private final int[] tPre;
    private final int[] preList;
    private int preCount;
    private final int[] tPost;
    private final int[] postList;
    private int postCount;
    private final boolean[] changed;
    private final int[] changedList;
    private int changedCount;
    private final int[] activeInput;
    private final int[] activeProb;
    private final Xorshift32 rng = new Xorshift32(0);
    /** Sees the neurons' state after every step (tests); null for none. */
    LifLoop.TraceSink sink;

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
        threshold = new int[n];
        for (int j = 0; j < n; j++) {
            threshold[j] = d.thresholdExc + theta[j];
        }
        int[] inhibition = new int[n];
        Arrays.fill(inhibition, d.inhibition);
        int[] vFloor = new int[n];
        Arrays.fill(vFloor, d.vFloor);
        neurons = new LifNeurons(n, threshold, inhibition, vFloor, d.leakExcQ16, d.leakInhQ16, d.refractoryExc,
                d.refractoryInh, d.wExcToInh, d.thresholdInh, 0, (long) inputs * Derived.WEIGHT_MAX);
        draws = new InputDraws(inputs, d.steps, InputDraws.BUFFER_MAX);
        drawBuf = draws.buffer();
        acc = new int[n];
        tPre = new int[inputs];
        preList = new int[inputs];
        tPost = new int[n];
        postList = new int[n];
        changed = new boolean[n];
        changedList = new int[n];
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
        final LifNeurons pop = neurons;
        changedCount = 0;
        int total = 0;
        int presentations = 0;
        for (int s = p.intensity; s <= p.intensityMax; s++) {
            presentations++;
            pop.reset();
            int active = PoissonInput.activeInputs(d.rateQ16, pixels, offset, inputs, s, activeInput, activeProb);
            boolean buffered = draws.fits(d.steps, active);
            if (buffered) {
                state = draws.presentation(state, activeInput, activeProb, active, d.steps);
            }
            preCount = 0;
            postCount = 0;
            int inhPrev = 0;
            total = 0;
            for (int t = 0; t < d.steps; t++) {
                // 1. input spikes and their summed rows
                int base = 0;
                int spikes;
                if (buffered) {
                    base = t * active;
                    spikes = draws.rows(t);
                } else {
                    state = draws.step(state, activeInput, activeProb, active);
                    spikes = draws.rows(0);
                }
                RowSums.sum(rows, drawBuf, base, spikes, acc, n);
                // 2. pre-spike hook: LTD, then the pre traces restart
                depress(base, spikes, t);
                // 3. the device's step; post-spike hook: excitatorySpike
                total += pop.step(acc, inhPrev, t, presentations, this);
                inhPrev = pop.inhibitorySpikes();
                if (sink != null) {
                    sink.step(presentations - 1, t, pop.v, pop.vInh, pop.excSpiked, pop.inhSpiked);
                }
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
        afterImage();
        lastSpikes = total;
    }

    /** LTD for the inputs that spiked at step t (their rows at drawBuf[base ..]), then their pre traces restart. */
    private void depress(int base, int spikes, int t) {
        for (int m = 0; m < spikes; m++) {
            int i = drawBuf[base + m];
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
    }

    /** Post-spike hook: LTP of j's weights, theta[j] += thetaPlus, j's post traces restart. */
    @Override
    public void excitatorySpike(int j, int t) {
        potentiate(j, t);
        if (d.thetaPlus != 0) {
            if (theta[j] > ParamLimits.MEMBRANE_MAX - d.thetaPlus) {
                // thresholdExc + theta must stay an int32; a check, not a clamp, so results never change
                throw snn.support.SnnException.badInput("--theta-plus " + ParamLimits.fmt(p.thetaPlusMv) + ": the theta of"
                        + " neuron " + j + " would pass " + ParamLimits.MEMBRANE_MAX + " membrane units, the limit (use a"
                        + " smaller --theta-plus or a shorter --tau-theta-ms)");
            }
            theta[j] += d.thetaPlus;
            neurons.raiseThreshold(j, d.thetaPlus);
        }
        if (tPost[j] < 0) {
            postList[postCount++] = j;
        }
        tPost[j] = t;
        if (!changed[j]) {
            changed[j] = true;
            changedList[changedCount++] = j;
        }
    }

    private void potentiate(int j, int t) {
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

    /** Synaptic scaling of the neurons whose weights changed, then theta decay. */
    private void afterImage() {
        for (int q = 0; q < changedCount; q++) {
            int j = changedList[q];
            changed[j] = false;
            SynapticScaling.scale(p.norm, rows, j, d.targetNorm);
        }
        if (d.thetaDecayQ32 != 0) {
            for (int j = 0; j < n; j++) {
                theta[j] -= (int) ((theta[j] * d.thetaDecayQ32 + (1L << 31)) >> 32);
                threshold[j] = d.thresholdExc + theta[j];
            }
            neurons.thresholdsChanged();
        }
    }
}
