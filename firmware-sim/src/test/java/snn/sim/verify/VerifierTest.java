package snn.sim.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snn.core.RandomNetworks;
import snn.core.DeviceNetwork;
import snn.core.LifLoop;
import snn.support.SnnException;

class VerifierTest {
    @Test
    void resultsAreIdenticalAtAnyThreadCountAndMatchOneLoopRunInOrder() {
        SplittableRandom r = new SplittableRandom(8);
        RandomNetworks.Case c = RandomNetworks.randomCase("v", 1234, 30, 12, 40);
        DeviceNetwork d = c.net;
        int count = 150;
        byte[] px = new byte[count * d.inputs];
        byte[] labels = new byte[count];
        for (int k = 0; k < count; k++) {
            System.arraycopy(RandomNetworks.randomPixels(r, d.inputs), 0, px, k * d.inputs, d.inputs);
            labels[k] = (byte) r.nextInt(d.classes);
        }
        int[] expected = new int[count];
        long steps = 0;
        LifLoop loop = new LifLoop(d);
        for (int k = 0; k < count; k++) {
            LifLoop.Result res = loop.run(px, k * d.inputs, k);
            expected[k] = res.label;
            steps += res.steps;
        }
        for (int threads : new int[] {1, 2, 3, 7}) {
            Verifier.Report rep = Verifier.run(d, d, px, labels, count, threads, false, true);
            assertArrayEquals(expected, rep.device.predicted, threads + " threads");
            assertEquals(steps, rep.device.steps);
            assertEquals(loop.synapticEvents(), rep.device.synapticEvents);
            assertEquals(0, rep.mismatches, "a network compared with itself");
        }
    }

    @Test
    void strictModeFailureNamesTheImage() {
        RandomNetworks.Case sat = RandomNetworks.edgeCases(1).get(0);
        byte[] labels = new byte[1];
        SnnException e = assertThrows(SnnException.class,
                () -> Verifier.run(sat.net, null, sat.pixels, labels, 1, 2, true, true));
        assertEquals(SnnException.CHECK_FAILED, e.exitCode());
        assertEquals(true, e.getMessage().contains("image 0"), e.getMessage());
    }
}
