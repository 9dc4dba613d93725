package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snn.protocol.model.TrainedModel;

/** Training on small synthetic patterns: neurons specialise, and a seed fixes the model bytes. */
class TrainerTest {
    static final int SIDE = 10;
    static final int CLASSES = 4;

    /** Four classes of noisy bars: horizontal top, horizontal bottom, vertical left, vertical right. */
    static TrainData bars(int train, int test, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[][] px = new byte[2][];
        byte[][] lb = new byte[2][];
        int[] counts = {train, test};
        for (int s = 0; s < 2; s++) {
            px[s] = new byte[counts[s] * SIDE * SIDE];
            lb[s] = new byte[counts[s]];
            for (int k = 0; k < counts[s]; k++) {
                int c = rnd.nextInt(CLASSES);
                lb[s][k] = (byte) c;
                for (int r = 0; r < SIDE; r++) {
                    for (int q = 0; q < SIDE; q++) {
                        boolean on = switch (c) {
                            case 0 -> r < 3;
                            case 1 -> r >= SIDE - 3;
                            case 2 -> q < 3;
                            default -> q >= SIDE - 3;
                        };
                        int v = on ? 180 + rnd.nextInt(76) : (rnd.nextInt(10) == 0 ? rnd.nextInt(120) : 0);
                        px[s][k * SIDE * SIDE + r * SIDE + q] = (byte) v;
                    }
                }
            }
        }
        return new TrainData("bars", SIDE, SIDE, CLASSES, px[0], lb[0], train, px[1], lb[1], test);
    }

    static Trainer small(TrainParams p) {
        Trainer t = new Trainer(p);
        t.trainImages = 600;
        t.labelImages = 300;
        t.curvePoints = 0;
        t.quiet = true;
        return t;
    }

    static TrainParams params() {
        TrainParams p = new TrainParams();
        p.neurons = 12;
        p.targetNorm = 3.0;
        return p;
    }

    @Test
    void neuronsSpecialiseOnSyntheticBars() {
        Trainer.Result r = small(params()).train(bars(800, 400, 11));
        TrainedModel m = r.model();
        assertTrue(m.getSummary().getTestAccuracyMaxNeuron() >= 0.95,
                "max-neuron accuracy " + m.getSummary().getTestAccuracyMaxNeuron());
        assertTrue(m.getSummary().getTestAccuracyVote() >= 0.95, "vote accuracy " + m.getSummary().getTestAccuracyVote());
        Set<Integer> classes = new HashSet<>(m.getLabelsList());
        assertEquals(CLASSES, classes.size(), "every class has a neuron: " + m.getLabelsList());
        // a specialised neuron's strongest weights lie inside its class's bar
        int n = m.getNeurons();
        for (int j = 0; j < n; j++) {
            int best = 0;
            for (int i = 1; i < SIDE * SIDE; i++) {
                if (m.getWeights(i * n + j) > m.getWeights(best * n + j)) {
                    best = i;
                }
            }
            int r0 = best / SIDE;
            int q0 = best % SIDE;
            boolean inBar = switch (m.getLabels(j)) {
                case 0 -> r0 < 3;
                case 1 -> r0 >= SIDE - 3;
                case 2 -> q0 < 3;
                default -> q0 >= SIDE - 3;
            };
            double meanResponse = 0;
            for (int c = 0; c < CLASSES; c++) {
                meanResponse += m.getClassResponse(j * CLASSES + c);
            }
            if (meanResponse > 0) {
                assertTrue(inBar, "neuron " + j + " labelled " + m.getLabels(j) + " peaks at pixel " + best);
            }
        }
    }

    @Test
    void sameSeedGivesIdenticalBytesAtAnyThreadCount() {
        TrainData data = bars(700, 200, 5);
        Trainer a = small(params());
        a.threads = 1;
        Trainer b = small(params());
        b.threads = 3;
        byte[] ma = a.train(data).model().toByteArray();
        byte[] mb = b.train(data).model().toByteArray();
        assertArrayEquals(ma, mb);
        TrainParams other = params();
        other.seed = 2;
        byte[] mc = small(other).train(data).model().toByteArray();
        assertTrue(!java.util.Arrays.equals(ma, mc), "another seed gives another model");
    }

    /** Share of each neuron's weight mass that lies inside the bar of its label, averaged over neurons. */
    static double massInsideOwnBar(TrainedModel m) {
        int n = m.getNeurons();
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double in = 0;
            double all = 0;
            for (int i = 0; i < SIDE * SIDE; i++) {
                int r0 = i / SIDE;
                int q0 = i % SIDE;
                boolean inBar = switch (m.getLabels(j)) {
                    case 0 -> r0 < 3;
                    case 1 -> r0 >= SIDE - 3;
                    case 2 -> q0 < 3;
                    default -> q0 >= SIDE - 3;
                };
                double w = m.getWeights(i * n + j);
                all += w;
                in += inBar ? w : 0;
            }
            sum += all == 0 ? 0 : in / all;
        }
        return sum / n;
    }

    @Test
    void learningMovesWeightsOntoThePatterns() {
        TrainData data = bars(800, 400, 11);
        TrainedModel trained = small(params()).train(data).model();
        TrainParams frozen = params();
        frozen.nuPost = 0;
        frozen.nuPre = 0;
        TrainedModel untrained = small(frozen).train(data).model();
        double a = massInsideOwnBar(trained);
        double b = massInsideOwnBar(untrained);
        // a bar covers 30% of the image: random weights put about 0.3 of their mass there
        assertTrue(b < 0.4, "untrained mass inside the own bar " + b);
        assertTrue(a > 0.7, "trained mass inside the own bar " + a);
    }
}
