package snn.fwtest;

import snn.support.Sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.frame.FrameEncoder;
import snn.protocol.image.ImageWriter;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Hello;
import snn.protocol.wire.InferResult;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
import snn.sim.board.TrailingShaValidator;
import snn.sim.image.ImageNetworks;
import snn.core.LifLoop;

/**
 * The protocol conformance suite: the same cases, with the same expected answers, against both
 * device implementations (the Java emulator and the C firmware's host port): hello, upload,
 * resume after a reboot, a frame with a bad CRC, an image whose bytes do not match the announced
 * SHA-256, an image whose self-test fails, a power cut during commit, and inference compared with
 * {@link LifLoop}.
 */
@org.junit.jupiter.api.extension.ExtendWith(SkipReasons.class)
class ConformanceTest {
    private static byte[] image;
    private static byte[] sha;
    private static Path hostFirmware;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() throws Exception {
        image = Files.readAllBytes(FirmwareTools.golden().resolve("mnist_shape.img"));
        sha = Sha256.of(image);
        if (FirmwareTools.hostMissing() == null) {
            FirmwareTools.Run r = FirmwareTools.make(300, "host-san");
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

    private static DeviceClient connect(Device d) throws IOException {
        return new DeviceClient(d.connector().open(), null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void helloOnEmptyFlash(String which) throws Exception {
        try (Device d = open(which); DeviceClient c = connect(d)) {
            DeviceInfo info = c.hello();
            assertEquals(1, info.getProtocolVersion());
            assertEquals("mps2-an385", info.getProfile());
            assertTrue(info.getInference());
            assertTrue(info.getSlotBytes() >= image.length, "slot of " + info.getSlotBytes());
            assertTrue(info.getModelSha256().isEmpty());
            assertFalse(info.hasPending());
            assertEquals(ErrorCode.NO_MODEL, Wire.infer(c, new byte[784], 0).getError());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void uploadThenInferenceMatchesTheEmulator(String which) throws Exception {
        try (Device d = open(which)) {
            UploadResult up = new Uploader(d.connector(), Uploader.Options.DEFAULT, null, null).upload(image);
            assertArrayEquals(sha, up.sha256());
            LifLoop loop = new LifLoop(ImageNetworks.parse(image, "mnist_shape.img"));
            try (DeviceClient c = connect(d)) {
                assertArrayEquals(sha, c.status().getModelSha256().toByteArray());
                SplittableRandom r = new SplittableRandom(5);
                for (int k = 0; k < 6; k++) {
                    byte[] px = new byte[784];
                    for (int i = 0; i < px.length; i++) {
                        px[i] = (byte) (r.nextInt(4) == 0 ? r.nextInt(256) : 0);
                    }
                    int seed = r.nextInt();
                    InferResult got = c.infer(px, seed);
                    LifLoop.Result want = loop.run(px, 0, seed);
                    assertEquals(want.label, got.getLabel(), "label of image " + k);
                    assertEquals(want.steps, got.getSteps(), "steps of image " + k);
                    int[] counts = got.getSpikeCountsList().stream().mapToInt(Integer::intValue).toArray();
                    assertArrayEquals(want.counts, counts, "counts of image " + k);
                }
                assertEquals(ErrorCode.BAD_INPUT, Wire.infer(c, new byte[783], 0).getError());
                // begin for the active model: nothing to send
                Response again = Wire.begin(c, sha, image.length);
                assertTrue(again.getAck().getAlreadyActive());
                assertEquals(image.length, again.getAck().getNextOffset());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void uploadResumesFromTheJournalledOffsetAfterAReboot(String which) throws Exception {
        try (Device d = open(which)) {
            try (DeviceClient c = connect(d)) {
                assertEquals(0, Wire.begin(c, sha, image.length).getAck().getNextOffset());
                Response r = Wire.chunks(c, image, 0, 3 * 4096 + 1000);
                assertEquals(3 * 4096 + 1000, r.getAck().getNextOffset());
                // a chunk past the next offset is refused with the offset to resume from
                Response gap = Wire.chunk(c, image, 20 * 1024, 1024);
                assertEquals(ErrorCode.BAD_OFFSET, gap.getError());
                assertEquals(3 * 4096 + 1000, gap.getAck().getNextOffset());
            }
            d.powerCycle(-1);
            try (DeviceClient c = connect(d)) {
                DeviceInfo info = c.hello();
                assertTrue(info.hasPending());
                assertEquals(3 * 4096, info.getPending().getNextOffset(), "progress is journalled every 4096 bytes");
                assertEquals(3 * 4096, Wire.begin(c, sha, image.length).getAck().getNextOffset());
            }
            UploadResult up = new Uploader(d.connector(), Uploader.Options.DEFAULT, null, null).upload(image);
            assertEquals(3 * 4096, up.resumedFrom());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void aFrameWithABadCrcIsDroppedAndTheLineStaysUsable(String which) throws Exception {
        try (Device d = open(which); DeviceClient c = connect(d)) {
            byte[] payload = Request.newBuilder().setSeq(77).setHello(Hello.newBuilder().setHostProtocolVersion(1)).build()
                    .toByteArray();
            byte[] frame = FrameEncoder.encode(payload);
            frame[frame.length - 2] ^= 0x40; // inside the CRC; stays non-zero
            assertNotEquals(0, frame[frame.length - 2]);
            c.link().write(frame);
            assertNull(c.poll(300), "no answer to a damaged frame");
            assertEquals(1, c.hello().getProtocolVersion());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void bytesThatDoNotMatchTheAnnouncedShaAreRefusedAtCommit(String which) throws Exception {
        byte[] bad = image.clone();
        bad[5000] ^= 1;
        try (Device d = open(which); DeviceClient c = connect(d)) {
            Wire.begin(c, sha, image.length);
            assertEquals(image.length, Wire.chunks(c, bad, 0, bad.length).getAck().getNextOffset());
            Response r = Wire.commit(c, sha);
            assertEquals(ErrorCode.SHA_MISMATCH, r.getError());
            Status s = c.status();
            assertTrue(s.getModelSha256().isEmpty());
            assertFalse(s.hasPending(), "a refused upload is dropped");
            assertEquals(ErrorCode.SHA_MISMATCH, s.getLastError());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void anImageWhoseSelfTestFailsIsRefusedAndTheOldModelStays(String which) throws Exception {
        // same network, one expected spike count changed, trailer recomputed: parses, fails its self-test
        var parsed = snn.protocol.image.ImageParser.parse(image, "mnist_shape.img");
        int j = 0;
        while (parsed.selfTest.expectedCounts[j] == 0 && j + 1 < parsed.neurons) {
            j++;
        }
        parsed.selfTest.expectedCounts[j] += parsed.selfTest.expectedCounts[j] > 0 ? -1 : 1;
        parsed.selfTest.expectedTotalSpikes += parsed.selfTest.expectedCounts[j] > 0 ? 0 : 0;
        long sum = 0;
        for (int x : parsed.selfTest.expectedCounts) {
            sum += x;
        }
        parsed.selfTest.expectedTotalSpikes = (int) sum;
        byte[] wrong = ImageWriter.write(parsed);
        byte[] wrongSha = Sha256.of(wrong);
        try (Device d = open(which)) {
            new Uploader(d.connector(), Uploader.Options.DEFAULT, null, null).upload(image);
            try (DeviceClient c = connect(d)) {
                assertEquals(0, Wire.begin(c, wrongSha, wrong.length).getAck().getNextOffset());
                Wire.chunks(c, wrong, 0, wrong.length);
                Response r = Wire.commit(c, wrongSha);
                assertEquals(ErrorCode.SELF_TEST_FAILED, r.getError(), r.getDetail());
                assertArrayEquals(sha, c.status().getModelSha256().toByteArray(), "the previous model stays active");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void aPowerCutDuringCommitKeepsTheUploadAndASecondCommitSwaps(String which) throws Exception {
        try (Device d = open(which)) {
            try (DeviceClient c = connect(d)) {
                Wire.begin(c, sha, image.length);
                assertEquals(image.length, Wire.chunks(c, image, 0, image.length).getAck().getNextOffset());
            }
            d.powerCycle(1); // the commit's one journal record is the first write: it tears
            try (DeviceClient c = connect(d)) {
                Response r = null;
                try {
                    c.send(Request.newBuilder().setCommit(snn.protocol.wire.Commit.newBuilder()
                            .setSha256(com.google.protobuf.ByteString.copyFrom(sha))));
                    r = c.poll(3000);
                } catch (IOException lost) {
                    // the power went while the device wrote
                }
                assertTrue(r == null || r.getError() != ErrorCode.OK, "no successful answer from a device that lost power");
            }
            d.powerCycle(-1);
            try (DeviceClient c = connect(d)) {
                DeviceInfo info = c.hello();
                assertTrue(info.getModelSha256().isEmpty(), "the torn swap record does not count");
                assertEquals(image.length, info.getPending().getNextOffset(), "the upload survived");
                assertEquals(ErrorCode.OK, Wire.commit(c, sha).getError());
                assertArrayEquals(sha, c.status().getModelSha256().toByteArray());
            }
        }
    }

    /** A frame around any payload, also one longer than the host's own limit (for the oversize case). */
    private static byte[] rawFrame(byte[] payload) {
        byte[] body = java.util.Arrays.copyOf(payload, payload.length + 4);
        int crc = snn.protocol.frame.Frames.crc32(payload, 0, payload.length);
        for (int i = 0; i < 4; i++) {
            body[payload.length + i] = (byte) (crc >>> (8 * i));
        }
        byte[] enc = new byte[snn.protocol.frame.Frames.maxEncodedLength(body.length) + 2];
        int n = snn.protocol.frame.Cobs.encode(body, 0, body.length, enc, 1);
        return java.util.Arrays.copyOf(enc, n + 2); // 0x00, COBS, 0x00
    }

    /** A Chunk request of exactly {@code total} payload bytes (data filled to reach it). */
    private static byte[] chunkPayloadOf(int total) {
        for (int data = Math.max(0, total - 30); data <= total; data++) {
            byte[] p = Request.newBuilder().setSeq(4242).setChunk(snn.protocol.wire.Chunk.newBuilder().setOffset(0)
                    .setData(com.google.protobuf.ByteString.copyFrom(new byte[data]))).build().toByteArray();
            if (p.length == total) {
                return p;
            }
        }
        throw new IllegalStateException("no chunk request of " + total + " bytes");
    }

    /**
     * docs/protocol.md, "Errors of each request" and "Frames": the same refusals, codes, seq and
     * pending-upload effects on both devices, and a DeviceInfo.max_request_payload that is the real limit.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("devices")
    void requestErrorsAreTheDocumentedOnes(String which) throws Exception {
        try (Device d = open(which); DeviceClient c = connect(d)) {
            DeviceInfo info = c.hello();
            int max = info.getMaxRequestPayload();
            assertTrue(max >= 1024 + 24, "max_request_payload " + max);
            // the limit is real: a request of exactly max bytes is answered, one byte more is dropped
            c.link().write(rawFrame(chunkPayloadOf(max)));
            Response atMax = c.poll(3000);
            assertEquals(4242, atMax == null ? -1 : atMax.getSeq(), "answer to a " + max + "-byte request");
            c.link().write(rawFrame(chunkPayloadOf(max + 1)));
            assertNull(c.poll(500), "a " + (max + 1) + "-byte request is dropped unanswered");
            // undecodable: BAD_REQUEST with seq 0; an unknown request kind (field 30): BAD_REQUEST with its seq
            c.link().write(rawFrame(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF}));
            Response undecodable = c.poll(3000);
            assertEquals(ErrorCode.BAD_REQUEST, undecodable.getError());
            assertEquals(0, undecodable.getSeq());
            c.link().write(rawFrame(new byte[] {0x08, 55, (byte) 0xF0, 0x01, 0x01})); // seq 55, field 30 = 1
            Response unknown = c.poll(3000);
            assertEquals(ErrorCode.BAD_REQUEST, unknown.getError());
            assertEquals(55, unknown.getSeq());
            // begin: size 0 is BAD_REQUEST; size 2^32-1 (uint32) is TOO_LARGE
            assertEquals(ErrorCode.BAD_REQUEST, Wire.begin(c, sha, 0).getError());
            assertEquals(ErrorCode.TOO_LARGE, Wire.begin(c, sha, -1).getError());
            assertEquals(0, Wire.begin(c, sha, image.length).getAck().getNextOffset());
            assertEquals(1000, Wire.chunk(c, image, 0, 1000).getAck().getNextOffset());
            // empty, oversized and past-the-end chunks: BAD_REQUEST, acknowledging the unchanged next offset
            Response empty = c.call(Request.newBuilder().setChunk(snn.protocol.wire.Chunk.newBuilder().setOffset(1000)),
                    Wire.TIMEOUT, 1, "chunk");
            Response over = Wire.chunk(c, image, 1000, info.getMaxChunk() + 1);
            Response past = c.call(Request.newBuilder().setChunk(snn.protocol.wire.Chunk.newBuilder().setOffset(image.length - 10)
                    .setData(com.google.protobuf.ByteString.copyFrom(new byte[20]))), Wire.TIMEOUT, 1, "chunk");
            for (Response r : new Response[] {empty, over, past}) {
                assertEquals(ErrorCode.BAD_REQUEST, r.getError(), r.getDetail());
                assertEquals(1000, r.getAck().getNextOffset());
            }
            // a chunk that straddles next: its bytes from next on are stored
            assertEquals(1500, Wire.chunk(c, image, 500, 1000).getAck().getNextOffset());
            // commit naming another image: BAD_REQUEST, the upload stays; an early commit: INCOMPLETE, stays too
            byte[] other = sha.clone();
            other[0] ^= 1;
            assertEquals(ErrorCode.BAD_REQUEST, Wire.commit(c, other).getError());
            assertEquals(ErrorCode.INCOMPLETE, Wire.commit(c, sha).getError());
            Status st = c.status();
            assertTrue(st.hasPending());
            assertEquals(1500, st.getPending().getNextOffset());
        }
    }
}
