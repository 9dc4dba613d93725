package snn.sim.board;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.wire.BeginUpload;
import snn.protocol.wire.Chunk;
import snn.protocol.wire.Commit;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Hello;
import snn.protocol.wire.Infer;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;

class BoardTest {
    static final BoardProfile PROFILE = new BoardProfile("test", 64 * 1024, 16 * 1024);
    static final FlashLayout LAYOUT = FlashLayout.forFlash(PROFILE.flashBytes(), 1024, 0);

    static Board board(Flash flash) {
        return new Board(PROFILE, flash, LAYOUT, new TrailingShaValidator(), null, 512);
    }

    static byte[] image(long seed, int body) {
        byte[] b = new byte[body];
        new Random(seed).nextBytes(b);
        return TrailingShaValidator.withTrailer(b);
    }

    static Response begin(Board b, byte[] img) {
        return b.handle(Request.newBuilder().setBegin(BeginUpload.newBuilder()
                .setSha256(ByteString.copyFrom(TrailingShaValidator.sha256(img))).setSize(img.length)).build());
    }

    static Response chunk(Board b, byte[] img, int off, int len) {
        return b.handle(Request.newBuilder().setChunk(Chunk.newBuilder().setOffset(off)
                .setData(ByteString.copyFrom(img, off, len))).build());
    }

    static Response commit(Board b, byte[] img) {
        return b.handle(Request.newBuilder().setCommit(Commit.newBuilder()
                .setSha256(ByteString.copyFrom(TrailingShaValidator.sha256(img)))).build());
    }

    static void sendFrom(Board b, byte[] img, int from) {
        for (int off = from; off < img.length; off += 512) {
            Response r = chunk(b, img, off, Math.min(512, img.length - off));
            assertEquals(ErrorCode.OK, r.getError(), r.getDetail());
        }
    }

    static void install(Board b, byte[] img) {
        assertEquals(ErrorCode.OK, begin(b, img).getError());
        sendFrom(b, img, 0);
        Response r = commit(b, img);
        assertEquals(ErrorCode.OK, r.getError(), r.getDetail());
    }

    @Test
    void uploadCommitAndAlternateSlots() {
        Board b = board(new MemoryFlash(PROFILE.flashBytes(), 1024));
        byte[] a = image(1, 5000);
        byte[] c = image(2, 9000);
        install(b, a);
        assertEquals(0, b.state().activeSlot());
        assertArrayEquals(a, b.activeModelFromFlash());
        install(b, c);
        assertEquals(1, b.state().activeSlot());
        assertArrayEquals(c, b.activeModelFromFlash());
        Response again = begin(b, c);
        assertTrue(again.getAck().getAlreadyActive());
        assertEquals(c.length, again.getAck().getNextOffset());
        // commit is idempotent once active
        assertEquals(ErrorCode.OK, commit(b, c).getError());
    }

    @Test
    void resumesAfterRebootFromJournalledProgress() {
        MemoryFlash flash = new MemoryFlash(PROFILE.flashBytes(), 1024);
        Board b = board(flash);
        byte[] img = image(3, 20000);
        begin(b, img);
        for (int off = 0; off < 10240; off += 512) {
            chunk(b, img, off, 512);
        }
        b.boot(); // power cycle: RAM progress lost, journalled progress kept
        Response r = begin(b, img);
        assertEquals(ErrorCode.OK, r.getError());
        assertEquals(8192, r.getAck().getNextOffset()); // journalled every 4096 bytes
        Response hello = b.handle(Request.newBuilder().setHello(Hello.getDefaultInstance()).build());
        assertEquals(8192, hello.getInfo().getPending().getNextOffset());
        sendFrom(b, img, 8192);
        assertEquals(ErrorCode.OK, commit(b, img).getError());
        assertArrayEquals(img, board(flash).activeModelFromFlash());
    }

    @Test
    void gapsAndDuplicatesAreAnsweredWithTheExpectedOffset() {
        Board b = board(new MemoryFlash(PROFILE.flashBytes(), 1024));
        byte[] img = image(4, 3000);
        begin(b, img);
        assertEquals(512, chunk(b, img, 0, 512).getAck().getNextOffset());
        Response gap = chunk(b, img, 1024, 512);
        assertEquals(ErrorCode.BAD_OFFSET, gap.getError());
        assertEquals(512, gap.getAck().getNextOffset());
        Response dup = chunk(b, img, 0, 512);
        assertEquals(ErrorCode.OK, dup.getError());
        assertEquals(512, dup.getAck().getNextOffset());
        Response overlap = chunk(b, img, 256, 512); // half old, half new
        assertEquals(768, overlap.getAck().getNextOffset());
        Response early = commit(b, img);
        assertEquals(ErrorCode.INCOMPLETE, early.getError());
    }

