package snn.deploy.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snn.deploy.profile.DeviceProfile;
import snn.deploy.profile.Footprint;
import snn.deploy.profile.Profiles;
import snn.protocol.image.ImageParser;
import snn.protocol.model.TrainedModel;
import snn.sim.image.ImageNetworks;
import snn.core.DeviceNetwork;
import snn.core.LifLoop;
import snn.protocol.model.ModelNetwork;
import snn.support.SnnException;

class QuantizerTest {

    @Test
    void perNeuronScalingUsesTheFullRangeAndKeepsMembranesInsideInt32() {
        TrainedModel m = TestModels.model(1, 50, 13);
        DeviceNetwork t = ModelNetwork.fromModel(m);
        for (int bits : new int[] {8, 4, 2}) {
            Quantizer.Result q = Quantizer.quantize(m, bits);
            DeviceNetwork d = q.network;
            int qmax = (1 << bits) - 1;
            for (int j = 0; j < d.neurons; j++) {
                int max = 0;
                long maxT = 0;
                for (int i = 0; i < d.inputs; i++) {
                    max = Math.max(max, d.weights[i * d.neurons + j]);
                    maxT = Math.max(maxT, t.weights[i * d.neurons + j]);
                }
                assertEquals(qmax, max, "neuron " + j + " reaches 2^bits-1");
                // the bound the quantizer documents
                assertTrue((long) d.threshold[j] + ((long) d.inputs * qmax << q.vShift) <= Integer.MAX_VALUE);
                // threshold in device units is threshold / s_j * 2^V, s_j = maxT / qmax
                double want = t.threshold[j] * qmax / (double) maxT * Math.pow(2, q.vShift);
                assertTrue(Math.abs(d.threshold[j] - want) <= 0.5 + 1e-9, "threshold of neuron " + j);
            }
            // and v_shift is the largest that satisfies it
            if (q.vShift < 16) {
                boolean anyOver = false;
                for (int j = 0; j < d.neurons; j++) {
                    long thr2 = 2L * d.threshold[j];
                    anyOver |= thr2 + ((long) d.inputs * qmax << (q.vShift + 1)) > Integer.MAX_VALUE + 2L;
                }
                assertTrue(anyOver, "v_shift " + (q.vShift + 1) + " would also have fitted");
            }
        }
    }

    @Test
    void quantizedNetworksNeverSaturate() {
        TrainedModel m = TestModels.model(2, 40, 9);
        SplittableRandom r = new SplittableRandom(2);
        for (int bits : new int[] {8, 4, 2}) {
            DeviceNetwork d = Quantizer.quantize(m, bits).network;
            LifLoop strict = new LifLoop(d).strict(true);
            for (int k = 0; k < 40; k++) {
                byte[] px = new byte[d.inputs];
                r.nextBytes(px);
                strict.run(px, 0, k);
            }
        }
    }

    @Test
    void deadNeuronsAreHarmless() {
        TrainedModel m = TestModels.model(3, 20, 4);
        TrainedModel.Builder b = m.toBuilder();
        for (int i = 0; i < 20; i++) {
            b.setWeights(i * 4 + 2, 0);
        }
        Quantizer.Result q = Quantizer.quantize(b.build(), 4);
        assertEquals(1, q.deadNeurons);
        assertEquals(0, q.network.threshold[2]);
    }

    @Test
    void sizeAccountingEqualsTheBytesWritten() {
        DeviceProfile p = Profiles.builtIn().get("mps2-an385");
        for (int bits : new int[] {8, 4, 2}) {
            for (int n : new int[] {1, 7, 16, 33}) {
                TrainedModel m = TestModels.model(n, 30, n);
                ImageBuilder.Built b = ImageBuilder.build(m, bits, p, null, 0);
                assertEquals(Footprint.imageBytes(30, n, bits), b.image.length);
                assertEquals(p.flashReserveBytes() + b.image.length, b.flashBytes);
                assertEquals(Footprint.ramBytes(p, 30, n), b.ramBytes);
                assertNull(ImageNetworks.runSelfTest(ImageParser.parse(b.image, "built")), "self-test passes");
            }
        }
    }

    @Test
    void mnistShapeFitsWhereTheIssueSaysAndRefusesWhereItCannot() {
        DeviceProfile lm3s = Profiles.builtIn().get("lm3s6965");
        assertTrue(Footprint.fits(lm3s, 784, 400, 4), "4-bit 400 neurons fits lm3s6965");
        assertFalse(Footprint.fits(lm3s, 784, 400, 8), "8-bit 400 neurons needs more than 256 KiB");
        SnnException e = assertThrows(SnnException.class, () -> ImageBuilder.requireFits(lm3s, 784, 400, 8));
        assertEquals(SnnException.CHECK_FAILED, e.exitCode());
        long need = Footprint.flashBytes(lm3s, Footprint.imageBytes(784, 400, 8));
        String msg = e.getMessage();
        assertTrue(msg.contains("flash needs " + need + " bytes"), msg);
        assertTrue(msg.contains("available " + 256 * 1024), msg);
        assertTrue(msg.contains("--bits 4 or --bits 2 would fit"), msg);
        int max = Footprint.maxNeurons(lm3s, 784, 8);
        assertTrue(msg.contains("at most " + max + " neurons"), msg);
        assertTrue(Footprint.fits(lm3s, 784, max, 8) && !Footprint.fits(lm3s, 784, max + 1, 8));
    }

    @Test
    void refusalBuildsNothing() {
        DeviceProfile tiny = new DeviceProfile("tiny", 36 * 1024 + 1000, 64 * 1024, 1, 36 * 1024, 16 * 1024);
        TrainedModel m = TestModels.model(5, 100, 20);
        SnnException e = assertThrows(SnnException.class, () -> ImageBuilder.build(m, 8, tiny, null, 0));
        assertTrue(e.getMessage().contains("nothing written"), e.getMessage());
    }
}
