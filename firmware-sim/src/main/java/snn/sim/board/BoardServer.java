package snn.sim.board;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serves a {@link Board} over an input/output stream pair (a TCP socket, a pty master) until the
 * input ends or the link drops. Paces both directions to the given baud rate.
 */
public final class BoardServer {
    private final Board board;
    private final FaultInjector faults;
    private final int baud;
    private final BoardEndpoint.Log log;

    public BoardServer(Board board, FaultInjector faults, int baud, BoardEndpoint.Log log) {
        this.board = board;
        this.faults = faults;
        this.baud = baud;
        this.log = log == null ? m -> { } : log;
    }

    public Board board() {
        return board;
    }

    /**
     * Serves one connection. Returns normally when the input ends; throws {@link LinkDropped} when an
     * injected disconnect or a power cut ends it (the caller closes or, for a UART, carries on).
     */
    public void serve(InputStream in, OutputStream out) throws IOException, InterruptedException {
        Pacer rx = new Pacer(baud);
        Pacer tx = new Pacer(baud);
        BoardEndpoint endpoint = new BoardEndpoint(board, faults, bytes -> {
            try {
                tx.pass(bytes.length);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while sending");
            }
            out.write(bytes);
            out.flush();
        }, log);
        byte[] buf = new byte[rx.bytesPer(5)];
        while (!Thread.currentThread().isInterrupted()) {
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            rx.pass(n);
            endpoint.receive(buf, 0, n);
        }
        throw new InterruptedException();
    }
}
