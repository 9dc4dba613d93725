package snn.sim.board;

/**
 * Holds one direction of a link to a UART's rate: 8N1 carries baud/10 bytes per second. Idle time
 * earns no credit, as on a real line; a late wake-up from sleep (up to {@link #SLACK_NANOS}) is not
 * counted as idle, or the sleep's overshoot would be lost on every read. {@code baud <= 0} means unpaced.
 */
public final class Pacer {
    static final long SLACK_NANOS = 20_000_000L;
    private final double nanosPerByte;
    private long nextFree = Long.MIN_VALUE;

    public Pacer(int baud) {
        this.nanosPerByte = baud <= 0 ? 0 : 10e9 / baud;
    }

    /** Bytes worth about {@code millis} ms of line time (at least 1): a good read size. */
    public int bytesPer(int millis) {
        return nanosPerByte == 0 ? 4096 : Math.max(1, (int) (millis * 1e6 / nanosPerByte));
    }

    /** Blocks until {@code n} bytes would have crossed the line. */
    public void pass(int n) throws InterruptedException {
        if (nanosPerByte == 0 || n <= 0) {
            return;
        }
        long now = System.nanoTime();
        long start = nextFree == Long.MIN_VALUE || nextFree < now - SLACK_NANOS ? now : nextFree;
        nextFree = start + (long) (n * nanosPerByte);
        long wait = nextFree - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
