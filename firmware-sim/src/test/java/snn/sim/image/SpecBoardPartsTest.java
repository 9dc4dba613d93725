package snn.sim.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageWriter;
import snn.protocol.wire.ErrorCode;
import snn.sim.board.InferenceEngine;
import snn.core.RandomNetworks;

class SpecBoardPartsTest {
    @Test
    void validatorAcceptsGoodImagesAndSaysWhyOthersFail() {
        RandomNetworks.Case c = RandomNetworks.randomCase("b", 17, 30, 10, 30);
        DeviceImage m = ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed);
        byte[] good = ImageWriter.write(m);
        SpecImageValidator v = new SpecImageValidator();
        assertEquals(ErrorCode.OK, v.validate(good).code());
        byte[] corrupt = good.clone();
        corrupt[100] ^= 1;
        assertEquals(ErrorCode.BAD_IMAGE, v.validate(corrupt).code());
        int delta = m.selfTest.expectedCounts[0] > 0 ? -1 : 1;
        m.selfTest.expectedCounts[0] += delta;
        m.selfTest.expectedTotalSpikes += delta;
        assertEquals(ErrorCode.SELF_TEST_FAILED, v.validate(ImageWriter.write(m)).code());
    }

    @Test
    void engineAnswersWhatTheSelfTestExpects() {
        RandomNetworks.Case c = RandomNetworks.randomCase("e", 23, 30, 10, 30);
        DeviceImage m = ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed);
        byte[] img = ImageWriter.write(m);
        SpecInferenceEngine e = new SpecInferenceEngine();
        for (int k = 0; k < 2; k++) {
            InferenceEngine.Answer a = e.infer(img, c.pixels, c.seed);
            assertArrayEquals(m.selfTest.expectedCounts, a.spikeCounts());
            assertEquals(m.selfTest.expectedLabel, a.label());
            assertEquals(m.selfTest.expectedSteps, a.steps());
        }
        assertThrows(IllegalArgumentException.class, () -> e.infer(img, new byte[c.net.inputs + 1], 0));
    }
}
