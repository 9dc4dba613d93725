package snn.deploy.link;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import snn.sim.board.Board;
import snn.sim.board.BoardEndpoint;
import snn.sim.board.FaultInjector;
import snn.sim.board.LinkDropped;

/**
 * An emulated board in this process, driven synchronously: {@link #write} runs the board on the
 * bytes at once, and its answers wait in a buffer for {@link #read}. No threads, no wall-clock time,
 * so fault-injection runs are fast and repeatable.
 */
public final class SimLink implements Link {
    private final Board board;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final BoardEndpoint endpoint;
    private String lostReason;

    public SimLink(Board board, FaultInjector faults, BoardEndpoint.Log log) {
        this.board = board;
        this.endpoint = new BoardEndpoint(board, faults, pending::writeBytes, log);
    }

    /** A connector whose every link reaches the same board, as replugging a cable does. */
    public static Connector connector(Board board, FaultInjector faults, BoardEndpoint.Log log) {
        return () -> new SimLink(board, faults, log);
    }

    public Board board() {
        return board;
    }

    @Override
    public String name() {
        return "sim";
    }

    /** The rate timeouts assume; 0 for link efficiency, since nothing paces an in-process board. */
    @Override
    public int baud() {
        return 0;
    }

    @Override
    public boolean virtualTime() {
        return true;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        check();
        try {
            endpoint.receive(bytes, 0, bytes.length);
        } catch (LinkDropped e) {
            lostReason = e.getMessage();
            pending.reset();
            check();
        }
    }

    @Override
    public int read(byte[] buf, long timeoutMillis) throws IOException {
        if (pending.size() == 0) {
            check();
            return 0;
        }
        byte[] all = pending.toByteArray();
        int n = Math.min(buf.length, all.length);
        System.arraycopy(all, 0, buf, 0, n);
        pending.reset();
        pending.write(all, n, all.length - n);
        return n;
    }

    private void check() throws IOException {
        if (lostReason != null) {
            throw new IOException("sim board dropped the link: " + lostReason);
        }
    }

    @Override
    public void close() {
        lostReason = "closed";
    }
}
