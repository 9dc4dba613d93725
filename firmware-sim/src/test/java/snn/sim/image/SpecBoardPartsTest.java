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

    /** The emulator refuses a model its board's RAM cannot hold, as the C firmware does (issue 16 item 9). */
    @Test
    void validatorRefusesAModelOverTheBoardsRam() {
        RandomNetworks.Case c = RandomNetworks.randomCase("r", 17, 30, 10, 30);
        DeviceImage m = ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed);
        byte[] img = ImageWriter.write(m);
        long need = 1000 + snn.protocol.image.ImageFormat.PROTOCOL_RAM
                + snn.protocol.image.ImageFormat.loopRamBytes(m.inputs, m.neurons);
        snn.sim.board.BoardProfile fits = new snn.sim.board.BoardProfile("tiny", 1 << 20, (int) need, 1000);
        snn.sim.board.BoardProfile short1 = new snn.sim.board.BoardProfile("tiny", 1 << 20, (int) need - 1, 1000);
        assertEquals(ErrorCode.OK, new SpecImageValidator(fits).validate(img).code());
        ImageValidatorResult r = new ImageValidatorResult(new SpecImageValidator(short1).validate(img));
        assertEquals(ErrorCode.BAD_IMAGE, r.r.code());
        org.junit.jupiter.api.Assertions.assertTrue(r.r.detail().contains("needs " + need + " bytes of RAM"), r.r.detail());
    }

    private record ImageValidatorResult(snn.sim.board.ImageValidator.Result r) {
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
