package snn.deploy.upload;

import snn.support.Hex;
import snn.support.Sha256;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.Arrays;
import snn.deploy.link.Link;
import snn.protocol.compress.SnzEncoder;
import snn.protocol.wire.BeginUpload;
import snn.protocol.wire.Chunk;
import snn.protocol.wire.Commit;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
import snn.protocol.wire.StreamEncoding;
import snn.protocol.wire.UploadAck;
import snn.protocol.wire.WireProtocol;
import snn.sim.board.TrailingShaValidator;
import snn.support.SnnException;

/**
 * Streams one image to one board: hello, begin (the device says where to resume), windowed chunks,
 * commit, and a final status check that the new model is active.
 *
 * <p>Chunks go out go-back-N: up to {@code window} chunks in flight, each acknowledged with the next
 * offset the device expects. A lost chunk shows as BAD_OFFSET answers (or silence); the uploader then
 * rewinds to the device's offset and ignores the answers to chunks sent before the rewind (older seq).
 * Every wait has a bound scaled to the bytes in flight; a chunk offset gets {@code retries} rewinds
 * without progress, and the whole deploy {@code reconnects} link reopenings, before it gives up.
 *
 * <p>When the device offers the SNZ1 encoding (DeviceInfo.encodings) and {@code compress} is on, the
 * chunks carry the image's SNZ1 stream (docs/device-spec.md section 16) and offsets are stream offsets;
 * the device then asks for a block start (stream_sync) wherever it lost its decoder state, and the
 * uploader sends that block from its first byte. A device that offers nothing gets the raw image.
 */
public final class Uploader {
    /** Tunables; the defaults suit 115200 baud. */
    public record Options(int chunk, int window, int retries, int reconnects, boolean compress) {
        public static final Options DEFAULT = new Options(1024, 8, 8, 6, true);

        /** Compression on when the device offers it. */
        public Options(int chunk, int window, int retries, int reconnects) {
            this(chunk, window, retries, reconnects, true);
        }

        public Options withCompress(boolean on) {
            return new Options(chunk, window, retries, reconnects, on);
        }
    }

    /** Told how far the device has acknowledged. */
    @FunctionalInterface
    public interface Listener {
        void progress(long acked, long total, String detail);
    }

    /** The device lost the upload or refused a commit as incomplete: start again with hello + begin. */
    private static final class Restart extends Exception {
        Restart(String message) {
            super(message, null, false, false);
        }
    }

    private final Link.Connector connector;
    private final Options options;
    private final Trace trace;
    private final Listener listener;
    private long sentBytes;
    private SnzEncoder.Stream stream; // the image's SNZ1 stream, made when a device first offers SNZ1
    /** Whether a commit refused with SHA_MISMATCH has already been retried from offset 0. */
    private boolean shaRetried;
    /** Set when a commit went unanswered: the board may still be busy with the self-test, so the next hello waits this long. */
    private long busyMillis;

    public Uploader(Link.Connector connector, Options options, Trace trace, Listener listener) {
        this.connector = connector;
        this.options = options;
        this.trace = trace;
        this.listener = listener == null ? (a, t, d) -> { } : listener;
    }

