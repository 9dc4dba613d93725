package snn.sim.board;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import snn.protocol.frame.FrameDecoder;
import snn.protocol.frame.FrameEncoder;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;

/**
 * One connection to a {@link Board}: received bytes go through fault injection, the frame decoder
 * and the board; answers go back through fault injection to {@link Output}. Used by the stream
 * server (TCP, pty) and, synchronously, by the deployer's in-process link.
 *
 * <p>An injected disconnect, or a power cut during a flash write (after which the board reboots
 * from flash), ends the connection with {@link LinkDropped}.
 */
public final class BoardEndpoint {
    /** Where the board's answer bytes go. */
    @FunctionalInterface
    public interface Output {
        void write(byte[] bytes) throws IOException;
    }

    /** Receives one line per notable event (power cut, drop, commit refusal); may be null. */
    @FunctionalInterface
    public interface Log {
        void event(String message);
    }

    private final Board board;
    private final FaultInjector faults;
    private final Output out;
    private final Log log;
    private final FrameDecoder decoder;
    private final java.util.ArrayDeque<byte[]> received = new java.util.ArrayDeque<>();

    public BoardEndpoint(Board board, FaultInjector faults, Output out, Log log) {
        this.board = board;
        this.faults = faults;
        this.out = out;
        this.log = log == null ? m -> { } : log;
        this.decoder = new FrameDecoder(new FrameDecoder.Sink() {
            @Override
            public void frame(byte[] payload) {
                received.add(payload);
            }

            @Override
            public void dropped(FrameDecoder.Drop reason, int length) {
                BoardEndpoint.this.log.event("dropped a received frame: " + reason + " (" + length + " bytes)");
            }
        });
    }

    /** Handles received bytes; answers are written before this returns. */
    public void receive(byte[] data, int off, int len) throws IOException {
        decoder.feed(faults.bytes(data, off, len));
        while (!received.isEmpty()) {
            byte[] payload = received.poll();
            int copies = faults.frameCopies();
            for (int c = 0; c < copies; c++) {
                handle(payload);
            }
            if (faults.disconnectNow()) {
                received.clear();
                throw new LinkDropped("injected disconnect");
            }
        }
    }

    private void handle(byte[] payload) throws IOException {
        Response resp;
        try {
            Request req = Request.parseFrom(payload);
            resp = board.handle(req);
        } catch (InvalidProtocolBufferException e) {
            resp = Response.newBuilder().setError(ErrorCode.BAD_REQUEST)
                    .setDetail("undecodable request of " + payload.length + " bytes: " + e.getMessage()).build();
        } catch (PowerCutFlash.PowerCut cut) {
            log.event(cut.getMessage() + "; rebooting");
            received.clear();
            board.boot();
            throw new LinkDropped(cut.getMessage());
        }
        if (resp.getError() != ErrorCode.OK && resp.getError() != ErrorCode.BAD_OFFSET) {
            log.event(resp.getError() + ": " + resp.getDetail());
        }
        send(resp);
        if (board.takeRebootRequest()) {
            log.event("reset requested; rebooting");
            board.boot();
        }
    }

    private void send(Response resp) throws IOException {
        byte[] frame = FrameEncoder.encode(resp.toByteArray());
        int copies = faults.frameCopies();
        for (int c = 0; c < copies; c++) {
            out.write(faults.bytes(frame, 0, frame.length));
        }
    }

    public Board board() {
        return board;
    }
}
