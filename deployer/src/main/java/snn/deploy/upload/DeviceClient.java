package snn.deploy.upload;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;
import snn.deploy.link.Link;
import snn.protocol.frame.FrameDecoder;
import snn.protocol.frame.FrameEncoder;
import snn.protocol.frame.Frames;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Hello;
import snn.protocol.wire.Infer;
import snn.protocol.wire.InferResult;
import snn.protocol.wire.Request;
import snn.protocol.wire.Reset;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
import snn.protocol.wire.StatusRequest;
import snn.protocol.wire.WireProtocol;

/**
 * The host end of the protocol over one {@link Link}: numbers requests, frames them, and matches
 * answers by seq. Every wait is bounded; a request that stays unanswered after its tries raises
 * {@link LinkLost}. Stale or duplicated answers (an earlier seq) are skipped.
 */
public final class DeviceClient implements Closeable {
    /** Tries for a request other than a chunk before the link is declared lost. */
    public static final int TRIES = 4;

    private final Link link;
    private final Trace trace;
    private final FrameDecoder decoder;
    private final ArrayDeque<byte[]> frames = new ArrayDeque<>();
    private final byte[] buf = new byte[8192];
    private int seq;

    public DeviceClient(Link link, Trace trace) {
        this.link = link;
        this.trace = trace;
        this.decoder = new FrameDecoder(new FrameDecoder.Sink() {
            @Override
            public void frame(byte[] payload) {
                frames.add(payload);
            }

            @Override
            public void dropped(FrameDecoder.Drop reason, int length) {
                if (trace != null) {
                    trace.note("< dropped a " + length + "-byte frame: " + reason);
                }
            }
        });
        // a fresh start per connection, so answers meant for an earlier connection never match
        this.seq = 1 + new java.util.Random().nextInt(1 << 29);
    }

    public Link link() {
        return link;
    }

    /** The seq the next request will get. */
    public int nextSeq() {
        return seq;
    }

    /** Sends one request (its seq is set here) and returns that seq. */
    public int send(Request.Builder req) throws IOException {
        int s = seq++;
        Request r = req.setSeq(s).build();
        byte[] wire = FrameEncoder.encode(r.toByteArray());
        if (trace != null) {
            trace.frame('>', WireProtocol.describe(r), wire);
        }
        try {
            link.write(wire);
        } catch (IOException e) {
            throw lost(e);
        }
        return s;
    }

    /** The next answer that arrives within {@code timeoutMillis}, or null. Undecodable frames are skipped. */
    public Response poll(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            while (!frames.isEmpty()) {
                byte[] payload = frames.poll();
                try {
                    Response r = Response.parseFrom(payload);
                    if (trace != null) {
                        trace.frame('<', WireProtocol.describe(r), FrameEncoder.encode(payload));
                    }
                    return r;
                } catch (InvalidProtocolBufferException e) {
                    if (trace != null) {
                        trace.note("< undecodable answer of " + payload.length + " bytes");
                    }
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            int n;
            try {
                n = link.read(buf, left);
            } catch (IOException e) {
                throw lost(e);
            }
            if (n == 0) {
                return null;
            }
            decoder.feed(buf, 0, n);
        }
    }

    /**
     * Sends {@code req} and waits for its answer, resending up to {@code tries} times. Device errors
     * are returned, not thrown: the caller decides which ones are fatal.
     */
    public Response call(Request.Builder req, long timeoutMillis, int tries, String op) throws IOException {
        for (int t = 1; t <= tries; t++) {
            int s = send(req);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                Response r = left > 0 ? poll(left) : null;
                if (r == null) {
                    break;
                }
                if (r.getSeq() == s) {
                    return r;
                }
            }
            if (trace != null) {
                trace.note("no answer to " + op + " (try " + t + " of " + tries + ")");
            }
        }
        throw new LinkLost(link.name() + ": no answer to " + op + " after " + tries + " tries of " + timeoutMillis + " ms");
    }

