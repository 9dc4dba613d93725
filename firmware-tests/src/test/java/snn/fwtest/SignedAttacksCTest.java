package snn.fwtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.deploy.upload.DeviceClient;
import snn.sim.attack.SignedImageAttacks;

/**
 * The signed-image attack suite (snn.sim.attack.SignedImageAttacks, docs/device-spec.md section 15)
 * against the C firmware's host build (AddressSanitizer and UBSan), over its pty: the same 1,200
 * attacks the Java emulator gets, every one refused with the same code, the active model and the
 * trust store unchanged (the board re-hashes its slot at every reset, each 100 attacks).
 */
@org.junit.jupiter.api.extension.ExtendWith(SkipReasons.class)
class SignedAttacksCTest {
    @Test
    void provisionedCFirmwareRefusesEveryAttackAndKeepsItsModel(@TempDir Path dir) throws Exception {
        assumeTrue(FirmwareTools.hostMissing() == null, FirmwareTools.hostMissing());
        FirmwareTools.Run build = FirmwareTools.make(300, "host-san");
        assertTrue(build.ok(), build.output());
        try (Device d = Device.cHost(FirmwareTools.BUILD.resolve("host/snn-fw-host-san"), dir);
             DeviceClient c = new DeviceClient(d.connector().open(), null)) {
            SignedImageAttacks.Report r = SignedImageAttacks.run(q -> c.call(q, 20_000, 1, "attack"), null, 15, 1200);
            System.out.println("SignedAttacksCTest (C firmware, host build): " + r);
            assertTrue(r.failures.isEmpty(), r.toString());
            assertEquals(1200, r.attacks);
            assertEquals(8, r.controls);
            assertEquals(SignedImageAttacks.Kind.values().length, r.byKind.size(), r.toString());
        }
    }
}
