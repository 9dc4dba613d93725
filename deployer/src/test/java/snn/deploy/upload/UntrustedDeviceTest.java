package snn.deploy.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import snn.deploy.link.Link;
import snn.deploy.link.SimLink;
import snn.protocol.frame.FrameDecoder;
import snn.protocol.frame.FrameEncoder;
import snn.protocol.wire.BeginUpload;
import snn.protocol.wire.Chunk;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;
import snn.protocol.wire.UploadAck;
import snn.sim.board.Board;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.board.MemoryFlash;
import snn.sim.board.TrailingShaValidator;
import snn.support.SnnException;

/** The host does not trust what a device says (issue 16 items 9 and 15). */
class UntrustedDeviceTest {
    /** A device that answers hello normally and begin with a resume offset it cannot have. */
    static final class LyingDevice implements Link {
        private final int beginOffset;
        private final List<byte[]> requests = new ArrayList<>();
        private final ArrayDeque<byte[]> out = new ArrayDeque<>();
        private final FrameDecoder decoder = new FrameDecoder(requests::add);

        LyingDevice(int beginOffset) {
            this.beginOffset = beginOffset;
        }

        @Override
        public String name() {
            return "lying";
        }

        @Override
        public int baud() {
            return 115200;
        }

        @Override
        public boolean virtualTime() {
            return true;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            decoder.feed(bytes);
            for (byte[] p : requests) {
                Request q = Request.parseFrom(p);
                Response.Builder r = Response.newBuilder().setSeq(q.getSeq());
                if (q.hasHello()) {
                    r.setInfo(DeviceInfo.newBuilder().setProtocolVersion(1).setSlotBytes(1 << 20).setMaxChunk(1024)
                            .setProfile("liar"));
                } else {
                    r.setAck(UploadAck.newBuilder().setNextOffset(beginOffset));
                }
                out.add(FrameEncoder.encode(r.build().toByteArray()));
            }
            requests.clear();
        }

        @Override
        public int read(byte[] buf, long timeoutMillis) {
            byte[] f = out.poll();
            if (f == null) {
                return 0;
            }
            System.arraycopy(f, 0, buf, 0, f.length);
            return f.length;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aResumeOffsetOutsideTheImageIsADeviceFaultNotACrash() {
        byte[] img = SimBoards.image(new Random(8), 5000);
        for (int offset : new int[] {-1, img.length + 1}) {
            SnnException e = assertThrows(SnnException.class,
                    () -> new Uploader(() -> new LyingDevice(offset), Uploader.Options.DEFAULT, null, null).upload(img));
            assertTrue(e.getMessage().contains("device answered begin with offset " + Integer.toUnsignedString(offset)
                    + ", outside the image's 0.." + img.length + " bytes"), e.getMessage());
        }
    }

    /**
     * A flipped bit in the part of an upload already in the pending slot: the resumed upload's commit
     * fails with SHA_MISMATCH, and the uploader sends the whole image again from 0, once, by itself.
     */
    @Test
    void aCorruptPendingSlotIsUploadedAgainFromZero() throws Exception {
        MemoryFlash flash = new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024);
        Board b = SimBoards.board(flash);
        byte[] img = SimBoards.image(new Random(9), 20000);
        b.handle(Request.newBuilder().setBegin(BeginUpload.newBuilder()
                .setSha256(ByteString.copyFrom(snn.support.Sha256.of(img))).setSize(img.length)).build());
        for (int off = 0; off < 12288; off += 1024) {
            b.handle(Request.newBuilder().setChunk(Chunk.newBuilder().setOffset(off)
                    .setData(ByteString.copyFrom(img, off, 1024))).build());
        }
        int at = SimBoards.LAYOUT.slotAddress(b.state().uploadSlot()) + 100;
        while (flash.read(at, 1)[0] == 0) {
            at++;
        }
        byte was = flash.read(at, 1)[0];
        int bit = Integer.lowestOneBit(was & 0xFF);
        flash.program(at, new byte[] {(byte) (was & ~bit)}, 0, 1); // NOR flash: a 1 bit becomes 0
        List<String> notes = new ArrayList<>();
        UploadResult r = new Uploader(SimLink.connector(b, new FaultInjector(FaultSpec.NONE, new Random(1)), null),
                Uploader.Options.DEFAULT.withCompress(false), null, (a, t, d) -> notes.add(d)).upload(img); // raw: bytes counted exactly
        assertEquals("raw", r.encoding());
        assertEquals(12288, r.resumedFrom());
        assertEquals(img.length - 12288 + img.length, r.sentBytes());
        assertEquals(1, r.reconnects());
        assertArrayEquals(img, b.activeModelFromFlash());
        assertTrue(notes.stream().anyMatch(n -> n.contains("commit refused (SHA_MISMATCH") && n.contains("from offset 0")),
                notes.toString());
    }

