package snn.deploy.upload;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * {@code --trace}: every frame sent ({@code >}) and received ({@code <}) with a timestamp in seconds
 * since the link opened, what it says, and a hex dump of its wire bytes, 32 per line.
 */
public final class Trace {
    private final PrintWriter out;
    private final String port;
    private final long start = System.nanoTime();

    public Trace(PrintWriter out, String port) {
        this.out = out;
        this.port = port;
    }

    public void frame(char direction, String what, byte[] wire) {
        StringBuilder sb = new StringBuilder(64 + wire.length * 3);
        sb.append(String.format(Locale.ROOT, "[%11.6f] %s %c %d bytes  %s%n", (System.nanoTime() - start) / 1e9, port,
                direction, wire.length, what));
        for (int i = 0; i < wire.length; i += 32) {
            sb.append(String.format(Locale.ROOT, "    %04x ", i));
            for (int j = i; j < Math.min(wire.length, i + 32); j++) {
                sb.append(String.format(Locale.ROOT, " %02x", wire[j] & 0xFF));
            }
            sb.append(System.lineSeparator());
        }
        synchronized (out) {
            out.print(sb);
            out.flush();
        }
    }

    public void note(String what) {
        synchronized (out) {
            out.printf(Locale.ROOT, "[%11.6f] %s   %s%n", (System.nanoTime() - start) / 1e9, port, what);
            out.flush();
        }
    }
}
