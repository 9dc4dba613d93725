package snn.deploy.upload;

import java.io.PrintWriter;
import java.util.Locale;
import snn.support.StatusWriter;

/**
 * One progress line per board on stderr: bytes acknowledged, rate and ETA. On a terminal all lines
 * are redrawn in place (at most every 200 ms; on a {@link StatusWriter} as its status, so that lines
 * printed meanwhile appear above them); elsewhere each board prints a plain line at most every 5 s,
 * plus its final line. Silent when quiet.
 */
public final class BoardProgress {
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean tty;
    private final String[] names;
    private final long[] done;
    private final long[] total;
    private final long[] lastPrint;
    private final String[] detail;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;
    private final boolean[] finished;

    public BoardProgress(PrintWriter err, String[] names, long total, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
        this.tty = snn.support.Progress.terminal(err); // stderr itself, not stdin/stdout as System.console() would
        this.names = names.clone();
        this.done = new long[names.length];
        this.total = new long[names.length];
        this.lastPrint = new long[names.length];
        this.detail = new String[names.length];
        this.finished = new boolean[names.length];
        java.util.Arrays.fill(this.total, total);
        java.util.Arrays.fill(this.detail, "");
    }

    /** A listener for board {@code i}'s uploader. */
    public Uploader.Listener listener(int i) {
        return (acked, t, d) -> update(i, acked, d);
    }

    public synchronized void update(int i, long acked, String d) {
        if (acked >= 0) {
            done[i] = acked;
        }
        detail[i] = d;
        long now = System.nanoTime();
        if (quiet) {
            return;
        }
        if (tty) {
            if (now - lastDraw >= 200_000_000L || "done".equals(d)) {
                lastDraw = now;
                redraw();
            }
        } else if (now - lastPrint[i] >= 5_000_000_000L || "done".equals(d) || d.startsWith("retrying")) {
            lastPrint[i] = now;
            err.println(line(i));
            err.flush();
        }
    }

    /** Marks board {@code i} finished with a final word (e.g. "done" or the error). */
    public synchronized void finish(int i, String word) {
        detail[i] = word;
        finished[i] = true;
        if (quiet) {
            return;
        }
        if (tty && err instanceof StatusWriter sw && allFinished()) {
            // the final lines stay on screen as text
            sw.clearStatus();
            for (int k = 0; k < names.length; k++) {
                sw.println(line(k));
            }
            sw.flush();
        } else if (tty) {
            redraw();
        } else {
            err.println(line(i));
            err.flush();
        }
    }

    private boolean allFinished() {
        for (boolean f : finished) {
            if (!f) {
                return false;
            }
        }
        return true;
    }

    private void redraw() {
        if (err instanceof StatusWriter sw) {
            // the lines are its status: notes and frame traces printed meanwhile go above them
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                sb.append(i == 0 ? "" : "\n").append(line(i));
            }
            sw.status(sb.toString());
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (drawn) {
            sb.append("\033[").append(names.length).append('A');
        }
        for (int i = 0; i < names.length; i++) {
            sb.append("\r\033[K").append(line(i)).append('\n');
        }
        drawn = true;
        err.print(sb);
        err.flush();
    }

    private String line(int i) {
        double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        double rate = done[i] / secs;
        int width = 24;
        int filled = (int) Math.min(width, width * done[i] / Math.max(1, total[i]));
        String eta = rate > 0 && done[i] < total[i] ? "  ETA " + clock((total[i] - done[i]) / rate) : "";
        return String.format(Locale.ROOT, "%-16s [%s%s] %d/%d bytes  %.1f kB/s%s  %s", names[i], "#".repeat(filled),
                ".".repeat(width - filled), done[i], total[i], rate / 1000, eta, detail[i]);
    }

    private static String clock(double secs) {
        long s = Math.round(secs);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
