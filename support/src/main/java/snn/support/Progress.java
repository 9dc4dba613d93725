package snn.support;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: done/total, rate, ETA and a free-form detail.
 * Redraws at most every 200 ms on a terminal; elsewhere (pipes, CI logs) prints a plain
 * line at most every 5 s so that logs stay readable. Silent when {@code quiet}. On a
 * {@link StatusWriter} the bar is its status, so that lines printed meanwhile appear above it.
 */
public final class Progress implements AutoCloseable {
    private final PrintWriter err;
    private final String label;
    private final long total;
    private final String unit;
    private final boolean quiet;
    private final boolean tty;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private long done;
    private String detail = "";

    /** A bar on the process's stderr: for library code that is not handed a writer (the trainer, the verifier). */
    public Progress(String label, long total, String unit, boolean quiet) {
        this(new PrintWriter(System.err, true), label, total, unit, quiet);
    }

    public Progress(PrintWriter err, String label, long total, String unit, boolean quiet) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.quiet = quiet;
        this.tty = terminal(err);
    }

    /** Whether bars on the process's stderr are redrawn in place: it is a terminal, and not a dumb one. */
    public static boolean terminal() {
        return STDERR_IS_TERMINAL && !"dumb".equals(System.getenv("TERM"));
    }

    /** Whether bars on {@code err} are redrawn in place: a {@link StatusWriter} knows, else as {@link #terminal()}. */
    public static boolean terminal(PrintWriter err) {
        return err instanceof StatusWriter sw ? sw.terminal() : terminal();
    }

    /**
     * Whether stderr, where progress goes, is a terminal. Redrawn bars (carriage return, erase line)
     * only go to a terminal; {@code 2> log} gets plain lines even when stdin and stdout are a terminal.
     * On Linux, /proc/self/fd/2 names the device; elsewhere System.console() is the best the JDK
     * offers (it looks at stdin and stdout).
     */
    static final boolean STDERR_IS_TERMINAL = stderrIsTerminal(java.nio.file.Path.of("/proc/self/fd/2"));

    static boolean stderrIsTerminal(java.nio.file.Path fd2) {
        try {
            if (java.nio.file.Files.isSymbolicLink(fd2)) {
                return isTerminalDevice(java.nio.file.Files.readSymbolicLink(fd2).toString());
            }
        } catch (java.io.IOException | SecurityException e) {
            // no /proc: fall back below
        }
        return System.console() != null;
    }

    /** A pseudo-terminal or a console device: /dev/pts/N, /dev/ttyN, /dev/tty, /dev/console. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }

    public synchronized void step(long n) {
        update(done + n);
    }

    public synchronized void detail(String text) {
        this.detail = text;
    }

    public synchronized void update(long newDone) {
        done = newDone;
        long now = System.nanoTime();
        long interval = tty ? 200_000_000L : 5_000_000_000L;
        if (now - lastDraw >= interval) {
            lastDraw = now;
            draw(false);
        }
    }

    public synchronized double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void draw(boolean last) {
        if (quiet) {
            return;
        }
        double secs = Math.max(1e-9, seconds());
        double rate = done / secs;
        StringBuilder sb = new StringBuilder();
        sb.append(label).append(' ');
        if (total > 0) {
            int width = 24;
            int filled = (int) Math.min(width, width * done / Math.max(1, total));
            sb.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
            sb.append(done).append('/').append(total).append(' ').append(unit);
        } else {
            sb.append(done).append(' ').append(unit);
        }
        sb.append(String.format(Locale.ROOT, "  %s %s/s", human(rate), unit));
        if (total > 0 && !last && done > 0 && secs >= 1.0) {
            sb.append("  ETA ").append(clock((total - done) / Math.max(rate, 1e-9)));
        }
        if (last) {
            sb.append("  in ").append(clock(secs));
        }
        if (!detail.isEmpty()) {
            sb.append("  ").append(detail);
        }
        if (tty && err instanceof StatusWriter sw) {
            // notes printed meanwhile go above the bar, not onto it
            if (last) {
                sw.clearStatus();
                sw.println(sb);
            } else {
                sw.status(sb.toString());
            }
        } else if (tty) {
            err.print(StatusWriter.ERASE_LINE + sb + (last ? "\n" : ""));
        } else {
            err.println(sb);
        }
        err.flush();
    }

    static String human(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    static String clock(double secs) {
        long s = Math.round(secs);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    @Override
    public synchronized void close() {
        draw(true);
    }
}