    public UploadResult upload(byte[] image) {
        byte[] sha = Sha256.of(image);
        warmUp(image);
        long start = 0; // set when the first link is open: from then on the line could carry bytes
        long resumedFrom = -1;
        int failures = 0;
        int resumes = 0;
        String port = "?";
        String lastProblem = "";
        StreamEncoding used = StreamEncoding.RAW;
        DeviceClient client = null;
        boolean virtualTime = false;
        try {
            while (true) {
                try {
                    if (client == null) {
                        Link link = open(start == 0);
                        if (start == 0) {
                            start = System.nanoTime();
                        }
                        port = link.name();
                        virtualTime = link.virtualTime();
                        client = new DeviceClient(link, trace);
                    }
                    DeviceInfo info;
                    if (busyMillis > 0) {
                        long wait = busyMillis;
                        busyMillis = 0;
                        listener.progress(-1, image.length, "waiting up to " + (wait + 999) / 1000
                                + " s for the device to finish the commit's self-test");
                        info = client.hello(wait);
                    } else {
                        info = client.hello();
                    }
                    checkDevice(port, info, image.length);
                    int chunk = Math.max(1, Math.min(options.chunk, info.getMaxChunk()));
                    if (info.getMaxRequestPayload() > 0) { // a Chunk request adds at most 24 bytes to its data
                        chunk = Math.max(1, Math.min(chunk, info.getMaxRequestPayload() - 24));
                    }
                    boolean snz = options.compress && (info.getEncodings() >>> StreamEncoding.SNZ1_VALUE & 1) != 0;
                    if (snz && stream == null) {
                        stream = SnzEncoder.encode(image);
                    }
                    used = snz ? StreamEncoding.SNZ1 : StreamEncoding.RAW;
                    UploadAck ack = begin(client, sha, image.length, used, snz ? stream.bytes().length : 0);
                    checkOffset(port, "begin", ack.getNextOffset(), snz ? stream.bytes().length : image.length);
                    long resumeAt = snz ? ack.getImageOffset() : ack.getNextOffset(); // image bytes the device kept
                    if (resumedFrom < 0) {
                        resumedFrom = resumeAt;
                    } else if (resumeAt > 0 && !ack.getAlreadyActive()) {
                        resumes++; // after a failure, the device kept what it had
                    }
                    if (!ack.getAlreadyActive()) {
                        if (snz) {
                            sendChunks(client, stream.bytes(), streamOffset(client, ack), chunk, stream);
                        } else {
                            sendChunks(client, image, ack.getNextOffset(), chunk, null);
                        }
                        commit(client, sha, image);
                    }
                    Status st = client.status();
                    if (!Arrays.equals(st.getModelSha256().toByteArray(), sha)) {
                        throw SnnException.checkFailed(port + ": after commit the device reports model "
                                + Hex.encode(st.getModelSha256().toByteArray()) + ", not " + Hex.encode(sha)
                                + (st.getLastDetail().isEmpty() ? "" : " (" + st.getLastError() + ": " + st.getLastDetail() + ")"));
                    }
                    DeviceInfo after = client.hello();
                    double secs = (System.nanoTime() - start) / 1e9;
                    listener.progress(image.length, image.length, "done");
                    Link link = client.link();
                    // a pty is a serial port to us, but only a paced emulator makes it hold the line rate
                    boolean paced = link.paced() && UploadResult.withinLineRate(sentBytes, secs, link.baud());
                    return new UploadResult(port, image.length, secs, link.baud(), paced, resumedFrom, sentBytes,
                            failures, resumes, ack.getAlreadyActive(), sha, after, used == StreamEncoding.SNZ1 ? "snz1" : "raw",
                            used == StreamEncoding.SNZ1 ? stream.bytes().length : image.length);
                } catch (LinkLost e) {
                    lastProblem = e.getMessage();
                    closeQuietly(client);
                    client = null;
                } catch (IOException e) { // opening the link failed
                    lastProblem = e.getMessage();
                    closeQuietly(client);
                    client = null;
                } catch (Restart e) {
                    lastProblem = e.getMessage();
                }
                failures++;
                if (failures > options.reconnects) {
                    throw SnnException.checkFailed(port + ": deploy gave up after " + failures + " link failures or restarts; last: "
                            + lastProblem);
                }
                if (trace != null) {
                    trace.note("restarting (" + failures + " of " + options.reconnects + "): " + lastProblem);
                }
                listener.progress(-1, image.length, "retrying: " + lastProblem);
                if (client == null && !virtualTime) {
                    pause(Math.min(1000, 100L * failures));
                }
            }
        } finally {
            closeQuietly(client);
        }
    }

    /**
     * Opens the link. A port that cannot be opened the first time is bad input and fails at once (it
     * will not appear by retrying); once a link has worked, a failed reopen counts as one more link
     * failure, since a board that resets may re-enumerate its port.
     */
    private Link open(boolean first) throws IOException {
        try {
            return connector.open();
        } catch (snn.deploy.link.PortUnavailable e) {
            if (first) {
                throw e;
            }
            throw new IOException(e.getMessage(), e);
        } catch (IOException e) {
            if (first) {
                throw SnnException.badInput(e.getMessage());
            }
            throw e;
        }
    }

