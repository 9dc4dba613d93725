package snn.support;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * The process's stderr as commands print to it: notes and warnings, and at most one status (a
 * progress bar, or one line per board) that is redrawn in place. On a terminal, text printed while a
 * status is on screen goes above it: the status is erased (carriage return, erase line, once per
 * status line), the text printed, and once the text's line is complete the status is drawn again
 * below it. So a note never lands glued onto a bar. Off a terminal no status is drawn in place (a
 * {@link Progress} prints plain lines instead) and text passes through unchanged.
 *
 * <p>Every writer of stderr in a command goes through one instance ({@code CommonOptions.err()}), so
 * this is the one place that knows what is on the screen's last line.
 */
public final class StatusWriter extends PrintWriter {
    /** Erases the current line: carriage return, then erase to the end of the line. */
    public static final String ERASE_LINE = "\r\033[K";
    /** Moves up one line and erases it. */
    static final String UP_AND_ERASE = "\033[A" + ERASE_LINE;

    private final Screen screen;

    public StatusWriter(Writer out, boolean terminal) {
        this(new Screen(out, terminal));
    }

    private StatusWriter(Screen screen) {
        super(screen, true); // PrintWriter locks on the screen: status changes and text never interleave
        this.screen = screen;
    }

    /** The process's stderr; redrawn in place when it is a terminal (see {@link Progress#terminal()}). */
    public static StatusWriter stderr() {
        return new StatusWriter(new OutputStreamWriter(System.err), Progress.terminal());
    }

    /** Whether this is a terminal, where a status is redrawn in place. */
    public boolean terminal() {
        return screen.terminal;
    }

    /**
     * Shows {@code text} (lines separated by '\n', no final newline) as the status, replacing the one
     * on screen. Off a terminal it is not drawn. While a line of other text is unfinished, it is drawn
     * when that line ends.
     */
    public void status(String text) {
        screen.status(text);
    }

    /** Erases the status from the screen and forgets it (before printing its final form as text). */
    public void clearStatus() {
        screen.clearStatus();
    }

    private static final class Screen extends Writer {
        private final Writer out;
        private final boolean terminal;
        private String status;
        private boolean shown;
        private boolean lineOpen;

        Screen(Writer out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public synchronized void write(char[] c, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            hide();
            out.write(c, off, len);
            lineOpen = c[off + len - 1] != '\n';
            if (!lineOpen) {
                show();
            }
        }

        synchronized void status(String text) {
            try {
                hide(); // the old status, as many lines as it had
                status = text;
                if (!lineOpen) {
                    show();
                }
                out.flush();
            } catch (IOException e) {
                // stderr gone: nothing to show progress on
            }
        }

        synchronized void clearStatus() {
            try {
                hide();
                out.flush();
            } catch (IOException e) {
                // as above
            }
            status = null;
        }

        private void hide() throws IOException {
            if (shown) {
                out.write(ERASE_LINE);
                for (int i = 0; i < status.length(); i++) {
                    if (status.charAt(i) == '\n') {
                        out.write(UP_AND_ERASE);
                    }
                }
                shown = false;
            }
        }

        private void show() throws IOException {
            if (terminal && status != null) {
                out.write(status);
                shown = true;
            }
        }

        @Override
        public synchronized void flush() throws IOException {
            out.flush();
        }

        @Override
        public synchronized void close() throws IOException {
            out.close();
        }
    }
}
