package snn.sim.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.sign.Ed25519;
import snn.sim.board.BoardProfile;
import snn.sim.board.FaultSpec;
import snn.sim.board.FileFlash;
import snn.support.SnnException;

/** snn emulate --trust: provisions a fresh flash, keeps an identical store, refuses to swap it unsigned. */
class EmulatorTrustTest {
    /** Gives up the flash file's lock, as a stopped emulator process would. */
    private static void release(Emulator e) throws Exception {
        ((FileFlash) e.board().flash()).close();
    }

    @Test
    void trustAtStartIsPersistedAndNotReplacedUnsigned(@TempDir Path dir) throws Exception {
        BoardProfile p = new BoardProfile("t", 256 << 10, 64 << 10);
        Path flash = dir.resolve("flash.bin");
        byte[] a = Ed25519.raw(Ed25519.fromSeed(new byte[32]).getPublic());
        byte[] b = Ed25519.raw(Ed25519.generate().getPublic());
        Emulator first = new Emulator(p, flash, 0, FaultSpec.NONE, 1, null, new byte[][] {a});
        assertEquals(1, first.board().state().trustGeneration());
        release(first);
        Emulator again = new Emulator(p, flash, 0, FaultSpec.NONE, 1, null, new byte[][] {a});
        assertArrayEquals(a, again.board().state().trustKeys()[0]);
        assertEquals(1, again.board().state().trustGeneration(), "the same store again: nothing written");
        release(again);
        Emulator plain = new Emulator(p, flash, 0, FaultSpec.NONE, 1, null);
        assertEquals(1, plain.board().state().trustKeys().length, "the store is in the flash file");
        release(plain);
        SnnException e = assertThrows(SnnException.class, () -> new Emulator(p, flash, 0, FaultSpec.NONE, 1, null, new byte[][] {b}));
        assertTrue(e.getMessage().contains("already holds another trust store"), e.getMessage());
    }
}