    @Test
    void refusesBadImagesAndKeepsTheOldModel() {
        Board b = board(new MemoryFlash(PROFILE.flashBytes(), 1024));
        byte[] good = image(5, 4000);
        install(b, good);
        byte[] bad = image(6, 4000);
        bad[100] ^= 1; // the trailer no longer matches
        assertEquals(ErrorCode.OK, begin(b, bad).getError());
        sendFrom(b, bad, 0);
        Response r = commit(b, bad);
        assertEquals(ErrorCode.BAD_IMAGE, r.getError());
        assertTrue(r.getDetail().contains("kept the previous model"), r.getDetail());
        assertArrayEquals(good, b.activeModelFromFlash());
        assertEquals(ErrorCode.BAD_IMAGE, r.getStatus().getLastError());
        b.boot();
        assertArrayEquals(good, b.activeModelFromFlash());
        assertFalse(b.state().hasUpload());
    }

    @Test
    void tooLargeAndNoEngineAreExplained() {
        Board b = board(new MemoryFlash(PROFILE.flashBytes(), 1024));
        byte[] huge = image(7, LAYOUT.slotBytes());
        Response r = begin(b, huge);
        assertEquals(ErrorCode.TOO_LARGE, r.getError());
        assertTrue(r.getDetail().contains(String.valueOf(LAYOUT.slotBytes())), r.getDetail());
        Response inf = b.handle(Request.newBuilder().setInfer(Infer.newBuilder().setPixels(ByteString.copyFrom(new byte[784]))).build());
        assertEquals(ErrorCode.NO_MODEL, inf.getError());
        install(b, image(8, 100));
        inf = b.handle(Request.newBuilder().setInfer(Infer.newBuilder().setPixels(ByteString.copyFrom(new byte[784]))).build());
        assertEquals(ErrorCode.UNSUPPORTED, inf.getError());
    }

    @Test
    void fileFlashSurvivesRestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flash.bin");
        byte[] img = image(9, 6000);
        try (FileFlash f = new FileFlash(file, PROFILE.flashBytes(), 1024)) {
            install(board(f), img);
        }
        assertEquals(PROFILE.flashBytes(), Files.size(file));
        try (FileFlash f = new FileFlash(file, PROFILE.flashBytes(), 1024)) {
            assertArrayEquals(img, board(f).activeModelFromFlash());
        }
        try (FileFlash f = new FileFlash(dir.resolve("fresh.bin"), PROFILE.flashBytes(), 1024)) {
            assertNull(board(f).activeModelFromFlash());
        }
    }

    /** Two boards on one flash file would destroy its models: the second is refused, naming the file and the holder. */
    @Test
    void aFlashFileServesOneBoardAtATime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("flash.bin");
        byte[] img = image(9, 6000);
        long self = ProcessHandle.current().pid();
        try (FileFlash f = new FileFlash(file, PROFILE.flashBytes(), 1024)) {
            install(board(f), img);
            snn.support.SnnException e = assertThrows(snn.support.SnnException.class,
                    () -> new FileFlash(file, PROFILE.flashBytes(), 1024));
            assertEquals(snn.support.SnnException.USAGE, e.exitCode());
            assertEquals("flash file " + file + " is in use by another emulated board (pid " + self
                    + "); stop it, or give this board another --flash file", e.getMessage());
            assertArrayEquals(img, board(f).activeModelFromFlash());
        }
        // released on close; and a lock left by a dead process is no claim (the OS dropped it)
        try (FileFlash f = new FileFlash(file, PROFILE.flashBytes(), 1024)) {
            assertArrayEquals(img, board(f).activeModelFromFlash());
        }
        // another process holding it (an fcntl lock, as the JVM takes, with its pid in FILE.lock)
        org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0,
                "python3 unavailable");
        Process holder = new ProcessBuilder("python3", "-c", "import fcntl,os,sys\n"
                + "f=open(sys.argv[1],'r+')\nfcntl.lockf(f,fcntl.LOCK_EX|fcntl.LOCK_NB)\n"
                + "f.truncate(0);f.write(str(os.getpid())+'\\n');f.flush()\nprint('held',flush=True)\nsys.stdin.read()",
                FileFlash.lockFile(file).toString()).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream())).readLine();
            assertEquals("held", line);
            snn.support.SnnException e = assertThrows(snn.support.SnnException.class,
                    () -> new FileFlash(file, PROFILE.flashBytes(), 1024));
            assertTrue(e.getMessage().contains("(pid " + holder.pid() + ")"), e.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor();
        }
        try (FileFlash f = new FileFlash(file, PROFILE.flashBytes(), 1024)) {
            assertArrayEquals(img, board(f).activeModelFromFlash());
        }
    }

    @Test
    void faultSpecParsesAndRejects() {
        FaultSpec f = FaultSpec.parse("flip=1e-4, dropframe=0.01,powercut=40");
        assertEquals(1e-4, f.flip());
        assertEquals(0.01, f.dropFrame());
        assertEquals(40, f.powerCutAt());
        for (String bad : new String[] {"flip", "flip=2", "zap=0.1", "powercut=-1"}) {
            try {
                FaultSpec.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (snn.support.SnnException e) {
                assertTrue(e.getMessage().startsWith("--faults " + bad), e.getMessage());
            }
        }
    }
}
