package snn.deploy.profile;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import snn.deploy.quant.ImageBuilder;
import snn.support.SnnException;

/** The micro:bit profile refuses what firmware/ports/microbit refuses: an image larger than a slot, a model beyond its RAM. */
class MicrobitProfileTest {
    private final DeviceProfile mb = Profiles.builtIn().get("microbit");

    @Test
    void slotIsWhatTheFirmwareReports() {
        assertEquals(110_592, mb.flashBytes() - mb.flashReserveBytes()); // DeviceInfo.slot_bytes of the build
    }

    @Test
    void mnist400At4BitsIsRefusedWithTheNumbers() {
        SnnException e = assertThrows(SnnException.class, () -> ImageBuilder.requireFits(mb, 784, 400, 4));
        String msg = e.getMessage();
        long image = Footprint.imageBytes(784, 400, 4);
        assertEquals(165_904, image);
        assertTrue(msg.contains("flash needs " + (image + mb.flashReserveBytes()) + " bytes (image " + image), msg);
        assertTrue(msg.contains("available " + 256 * 1024), msg);
        assertTrue(msg.contains("RAM needs " + Footprint.ramBytes(mb, 784, 400) + " bytes, available 16384"), msg);
    }

    @Test
    void largestFittingModelsAreAccepted() {
        for (int bits : new int[] {8, 4, 2}) {
            int max = Footprint.maxNeurons(mb, 784, bits);
            assertDoesNotThrow(() -> ImageBuilder.requireFits(mb, 784, max, bits));
            assertThrows(SnnException.class, () -> ImageBuilder.requireFits(mb, 784, max + 1, bits));
            assertTrue(Footprint.imageBytes(784, max, bits) <= 110_592);
        }
        // RAM, not flash, limits 2-bit models: the firmware is built for at most 320 neurons of 784 inputs
        assertEquals(320, Footprint.maxNeurons(mb, 784, 2));
    }
}
