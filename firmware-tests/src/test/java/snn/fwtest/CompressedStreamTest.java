package snn.fwtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.compress.Snz;
import snn.protocol.compress.SnzDecoder;
import snn.protocol.compress.SnzEncoder;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.InferResult;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
import snn.sim.board.TrailingShaValidator;
import snn.sim.image.ImageNetworks;
import snn.core.LifLoop;

/**
 * The SNZ1 upload stream (docs/device-spec.md section 16) on both decoders and both devices: the
 * Java and the C decoder turn the streams of real images into exactly the image bytes; corrupted
 * streams are refused with BAD_STREAM by the Java emulator and the C firmware's host build, and the
 * active model stays (its slot still hashes to its SHA-256 after a power cycle); and an upload cut
 * by a reboot mid-stream resumes at a block start.
 */
@org.junit.jupiter.api.extension.ExtendWith(SkipReasons.class)
class CompressedStreamTest {
    static final String[] KINDS = {"bad_reference", "overlong", "truncation", "garbage", "bitflip"};
    static final int PER_KIND = 30;

    private static byte[] active;   // model A, installed before the attacks
    private static byte[] target;   // model B, whose stream is corrupted
    private static List<byte[]> real = new ArrayList<>();
    private static List<String> realNames = new ArrayList<>();
    private static Path hostFirmware;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        snn.data.Dataset mnist = snn.data.DatasetResolver.standard(snn.data.FetchLog.silent()).load("mnist", null);
        for (int bits : new int[] {8, 4, 2}) {
            real.add(QemuFirmwareTest.smallMnistImage(mnist, "mps2-an385", bits));
            realNames.add("MNIST 784x100 " + bits + "-bit");
        }
        Path golden = FirmwareTools.golden();
        try (Stream<Path> files = Files.list(golden)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".img")).sorted().toList()) {
                real.add(Files.readAllBytes(f));
                realNames.add("golden " + f.getFileName());
            }
        }
        target = real.get(1);
        active = Files.readAllBytes(golden.resolve("one_neuron.img"));
        if (FirmwareTools.hostMissing() == null) {
            FirmwareTools.Run r = FirmwareTools.make(300, "host-san", "snz-decode");
            assertTrue(r.ok(), r.output());
            hostFirmware = FirmwareTools.BUILD.resolve("host/snn-fw-host-san");
        }
    }

    static Stream<Arguments> devices() {
        return Device.kinds();
    }

    private Device open(String which) throws Exception {
        return Device.open(which, hostFirmware, dir);
    }

    /** The Java decoder fed in random pieces, as chunks arrive. */
    static byte[] javaDecode(byte[] stream, int size, long seed) {
        byte[] out = new byte[size];
        SnzDecoder d = new SnzDecoder(size);
        Random r = new Random(seed);
        for (int at = 0; at < stream.length; ) {
            int n = Math.min(1 + r.nextInt(1500), stream.length - at);
            d.feed(stream, at, n, (off, data, o, len) -> System.arraycopy(data, o, out, off, len));
            at += n;
        }
        d.finish();
        return out;
    }

    @Test
    void javaAndCDecodeRealImagesToTheSameBytes() throws Exception {
        assumeTrue(FirmwareTools.hostMissing() == null, FirmwareTools.hostMissing());
        Path tool = FirmwareTools.BUILD.resolve("host/snz_decode");
        for (int k = 0; k < real.size(); k++) {
            byte[] img = real.get(k);
            byte[] stream = SnzEncoder.encode(img).bytes();
            assertArrayEquals(img, javaDecode(stream, img.length, k), realNames.get(k) + ": Java decoder");
            Path in = dir.resolve("s" + k + ".snz");
            Path out = dir.resolve("s" + k + ".out");
            Files.write(in, stream);
            Process p = new ProcessBuilder(tool.toString(), Integer.toString(img.length), in.toString(), out.toString(),
                    Integer.toString(k + 1)).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), realNames.get(k) + ": " + log);
            assertArrayEquals(img, Files.readAllBytes(out), realNames.get(k) + ": C decoder");
            if (k < 3) {
                System.out.printf(Locale.ROOT, "SNZ1 %s: %d -> %d bytes (%.3f); %s", realNames.get(k), img.length, stream.length,
                        (double) stream.length / img.length, log);
            }
        }
        System.out.println("SNZ1: " + real.size() + " real images decode to the same bytes in Java and C");
    }

    /** One corrupted stream for {@link #target}: the bytes and the stream size its BeginUpload announces. */
    record Attack(String kind, byte[] stream) {
    }

    static Attack attack(String kind, SnzEncoder.Stream s, Random rnd) {
        byte[] b = s.bytes();
        int[] starts = s.blockStarts();
        int k = rnd.nextInt(starts.length);
        int h = starts[k]; // a block header
        int payload = (b[h] & 0xFF) | (b[h + 1] & 0xFF) << 8;
        switch (kind) {
            case "bad_reference" -> { // a context stride beyond the decoder's 1 KiB window
                byte[] x = b.clone();
                int stride = Snz.MAX_STRIDE + 1 + rnd.nextInt(Snz.STORED - Snz.MAX_STRIDE - 1);
                x[h + 2] = (byte) stride;
                x[h + 3] = (byte) (stride >>> 8);
                return new Attack(kind, x);
            }
            case "overlong" -> {
                if (rnd.nextBoolean()) { // a block whose payload is longer than its output needs
                    int extra = 1 + rnd.nextInt(64);
                    byte[] x = new byte[b.length + extra];
                    System.arraycopy(b, 0, x, 0, h + Snz.HEADER + payload);
                    System.arraycopy(b, h + Snz.HEADER + payload, x, h + Snz.HEADER + payload + extra, b.length - h - Snz.HEADER - payload);
                    int len = payload + extra;
                    x[h] = (byte) len;
                    x[h + 1] = (byte) (len >>> 8);
                    return new Attack(kind, x);
                }
                // output past the image's end: another block after the last one
                int last = starts[starts.length - 1];
                byte[] x = new byte[b.length + (b.length - last)];
                System.arraycopy(b, 0, x, 0, b.length);
                System.arraycopy(b, last, x, b.length, b.length - last);
                return new Attack(kind, x);
            }
            case "truncation" -> {
                if (rnd.nextBoolean()) { // the stream ends early
                    return new Attack(kind, java.util.Arrays.copyOf(b, 1 + rnd.nextInt(b.length - 1)));
                }
                byte[] x = b.clone(); // a block's payload_len shorter than its coded bytes
                int len = Math.max(0, payload - 1 - rnd.nextInt(Math.min(payload, 16)));
                x[h] = (byte) len;
                x[h + 1] = (byte) (len >>> 8);
                return new Attack(kind, x);
            }
            case "garbage" -> { // random bytes over a random span
                byte[] x = b.clone();
                int at = rnd.nextInt(x.length);
                int n = 1 + rnd.nextInt(Math.min(2048, x.length - at));
                byte[] junk = new byte[n];
                rnd.nextBytes(junk);
                System.arraycopy(junk, 0, x, at, n);
                return new Attack(kind, x);
            }
            default -> { // one flipped bit anywhere
                byte[] x = b.clone();
                x[rnd.nextInt(x.length)] ^= (byte) (1 << rnd.nextInt(8));
                return new Attack(kind, x);
            }
        }
    }

    /** Sends the stream in order, a chunk at a time; returns the first answer that is not OK (or null). */
    static Response send(DeviceClient c, byte[] sha, int size, byte[] stream, SnzEncoder.Stream honest) throws Exception {
        Response b = Wire.beginSnz(c, sha, size, stream.length);
        if (b.getError() != ErrorCode.OK) {
            return b;
        }
        for (int off = 0; off < stream.length; off += 1024) {
            int block = honest.blockIndexAt(off);
            Response r = Wire.streamChunk(c, stream, off, Math.min(1024, stream.length - off), off == 0 ? 0
                    : block >= 0 ? block * Snz.BLOCK : -1);
            if (r.getError() != ErrorCode.OK) {
                return r;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void corruptStreamsAreRefusedAndTheActiveModelStays(String which) throws Exception {
        byte[] activeSha = snn.support.Sha256.of(active);
        byte[] sha = snn.support.Sha256.of(target);
        SnzEncoder.Stream honest = SnzEncoder.encode(target);
        int[] refused = new int[KINDS.length];
        try (Device d = open(which)) {
            UploadResult a = new Uploader(d.connector(), Uploader.Options.DEFAULT, null, null).upload(active);
            assertEquals("snz1", a.encoding());
            for (int kind = 0; kind < KINDS.length; kind++) {
                Random rnd = new Random(0xA77AC4L + kind);
                try (DeviceClient c = new DeviceClient(d.connector().open(), null)) {
                    for (int i = 0; i < PER_KIND; i++) {
                        Attack at = attack(KINDS[kind], honest, rnd);
                        String where = which + " " + at.kind() + " #" + i;
                        Response r = send(c, sha, target.length, at.stream(), honest);
                        if (r == null || r.getError() != ErrorCode.BAD_STREAM) {
                            fail(where + ": expected BAD_STREAM, got " + (r == null ? "every chunk accepted"
                                    : r.getError() + " (" + r.getDetail() + ")"));
                        }
                        assertTrue(r.getDetail().contains("kept the previous model"), where + ": " + r.getDetail());
                        Status st = c.status();
                        assertEquals(ErrorCode.BAD_STREAM, st.getLastError(), where);
                        assertFalse(st.hasPending(), where + ": the refused upload is gone");
                        assertArrayEquals(activeSha, st.getModelSha256().toByteArray(), where + ": active model changed");
                        refused[kind]++;
                    }
                }
                // power cycle: the device re-hashes the active slot at boot and reports it only if it matches
                d.powerCycle(-1);
                try (DeviceClient c = new DeviceClient(d.connector().open(), null)) {
                    DeviceInfo info = c.hello();
                    assertArrayEquals(activeSha, info.getModelSha256().toByteArray(), which + " after " + KINDS[kind]);
                    assertEquals(ErrorCode.OK, c.status().getLastError(), "no SHA mismatch at boot");
                }
            }
            // the honest stream still installs
            UploadResult ok = new Uploader(d.connector(), Uploader.Options.DEFAULT, null, null).upload(target);
            assertEquals("snz1", ok.encoding());
            assertInferenceMatches(d, target);
        }
        StringBuilder sb = new StringBuilder("SNZ1 attacks on " + which + ":");
        for (int k = 0; k < KINDS.length; k++) {
            sb.append(' ').append(KINDS[k]).append(' ').append(refused[k]).append('/').append(PER_KIND);
            assertEquals(PER_KIND, refused[k]);
        }
        System.out.println(sb + " refused with BAD_STREAM, active model kept");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void anUploadCutByARebootMidStreamResumesAtABlockStart(String which) throws Exception {
        byte[] sha = snn.support.Sha256.of(target);
        SnzEncoder.Stream s = SnzEncoder.encode(target);
        byte[] stream = s.bytes();
        int midBlock3 = s.blockStart(2 * Snz.BLOCK) + 100; // into the third block
        try (Device d = open(which)) {
            try (DeviceClient c = new DeviceClient(d.connector().open(), null)) {
                Response b = Wire.beginSnz(c, sha, target.length, stream.length);
                assertEquals(ErrorCode.OK, b.getError(), b.getDetail());
                assertEquals(0, b.getAck().getNextOffset());
                assertFalse(b.getAck().getStreamSync());
                for (int off = 0; off < midBlock3; off += 1024) {
                    Response r = Wire.streamChunk(c, stream, off, Math.min(1024, midBlock3 - off), -1);
                    assertEquals(ErrorCode.OK, r.getError(), r.getDetail());
                }
            }
            d.powerCycle(-1);
            try (DeviceClient c = new DeviceClient(d.connector().open(), null)) {
                DeviceInfo info = c.hello();
                assertEquals(3, info.getEncodings(), "RAW and SNZ1 offered");
                assertEquals(2 * Snz.BLOCK, info.getPending().getNextOffset(), "two whole blocks journalled");
                // after a boot, chunks wait for a begin that says how they are encoded
                Response early = Wire.streamChunk(c, stream, midBlock3, 64, -1);
                assertEquals(ErrorCode.NO_UPLOAD, early.getError(), early.getDetail());
                Response b = Wire.beginSnz(c, sha, target.length, stream.length);
                assertTrue(b.getAck().getStreamSync(), "the device asks for a block start");
                assertEquals(2 * Snz.BLOCK, b.getAck().getImageOffset());
                // a chunk that does not start that block is answered with the block wanted
                Response off = Wire.streamChunk(c, stream, s.blockStart(Snz.BLOCK), 256, Snz.BLOCK);
                assertEquals(ErrorCode.BAD_OFFSET, off.getError());
                assertTrue(off.getAck().getStreamSync());
                assertEquals(2 * Snz.BLOCK, off.getAck().getImageOffset());
            }
            UploadResult up = new Uploader(d.connector(), Uploader.Options.DEFAULT, null, null).upload(target);
            assertEquals(2 * Snz.BLOCK, up.resumedFrom());
            assertEquals(stream.length - s.blockStart(2 * Snz.BLOCK), up.sentBytes(), "the stream from the third block on");
            assertInferenceMatches(d, target);
            // a power cut while a block is being programmed, then a clean resume
            // flash writes after the restart: the begin's erases and journal record, then programs and
            // journal records; 30 writes on lands a few whole blocks in on both devices (the C store's
            // 256-byte trust-carrying records take more writes per block than the count of blocks alone)
            byte[] other = real.get(0);
            d.powerCycle((other.length + Snz.BLOCK - 1) / Snz.BLOCK + 1 + 30);
            try (DeviceClient c = new DeviceClient(d.connector().open(), null)) {
                SnzEncoder.Stream os = SnzEncoder.encode(other);
                send(c, snn.support.Sha256.of(other), other.length, os.bytes(), os);
            } catch (Exception e) {
                // the power went mid-stream: the device stopped answering
            }
            d.powerCycle(-1);
            UploadResult again = new Uploader(d.connector(), Uploader.Options.DEFAULT, null, null).upload(other);
            assertEquals("snz1", again.encoding());
            assertTrue(again.resumedFrom() > 0 && again.resumedFrom() % Snz.BLOCK == 0, "resumed at a block start: "
                    + again.resumedFrom());
            assertInferenceMatches(d, other);
        }
    }

    private static void assertInferenceMatches(Device d, byte[] image) throws Exception {
        LifLoop loop = new LifLoop(ImageNetworks.parse(image, "model.img"));
        byte[] px = new byte[784];
        Random r = new Random(3);
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
        }
        try (DeviceClient c = new DeviceClient(d.connector().open(), null)) {
            assertArrayEquals(snn.support.Sha256.of(image), c.hello().getModelSha256().toByteArray());
            InferResult got = c.infer(px, 5, 20_000);
            LifLoop.Result want = loop.run(px, 0, 5);
            assertEquals(want.label, got.getLabel());
            assertArrayEquals(want.counts, got.getSpikeCountsList().stream().mapToInt(Integer::intValue).toArray());
        }
    }
}