    /** Milliseconds to wait for an answer when {@code bytes} are on the wire both ways. */
    public long timeoutFor(long bytes) {
        int baud = link.baud() > 0 ? link.baud() : 115200;
        return 500 + 3 * (bytes * 10_000 / baud);
    }

    public DeviceInfo hello() throws IOException {
        return hello(timeoutFor(600));
    }

    /** Hello with a longer wait, for a device that may be busy (a commit's self-test answers nothing until it ends). */
    public DeviceInfo hello(long timeoutMillis) throws IOException {
        Response r = call(Request.newBuilder().setHello(Hello.newBuilder().setHostProtocolVersion(WireProtocol.VERSION)
                        .setEncodings(1 | 1 << snn.protocol.wire.StreamEncoding.SNZ1_VALUE)),
                timeoutMillis, TRIES, "hello");
        if (r.getError() != ErrorCode.OK || !r.hasInfo()) {
            throw new DeviceException(link.name(), "hello", -1, r.getError(), r.getDetail());
        }
        return r.getInfo();
    }

    public Status status() throws IOException {
        Response r = call(Request.newBuilder().setStatus(StatusRequest.getDefaultInstance()), timeoutFor(300), TRIES, "status");
        if (r.getError() != ErrorCode.OK || !r.hasStatus()) {
            throw new DeviceException(link.name(), "status", -1, r.getError(), r.getDetail());
        }
        return r.getStatus();
    }

    /**
     * Sends a Trust request (docs/device-spec.md section 15.3): keys are raw 32-byte Ed25519 public
     * keys, signature empty for a first provisioning. Returns the Status; a refusal is a DeviceException.
     */
    public Status trust(java.util.List<byte[]> keys, byte[] signature) throws IOException {
        snn.protocol.wire.Trust.Builder t = snn.protocol.wire.Trust.newBuilder()
                .setSignature(com.google.protobuf.ByteString.copyFrom(signature));
        for (byte[] k : keys) {
            t.addKeys(com.google.protobuf.ByteString.copyFrom(k));
        }
        Response r = call(Request.newBuilder().setTrust(t), timeoutFor(600), TRIES, "trust");
        if (r.getError() != ErrorCode.OK || !r.hasStatus()) {
            throw new DeviceException(link.name(), "trust", -1, r.getError(), r.getDetail());
        }
        return r.getStatus();
    }

    /** Asks the device to reboot; its answer comes before the reboot. */
    public Status reset() throws IOException {
        Response r = call(Request.newBuilder().setReset(Reset.getDefaultInstance()), timeoutFor(300), TRIES, "reset");
        if (r.getError() != ErrorCode.OK) {
            throw new DeviceException(link.name(), "reset", -1, r.getError(), r.getDetail());
        }
        return r.getStatus();
    }

    /**
     * Runs one inference on the device: {@code pixels} one byte each, {@code seed} the image seed of
     * the device's Poisson generator. {@code stepsBudget} bounds the wait (the device's work time).
     */
    public InferResult infer(byte[] pixels, int seed, long computeMillis) throws IOException {
        Request.Builder req = Request.newBuilder().setInfer(Infer.newBuilder().setPixels(ByteString.copyFrom(pixels))
                .setImageSeed(seed));
        Response r = call(req, timeoutFor(pixels.length + 3000) + computeMillis, TRIES, "infer");
        if (r.getError() != ErrorCode.OK || !r.hasResult()) {
            throw new DeviceException(link.name(), "infer", -1, r.getError(), r.getDetail());
        }
        return r.getResult();
    }

    public InferResult infer(byte[] pixels, int seed) throws IOException {
        return infer(pixels, seed, 2000);
    }

    private LinkLost lost(IOException e) {
        return e instanceof LinkLost l ? l : new LinkLost(e.getMessage(), e);
    }

    /** Largest frame this client sends, in wire bytes, for a chunk of {@code chunk} bytes. */
    public static int chunkWireBytes(int chunk) {
        return Frames.wireLength(chunk + 16);
    }

    @Override
    public void close() throws IOException {
        link.close();
    }
}
