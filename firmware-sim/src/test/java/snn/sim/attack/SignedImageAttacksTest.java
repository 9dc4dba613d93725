package snn.sim.attack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import snn.protocol.wire.Response;
import snn.sim.board.Board;
import snn.sim.board.BoardProfile;
import snn.sim.emulator.Firmware;
import snn.sim.board.FlashLayout;
import snn.sim.board.MemoryFlash;

/** The attack suite against the Java emulator: 1,200 attacks, every one refused, nothing changed. */
class SignedImageAttacksTest {
    @Test
    void provisionedEmulatorRefusesEveryAttackAndKeepsItsModel() throws Exception {
        BoardProfile profile = new BoardProfile("attack", 256 << 10, 64 << 10);
        MemoryFlash flash = new MemoryFlash(profile.flashBytes(), FlashLayout.SECTOR);
        Board board = new Board(profile, flash, FlashLayout.forProfile(profile), Firmware.validator(), Firmware.engine(), 1024);
        SignedImageAttacks.Report r = SignedImageAttacks.run(q -> {
            Response a = board.handle(q.build());
            if (board.takeRebootRequest()) {
                board.boot();
            }
            return a;
        }, board::activeModelFromFlash, 15, 1200);
        System.out.println("SignedImageAttacksTest (java emulator): " + r);
        assertTrue(r.failures.isEmpty(), r.toString());
        assertEquals(1200, r.attacks);
        assertEquals(8, r.controls);
        assertEquals(SignedImageAttacks.Kind.values().length, r.byKind.size(), r.toString());
        r.byKind.values().forEach(n -> assertTrue(n >= 80, r.toString()));
    }
}
