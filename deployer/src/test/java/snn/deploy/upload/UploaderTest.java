package snn.deploy.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import snn.deploy.link.Link;
import snn.deploy.link.SimLink;
import snn.sim.board.Board;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.board.MemoryFlash;
import snn.sim.board.PowerCutFlash;
import snn.support.SnnException;

class UploaderTest {
    static Link.Connector sim(Board b, FaultSpec f, long seed) {
        return SimLink.connector(b, new FaultInjector(f, new Random(seed)), null);
    }

    static UploadResult deploy(Link.Connector c, byte[] img, Uploader.Options o) {
        return new Uploader(c, o, null, null).upload(img);
    }

    @Test
    void uploadsAndSecondDeployIsANoOp() {
        Board b = SimBoards.board(new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024));
        byte[] img = SimBoards.image(new Random(1), 20000);
        UploadResult r = deploy(sim(b, FaultSpec.NONE, 1), img, Uploader.Options.DEFAULT);
        assertEquals(img.length, r.bytes());
        assertEquals(0, r.resumedFrom());
        assertEquals(img.length, r.sentBytes());
        assertArrayEquals(img, b.activeModelFromFlash());
        UploadResult again = deploy(sim(b, FaultSpec.NONE, 1), img, Uploader.Options.DEFAULT);
        assertTrue(again.alreadyActive());
        assertEquals(0, again.sentBytes());
    }

    /** The link drops mid-upload; the next deploy resumes from the device's acknowledged offset. */
    @Test
    void resumesAfterDisconnect() {
        Board b = SimBoards.board(new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024));
        byte[] img = SimBoards.image(new Random(2), 30000);
        Link.Connector once = new Link.Connector() {
            int opened;

            @Override
            public Link open() throws IOException {
                if (opened++ > 0) {
                    throw new IOException("cable unplugged");
                }
                return new SimLink(b, new FaultInjector(FaultSpec.parse("disconnect=0.05"), new Random(3)), null);
            }
        };
        SnnException e = assertThrows(SnnException.class, () -> deploy(once, img, Uploader.Options.DEFAULT));
        assertTrue(e.getMessage().contains("cable unplugged"), e.getMessage());
        long acked = b.state().uploadOffset();
        assertTrue(acked > 0, "some progress was journalled");
        UploadResult r = deploy(sim(b, FaultSpec.NONE, 4), img, Uploader.Options.DEFAULT);
        assertTrue(r.resumedFrom() >= acked, "resumed from " + r.resumedFrom() + ", journalled " + acked);
        assertTrue(r.sentBytes() <= img.length - r.resumedFrom());
        assertArrayEquals(img, b.activeModelFromFlash());
    }

    /** A power cut mid-upload (at flash write 60: past the slot erase, among the chunk programs) reboots the board; the upload resumes from the progress in flash. */
    @Test
    void resumesAfterReboot() {
        MemoryFlash mem = new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024);
        Random rnd = new Random(5);
        byte[] img = SimBoards.image(rnd, 30000);
        Board b = SimBoards.board(new PowerCutFlash(mem, 60, rnd));
        UploadResult r = deploy(sim(b, FaultSpec.NONE, 5), img, Uploader.Options.DEFAULT);
        assertEquals(1, r.reconnects());
        assertEquals(1, r.resumes(), "the second session continued from the journalled offset");
        assertEquals(2, b.boots());
        assertArrayEquals(img, SimBoards.board(mem).activeModelFromFlash());
    }

    @Test
    void refusalsNameOperationOffsetAndCode() {
        Board b = SimBoards.board(new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024));
        byte[] old = SimBoards.image(new Random(6), 1000);
        deploy(sim(b, FaultSpec.NONE, 6), old, Uploader.Options.DEFAULT);
        byte[] bad = SimBoards.image(new Random(7), 5000);
        bad[10] ^= 1;
        SnnException e = assertThrows(SnnException.class, () -> deploy(sim(b, FaultSpec.NONE, 7), bad, Uploader.Options.DEFAULT));
        assertEquals("sim: commit at offset 5032 refused by the device: BAD_IMAGE (8): image trailer at offset 5000 is not"
                + " the SHA-256 of the 5000 bytes before it; kept the previous model", e.getMessage());
        assertArrayEquals(old, b.activeModelFromFlash());
        byte[] huge = SimBoards.image(new Random(8), SimBoards.LAYOUT.slotBytes());
        e = assertThrows(SnnException.class, () -> deploy(sim(b, FaultSpec.NONE, 8), huge, Uploader.Options.DEFAULT));
        assertTrue(e.getMessage().contains("does not fit the device's model slot of " + SimBoards.LAYOUT.slotBytes()), e.getMessage());
    }

    @Test
    void silentDeviceFailsWithinBoundedTries() {
        Board b = SimBoards.board(new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024));
        byte[] img = SimBoards.image(new Random(9), 3000);
        SnnException e = assertThrows(SnnException.class,
                () -> deploy(sim(b, FaultSpec.parse("dropframe=1"), 9), img, Uploader.Options.DEFAULT));
        assertTrue(e.getMessage().startsWith("sim: deploy gave up after 7 link failures or restarts; last: sim: no answer to hello"),
                e.getMessage());
    }
}