    /**
     * The commit wait covers the image's self-test bound (docs/device-spec.md section 2): a board that
     * runs a long self-test is waited for, not declared gone (issue 16 item 5).
     */
    @Test
    void commitWaitGrowsWithTheSelfTestBound() {
        byte[] small = SimBoards.deviceImage(3, 20);
        snn.protocol.image.DeviceImage m = snn.protocol.image.ImageParser.parse(small, "small");
        long cost = snn.protocol.image.ImageParser.selfTestCost(m.inputs, m.neurons, m.steps, m.intensity, m.intensityMax);
        assertEquals(500 + 2000 + small.length / 64 + cost / 20_000, Uploader.commitMillis(small, 500));
        m.steps = 65535;
        m.intensity = 1;
        m.intensityMax = 1;
        m.selfTest.expectedPresentations = 1;
        m.selfTest.expectedSteps = 65535;
        byte[] big = snn.protocol.image.ImageWriter.write(m);
        long bigCost = 65535L * 20 * 785;
        assertEquals(500 + 2000 + big.length / 64 + bigCost / 20_000, Uploader.commitMillis(big, 500));
        byte[] notAnImage = SimBoards.image(new Random(1), 1000);
        assertEquals(500 + 2000 + notAnImage.length / 64, Uploader.commitMillis(notAnImage, 500));
    }

    /**
     * A board busy with the commit's self-test answers nothing; its answer comes too late for this
     * connection. The uploader then waits for the next hello (saying so) instead of giving up, and
     * finds the model active (issue 16 item 5).
     */
    @Test
    void aBoardThatAnswersTheCommitTooLateIsWaitedFor() {
        Board b = SimBoards.board(new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024));
        byte[] img = SimBoards.image(new Random(10), 6000);
        int[] opened = new int[1];
        Link.Connector c = () -> {
            SimLink inner = new SimLink(b, new FaultInjector(FaultSpec.NONE, new Random(2)), null);
            return opened[0]++ == 0 ? new SilentAfterCommit(inner) : inner;
        };
        List<String> notes = new ArrayList<>();
        UploadResult r = new Uploader(c, Uploader.Options.DEFAULT, null, (a, t, d) -> notes.add(d)).upload(img);
        assertArrayEquals(img, b.activeModelFromFlash());
        assertEquals(1, r.reconnects());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("committing: the device hashes the image and runs its self-test")),
                notes.toString());
        assertTrue(notes.stream().anyMatch(n -> n.startsWith("waiting up to ") && n.endsWith("to finish the commit's self-test")),
                notes.toString());
    }

    /** Passes everything through, except that once a commit was sent, nothing more comes back. */
    static final class SilentAfterCommit implements Link {
        private final Link inner;
        private final FrameDecoder requests;
        private boolean committed;

        SilentAfterCommit(Link inner) {
            this.inner = inner;
            this.requests = new FrameDecoder(p -> {
                try {
                    committed |= Request.parseFrom(p).hasCommit();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public int baud() {
            return inner.baud();
        }

        @Override
        public boolean virtualTime() {
            return true;
        }

        @Override
        public void write(byte[] bytes) throws IOException {
            requests.feed(bytes);
            inner.write(bytes);
        }

        @Override
        public int read(byte[] buf, long timeoutMillis) throws IOException {
            int n = inner.read(buf, timeoutMillis);
            return committed ? 0 : n;
        }

        @Override
        public void close() throws IOException {
            inner.close();
        }
    }
}
