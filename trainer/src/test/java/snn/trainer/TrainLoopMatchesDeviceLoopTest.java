package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snn.core.LifLoop;
import snn.protocol.model.ModelNetwork;
import snn.protocol.model.TrainedModel;

/**
 * With learning and the adaptive threshold off, a training presentation is the device loop: every
 * neuron's membranes and spikes at every step of every presentation (the intensity retries included)
 * are the device loop's, from the same image and seed. This holds training to the device's dynamics.
 */
class TrainLoopMatchesDeviceLoopTest {
    /** One record per step: the presentation, v, vInh and both spike vectors, copied. */
    static final class Traces implements LifLoop.TraceSink {
        final List<int[]> records = new ArrayList<>();

        @Override
        public void step(int presentation, int t, int[] v, int[] vInh, boolean[] exc, boolean[] inh) {
            int n = v.length;
            int[] r = new int[2 + 4 * n];
            r[0] = presentation;
            r[1] = t;
            for (int j = 0; j < n; j++) {
                r[2 + j] = v[j];
                r[2 + n + j] = vInh[j];
                r[2 + 2 * n + j] = exc[j] ? 1 : 0;
                r[2 + 3 * n + j] = inh[j] ? 1 : 0;
            }
            records.add(r);
        }
    }

    @Test
    void frozenTrainingHasTheDeviceLoopsStateAtEveryStep() {
        SplittableRandom r = new SplittableRandom(17);
        int spiking = 0;
        int inhibited = 0;
        int retried = 0;
        for (int config = 0; config < 6; config++) {
            int inputs = 40 + r.nextInt(80);
            TrainParams p = new TrainParams();
            p.neurons = 8 + r.nextInt(30);
            p.norm = TrainParams.Norm.NONE;
            p.adaptiveThreshold = false;
            p.nuPost = 0;
            p.nuPre = 0;
            p.epspMv = 1.0 + r.nextInt(4);
            p.inhibitionMv = r.nextInt(3) * 5.0;
            p.presentationMs = 40 + r.nextInt(80);
            Derived d = new Derived(p);
            int[][] rows = new int[inputs][p.neurons];
            TrainedModel.Builder m = TrainedModel.newBuilder().setInputs(inputs).setNeurons(p.neurons).setClasses(2)
                    .setLoop(d.loopParams(p, 0));
            for (int[] row : rows) {
                for (int j = 0; j < p.neurons; j++) {
                    row[j] = r.nextInt(Derived.WEIGHT_MAX / 3);
                    m.addWeights(row[j]);
                }
            }
            for (int j = 0; j < p.neurons; j++) {
                m.addThresholds(d.thresholdExc);
                m.addLabels(j % 2);
            }
            int[][] before = new int[inputs][];
            for (int i = 0; i < inputs; i++) {
                before[i] = rows[i].clone();
            }
            TrainLoop train = new TrainLoop(p, d, inputs, rows, new int[p.neurons]);
            LifLoop device = new LifLoop(ModelNetwork.fromModel(m.build()));
            byte[] pixels = new byte[inputs];
            for (int img = 0; img < 12; img++) {
                for (int i = 0; i < inputs; i++) {
                    pixels[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0);
                }
                if (img % 6 == 0) {
                    Arrays.fill(pixels, (byte) 0);   // silent input: every intensity is tried
                }
                Traces got = new Traces();
                Traces want = new Traces();
                train.sink = got;
                train.train(pixels, 0, 1000 * config + img);
                LifLoop.Result res = device.run(pixels, 0, 1000 * config + img, want);
                String where = "config " + config + " image " + img;
                assertEquals(want.records.size(), got.records.size(), where + ": steps");
                for (int k = 0; k < want.records.size(); k++) {
                    assertArrayEquals(want.records.get(k), got.records.get(k), where + " step record " + k);
                }
                assertEquals(res.totalSpikes, train.lastSpikes, where + ": spikes");
                spiking += res.totalSpikes > 0 ? 1 : 0;
                retried += res.presentations > 1 ? 1 : 0;
                for (int[] rec : want.records) {
                    int n = p.neurons;
                    for (int j = 0; j < n; j++) {
                        inhibited += rec[2 + 3 * n + j];
                    }
                }
            }
            // learning was off: the weights are untouched
            for (int i = 0; i < inputs; i++) {
                assertArrayEquals(before[i], rows[i], "config " + config + ": weights of input " + i);
            }
        }
        // the cases must exercise firing, inhibition and the intensity retry, or the comparison proves little
        assertTrue(spiking > 30, "images that made the network fire: " + spiking);
        assertTrue(inhibited > 100, "inhibitory spikes: " + inhibited);
        assertTrue(retried >= 6, "images presented more than once: " + retried);
    }
}