    /** Runs the framing and message code once, so that its first-use cost does not count as line time. */
    private static void warmUp(byte[] image) {
        try {
            for (int i = 0; i < 50; i++) {
                byte[] f = snn.protocol.frame.FrameEncoder.encode(Request.newBuilder().setChunk(Chunk.newBuilder()
                        .setData(ByteString.copyFrom(image, 0, Math.min(image.length, 1024)))).build().toByteArray());
                new snn.protocol.frame.FrameDecoder(p -> { }).feed(f);
                Response.parseFrom(Response.newBuilder().setAck(UploadAck.newBuilder().setNextOffset(i)).build().toByteArray());
                WireProtocol.describe(Response.getDefaultInstance());
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkDevice(String port, DeviceInfo info, int size) {
        if (info.getProtocolVersion() != WireProtocol.VERSION) {
            throw SnnException.checkFailed(port + ": device speaks protocol version " + info.getProtocolVersion()
                    + ", this deployer " + WireProtocol.VERSION);
        }
        if (size > info.getSlotBytes()) {
            throw SnnException.checkFailed(port + ": image of " + size + " bytes does not fit the device's model slot of "
                    + info.getSlotBytes() + " bytes (profile " + info.getProfile() + ")");
        }
    }

    private UploadAck begin(DeviceClient c, byte[] sha, int size, StreamEncoding encoding, int streamSize) throws IOException {
        Request.Builder req = Request.newBuilder().setBegin(BeginUpload.newBuilder().setSha256(ByteString.copyFrom(sha)).setSize(size)
                .setEncoding(encoding).setStreamSize(streamSize));
        // the device erases the slot's sectors before answering: allow for a slow erase
        Response r = c.call(req, c.timeoutFor(600) + size / 64, DeviceClient.TRIES, "begin");
        if (r.getError() != ErrorCode.OK || !r.hasAck()) {
            throw new DeviceException(c.link().name(), "begin", 0, r.getError(), r.getDetail());
        }
        return r.getAck();
    }

    /** Where the stream resumes: the device's stream offset, or the start of the block it asks for. */
    private int streamOffset(DeviceClient c, UploadAck ack) {
        if (!ack.getStreamSync()) {
            return ack.getNextOffset();
        }
        try {
            return stream.blockStart(ack.getImageOffset());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(c.link().name(), "chunk", ack.getImageOffset(), ErrorCode.BAD_REQUEST,
                    "device asks for an SNZ1 block at image offset " + ack.getImageOffset() + ": " + e.getMessage());
        }
    }

    /**
     * Sends {@code image[from..]} (the raw image, or the SNZ1 stream when {@code snz} is set: then
     * chunks that begin a block say so, and progress is reported in image bytes).
     */
    private void sendChunks(DeviceClient c, byte[] image, int from, int chunk, SnzEncoder.Stream snz) throws IOException, Restart {
        int size = image.length;
        int total = snz == null ? size : snz.imageSize();
        int acked = from;
        int sent = from;
        int rewindSeq = c.nextSeq();
        int stalls = 0;
        if (snz == null) {
            listener.progress(acked, total, "");
        }
        while (acked < size) {
            while (sent < size && sent - acked < options.window * chunk) {
                int len = Math.min(chunk, size - sent);
                Chunk.Builder ch = Chunk.newBuilder().setOffset(sent).setData(ByteString.copyFrom(image, sent, len));
                int block = snz == null ? -1 : snz.blockIndexAt(sent);
                if (block >= 0) {
                    ch.setBlockStart(true).setImageOffset(block * snn.protocol.compress.Snz.BLOCK);
                }
                c.send(Request.newBuilder().setChunk(ch));
                sentBytes += len;
                sent += len;
            }
            Response r = c.poll(c.timeoutFor(DeviceClient.chunkWireBytes(chunk) * (long) options.window));
            if (r == null) {
                if (++stalls > options.retries) {
                    throw new LinkLost(c.link().name() + ": no acknowledgement for the chunk at offset " + acked + " after "
                            + stalls + " tries");
                }
                sent = acked;
                rewindSeq = c.nextSeq();
                continue;
            }
            if (r.getSeq() < rewindSeq || r.getSeq() >= c.nextSeq()) {
                continue; // answers a chunk sent before the last rewind, or a previous connection
            }
            ErrorCode e = r.getError();
            if (r.hasAck()) {
                checkOffset(c.link().name(), "chunk", r.getAck().getNextOffset(), size);
            }
            if (e == ErrorCode.OK && r.hasAck()) {
                int next = r.getAck().getNextOffset();
                if (next > acked) {
                    acked = next;
                    sent = Math.max(sent, next);
                    stalls = 0;
                    listener.progress(snz == null ? acked : r.getAck().getImageOffset(), total, "");
                }
            } else if (e == ErrorCode.BAD_OFFSET && r.hasAck()) {
                if (++stalls > options.retries) {
                    throw new LinkLost(c.link().name() + ": chunk at offset " + acked + " refused " + stalls + " times: "
                            + r.getDetail());
                }
                // the device's word, even backwards after a reboot
                acked = snz == null ? r.getAck().getNextOffset() : streamOffset(c, r.getAck());
                sent = acked;
                rewindSeq = c.nextSeq();
            } else if (e == ErrorCode.NO_UPLOAD) {
                throw new Restart(c.link().name() + ": device has no upload in progress at offset " + acked + " (rebooted?)");
            } else {
                throw new DeviceException(c.link().name(), "chunk", r.getAck().getChunkOffset(), e, r.getDetail());
            }
        }
    }

    /**
     * An offset the device reported (resume point or acknowledgement) must lie in 0..size: anything
     * else is a device fault, reported as such instead of slicing the image with it.
     */
    private static void checkOffset(String port, String op, long offset, int size) {
        if (offset < 0 || offset > size) {
            throw SnnException.checkFailed(port + ": device answered " + op + " with offset " + Integer.toUnsignedString((int) offset)
                    + ", outside the image's 0.." + size + " bytes (device fault: its journal or firmware is corrupt;"
                    + " a reset or `snn device reset` may clear it)");
        }
    }

    /**
     * Milliseconds a commit may take: the link, hashing (~1 s per 64 KiB) and the self-test, whose
     * worst-case work (docs/device-spec.md section 2, at most 2^32) is allowed at 20 million synaptic
     * additions per second. An image this host cannot parse gets no self-test allowance (the device
     * will refuse it quickly).
     */
    static long commitMillis(byte[] image, long linkMillis) {
        long cost = 0;
        try {
            snn.protocol.image.DeviceImage m = snn.protocol.image.ImageParser.parse(image, "image");
            cost = snn.protocol.image.ImageParser.selfTestCost(m.inputs, m.neurons, m.steps, m.intensity, m.intensityMax);
        } catch (SnnException e) {
            // not a device image: the device answers BAD_IMAGE at once
        }
        return linkMillis + 2000 + image.length / 64 + cost / 20_000;
    }

    private void commit(DeviceClient c, byte[] sha, byte[] image) throws IOException, Restart {
        int size = image.length;
        Request.Builder req = Request.newBuilder().setCommit(Commit.newBuilder().setSha256(ByteString.copyFrom(sha)));
        long wait = commitMillis(image, c.timeoutFor(600));
        // a board is silent while it checks: say so, so that a long self-test does not look like a hang
        listener.progress(size, size, "committing: the device hashes the image and runs its self-test (waiting up to "
                + (wait + 999) / 1000 + " s)");
        Response r;
        try {
            r = c.call(req, wait, DeviceClient.TRIES, "commit");
        } catch (LinkLost e) {
            busyMillis = wait; // a board answers nothing while it runs the self-test: the next hello waits for it
            throw new LinkLost(e.getMessage() + " (the device may still be busy hashing the image and running its self-test)");
        }
        switch (r.getError()) {
            case OK -> {
            }
            case INCOMPLETE, NO_UPLOAD -> throw new Restart(c.link().name() + ": commit: " + r.getError() + ": " + r.getDetail());
            case SHA_MISMATCH -> {
                // bytes already in the pending slot (kept across a resume) differ from the image: the
                // device dropped the upload; send everything again from offset 0, once
                if (shaRetried) {
                    throw new DeviceException(c.link().name(), "commit", size, r.getError(), r.getDetail());
                }
                shaRetried = true;
                String note = c.link().name() + ": commit refused (SHA_MISMATCH: the bytes in the device's slot differ from"
                        + " the image); uploading again from offset 0";
                if (trace != null) {
                    trace.note(note);
                }
                listener.progress(-1, size, note);
                throw new Restart(note);
            }
            default -> throw new DeviceException(c.link().name(), "commit", size, r.getError(), r.getDetail());
        }
    }

    private static void closeQuietly(DeviceClient c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SnnException.checkFailed("deploy interrupted");
        }
    }
}
