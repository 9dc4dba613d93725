package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snn.protocol.model.TrainedModel;
import snn.sim.lif.LifLoop;
import snn.sim.lif.ModelNetwork;

/**
 * With learning and the adaptive threshold off, a training presentation is the device loop: the
 * same spikes from the same image and seed, presentation by presentation (the intensity retries
 * included). This holds the two loops to one definition of the dynamics.
 */
class TrainLoopMatchesDeviceLoopTest {
    @Test
    void frozenTrainingLoopSpikesExactlyAsTheDeviceLoop() {
        int inputs = 100;
        TrainParams p = new TrainParams();
        p.neurons = 24;
        p.norm = TrainParams.Norm.NONE;
        p.adaptiveThreshold = false;
        p.nuPost = 0;
        p.nuPre = 0;
        p.epspMv = 2.0;
        Defaults.reference(p);
        Derived d = new Derived(p);
        SplittableRandom r = new SplittableRandom(17);
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
        TrainLoop train = new TrainLoop(p, d, inputs, rows, new int[p.neurons]);
        LifLoop device = new LifLoop(ModelNetwork.fromModel(m.build()));
        byte[] pixels = new byte[inputs];
        int spiking = 0;
        for (int img = 0; img < 60; img++) {
            for (int i = 0; i < inputs; i++) {
                pixels[i] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : 0);
            }
            if (img % 10 == 0) {
                java.util.Arrays.fill(pixels, (byte) 0);   // silent input: every intensity is tried
            }
            train.train(pixels, 0, img);
            LifLoop.Result want = device.run(pixels, 0, img);
            assertEquals(want.totalSpikes, train.lastSpikes, "spikes of image " + img);
            spiking += want.totalSpikes > 0 ? 1 : 0;
        }
        assertTrue(spiking > 30, "most images make the network fire: " + spiking);
    }
}
