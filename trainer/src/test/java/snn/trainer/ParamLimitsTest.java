package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import snn.support.SnnException;

/** The bounds of the training parameters (issue 16 item 14); the CLI corpus is snn.cli.BadInputExitCodesTest. */
class ParamLimitsTest {
    /** Every TrainParams number has a range, so that a new parameter cannot slip past the checks unbounded. */
    @Test
    void everyParameterHasARange() {
        TrainParams p = new TrainParams();
        p.autoTargetNorm = true;
        for (String key : p.values().keySet()) {
            assertTrue(Arrays.stream(ParamLimits.LIMITS).anyMatch(l -> l.key().equals(key)), key + " has no range");
        }
        // and the defaults, resolved for MNIST, are inside them
        ParamLimits.checkResolved(Defaults.reference(new TrainParams()), new TrainData("mnist", 28, 28, 10, new byte[784],
                new byte[1], 1, new byte[784], new byte[1], 1));
    }

    /**
     * A theta+ within its range can still drive one neuron's theta past int32 on a large, bright input
     * (20,000 inputs firing at every step): training stops with exit 2 naming --theta-plus, instead of a
     * wrapped, negative threshold that the device network check refuses after the run (exit 3).
     */
    @Test
    void thetaThatWouldLeaveInt32StopsTrainingNamingThetaPlus() {
        int rows = 100;
        int cols = 200;
        byte[] px = new byte[2 * rows * cols];
        Arrays.fill(px, (byte) 255);
        TrainData data = new TrainData("bright", rows, cols, 1, px, new byte[2], 2, px, new byte[2], 2);
        TrainParams p = new TrainParams();
        p.neurons = 1;
        p.norm = TrainParams.Norm.NONE;
        p.epspMv = 0.06;            // 1 mV = 1,092,250 membrane units
        p.thetaPlusMv = 900;        // 983,025,000 units per spike: in range, but two spikes pass 2^30 - 1
        p.rateAtIntensity1Hz = 1000;
        p.presentationMs = 30;
        Trainer t = new Trainer(p);
        t.trainImages = 2;
        t.labelImages = 1;
        t.testImages = 0;
        t.curvePoints = 0;
        t.quiet = true;
        SnnException e = assertThrows(SnnException.class, () -> t.train(data));
        assertEquals(SnnException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("--theta-plus 900: the theta of neuron 0 would pass 1073741823"), e.getMessage());
    }
}
