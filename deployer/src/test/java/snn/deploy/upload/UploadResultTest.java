package snn.deploy.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import snn.protocol.wire.DeviceInfo;

/** Link efficiency only on a paced line; bytes per second on any. */
class UploadResultTest {
    private static UploadResult result(boolean paced, long resumedFrom, boolean alreadyActive) {
        return new UploadResult("p", 23040, 4.0, 115200, paced, resumedFrom, 23040, 0, 0, alreadyActive, new byte[32],
                DeviceInfo.getDefaultInstance(), "raw", 23040);
    }

    @Test
    void efficiencyOnlyWhenPaced() {
        assertEquals(0.5, result(true, 0, false).linkEfficiency());
        assertEquals(0.25, result(true, 11520, false).linkEfficiency()); // a resume carries only the rest
        assertTrue(Double.isNaN(result(false, 0, false).linkEfficiency()));
        assertEquals(5760.0, result(false, 0, false).bytesPerSecond());
        assertEquals(0.0, result(false, 0, true).bytesPerSecond());
        assertEquals("link efficiency 0.500", result(true, 0, false).speed());
        assertEquals("5.8 kB/s (unpaced link: no link efficiency)", result(false, 0, false).speed());
    }

    /** More bytes than the baud rate carries in the time: the line was not paced at it (a pty QEMU serves). */
    @Test
    void aLineThatCarriedMoreThanItsBaudRateAllowsIsNotPaced() {
        assertTrue(UploadResult.withinLineRate(11520, 1.0, 115200));
        assertFalse(UploadResult.withinLineRate(11521, 1.0, 115200));
        assertTrue(UploadResult.withinLineRate(0, 0.0, 115200));
        assertFalse(UploadResult.withinLineRate(1, 1.0, 0));
    }
}
