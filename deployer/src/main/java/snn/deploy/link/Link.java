package snn.deploy.link;

import java.io.Closeable;
import java.io.IOException;

/**
 * A byte pipe to one board: a serial port, a TCP socket or an in-process emulated board.
 * Knows nothing about frames. An {@link IOException} from any method means the link is lost.
 */
public interface Link extends Closeable {
    /** What the user called it: a device path, {@code tcp://host:port} or {@code sim}. */
    String name();

    /** Line rate in baud (8N1: baud/10 bytes per second) used for timeouts and link efficiency. */
    int baud();

    void write(byte[] bytes) throws IOException;

    /**
     * Reads what has arrived into {@code buf}, waiting up to {@code timeoutMillis} for the first byte.
     * Returns the count, or 0 when nothing arrived in time. An in-process link has no time of its own:
     * it returns 0 at once when nothing is pending, which is the same as a timeout.
     */
    int read(byte[] buf, long timeoutMillis) throws IOException;

    /**
     * True when the line itself holds bytes to {@link #baud()}/10 per second (a serial port, a
     * pseudo-terminal served by a paced emulator), so that a link efficiency against the baud rate
     * means something. TCP and an in-process board move bytes as fast as they can: false. An
     * {@link snn.deploy.upload.Uploader} also counts a link unpaced when more bytes crossed it than
     * the baud rate allows (a pty served by an unpaced QEMU).
     */
    default boolean paced() {
        return false;
    }

    /** True when waiting longer cannot bring bytes (in-process): retries need no pause. */
    default boolean virtualTime() {
        return false;
    }

    /** Opens a fresh link to the same board, e.g. after a disconnect. */
    @FunctionalInterface
    interface Connector {
        Link open() throws IOException;
    }
}
