package snn.deploy.upload;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.util.Arrays;
import snn.deploy.link.Link;
import snn.protocol.wire.BeginUpload;
import snn.protocol.wire.Chunk;
import snn.protocol.wire.Commit;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
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
 */
public final class Uploader {
    /** Tunables; the defaults suit 115200 baud. */
    public record Options(int chunk, int window, int retries, int reconnects) {
        public static final Options DEFAULT = new Options(1024, 8, 8, 6);
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

    public Uploader(Link.Connector connector, Options options, Trace trace, Listener listener) {
        this.connector = connector;
        this.options = options;
        this.trace = trace;
        this.listener = listener == null ? (a, t, d) -> { } : listener;
    }

    public UploadResult upload(byte[] image) {
        byte[] sha = TrailingShaValidator.sha256(image);
        warmUp(image);
        long start = 0; // set when the first link is open: from then on the line could carry bytes
        long resumedFrom = -1;
        int failures = 0;
        int resumes = 0;
        String port = "?";
        String lastProblem = "";
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
                    DeviceInfo info = client.hello();
                    checkDevice(port, info, image.length);
                    int chunk = Math.max(1, Math.min(options.chunk, info.getMaxChunk()));
                    UploadAck ack = begin(client, sha, image.length);
                    if (resumedFrom < 0) {
                        resumedFrom = ack.getNextOffset();
                    } else if (ack.getNextOffset() > 0 && !ack.getAlreadyActive()) {
                        resumes++; // after a failure, the device kept what it had
                    }
                    if (!ack.getAlreadyActive()) {
                        sendChunks(client, image, ack.getNextOffset(), chunk);
                        commit(client, sha, image.length);
                    }
                    Status st = client.status();
                    if (!Arrays.equals(st.getModelSha256().toByteArray(), sha)) {
                        throw SnnException.checkFailed(port + ": after commit the device reports model "
                                + WireProtocol.hex(st.getModelSha256().toByteArray()) + ", not " + WireProtocol.hex(sha)
                                + (st.getLastDetail().isEmpty() ? "" : " (" + st.getLastError() + ": " + st.getLastDetail() + ")"));
                    }
                    DeviceInfo after = client.hello();
                    double secs = (System.nanoTime() - start) / 1e9;
                    listener.progress(image.length, image.length, "done");
                    return new UploadResult(port, image.length, secs, client.link().baud(), resumedFrom, sentBytes,
                            failures, resumes, ack.getAlreadyActive(), sha, after);
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

    private UploadAck begin(DeviceClient c, byte[] sha, int size) throws IOException {
        Request.Builder req = Request.newBuilder().setBegin(BeginUpload.newBuilder().setSha256(ByteString.copyFrom(sha)).setSize(size));
        // the device erases the slot's sectors before answering: allow for a slow erase
        Response r = c.call(req, c.timeoutFor(600) + size / 64, DeviceClient.TRIES, "begin");
        if (r.getError() != ErrorCode.OK || !r.hasAck()) {
            throw new DeviceException(c.link().name(), "begin", 0, r.getError(), r.getDetail());
        }
        return r.getAck();
    }

    private void sendChunks(DeviceClient c, byte[] image, int from, int chunk) throws IOException, Restart {
        int size = image.length;
        int acked = from;
        int sent = from;
        int rewindSeq = c.nextSeq();
        int stalls = 0;
        listener.progress(acked, size, "");
        while (acked < size) {
            while (sent < size && sent - acked < options.window * chunk) {
                int len = Math.min(chunk, size - sent);
                c.send(Request.newBuilder().setChunk(Chunk.newBuilder().setOffset(sent)
                        .setData(ByteString.copyFrom(image, sent, len))));
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
            if (e == ErrorCode.OK && r.hasAck()) {
                int next = r.getAck().getNextOffset();
                if (next > acked) {
                    acked = next;
                    sent = Math.max(sent, next);
                    stalls = 0;
                    listener.progress(acked, size, "");
                }
            } else if (e == ErrorCode.BAD_OFFSET && r.hasAck()) {
                if (++stalls > options.retries) {
                    throw new LinkLost(c.link().name() + ": chunk at offset " + acked + " refused " + stalls + " times: "
                            + r.getDetail());
                }
                acked = r.getAck().getNextOffset(); // the device's word, even backwards after a reboot
                sent = acked;
                rewindSeq = c.nextSeq();
            } else if (e == ErrorCode.NO_UPLOAD) {
                throw new Restart(c.link().name() + ": device has no upload in progress at offset " + acked + " (rebooted?)");
            } else {
                throw new DeviceException(c.link().name(), "chunk", r.getAck().getChunkOffset(), e, r.getDetail());
            }
        }
    }

    private void commit(DeviceClient c, byte[] sha, int size) throws IOException, Restart {
        Request.Builder req = Request.newBuilder().setCommit(Commit.newBuilder().setSha256(ByteString.copyFrom(sha)));
        // hashing the image and running its self-test take time on a board: allow ~1 s per 64 KiB
        Response r = c.call(req, c.timeoutFor(600) + 2000 + size / 64, DeviceClient.TRIES, "commit");
        switch (r.getError()) {
            case OK -> {
            }
            case INCOMPLETE, NO_UPLOAD -> throw new Restart(c.link().name() + ": commit: " + r.getError() + ": " + r.getDetail());
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
