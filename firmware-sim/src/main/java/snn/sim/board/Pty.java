package snn.sim.board;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A pseudo-terminal from libc's {@code openpty} (through JNA): the board serves the master side,
 * a serial tool opens the slave ({@link #slaveName()}, e.g. /dev/pts/7) like any serial port.
 * The slave is set to raw mode (no echo, no line editing, 8-bit clean) and kept open by us, so that
 * the master never reports end-of-file while clients come and go.
 */
public final class Pty implements AutoCloseable {
    /** The few libc calls needed. openpty is in libc since glibc 2.34, in libutil before. */
    interface OpenPty extends Library {
        int openpty(IntByReference master, IntByReference slave, byte[] name, Object termp, Object winp);
    }

    interface LibC extends Library {
        long read(int fd, byte[] buf, long count);

        long write(int fd, byte[] buf, long count);

        int close(int fd);

        int tcgetattr(int fd, byte[] termios);

        int tcsetattr(int fd, int optionalActions, byte[] termios);

        void cfmakeraw(byte[] termios);
    }

    private static final LibC LIBC = Native.load("c", LibC.class);
    private final int master;
    private final int slave;
    private final String name;
    private volatile boolean closed;

    private Pty(int master, int slave, String name) {
        this.master = master;
        this.slave = slave;
        this.name = name;
    }

    /** Opens a new pty, or explains why this system cannot. */
    public static Pty open() throws IOException {
        OpenPty lib = loadOpenPty();
        IntByReference m = new IntByReference();
        IntByReference s = new IntByReference();
        byte[] name = new byte[4096];
        if (lib.openpty(m, s, name, null, null) != 0) {
            throw new IOException("openpty failed: errno " + Native.getLastError());
        }
        byte[] termios = new byte[256]; // struct termios is 60 bytes on Linux; room to spare
        if (LIBC.tcgetattr(s.getValue(), termios) == 0) {
            LIBC.cfmakeraw(termios);
            LIBC.tcsetattr(s.getValue(), 0, termios);
        }
        int len = 0;
        while (len < name.length && name[len] != 0) {
            len++;
        }
        return new Pty(m.getValue(), s.getValue(), new String(name, 0, len, StandardCharsets.US_ASCII));
    }

    private static OpenPty loadOpenPty() throws IOException {
        Throwable last = null;
        for (String lib : new String[] {"c", "util"}) {
            try {
                OpenPty p = Native.load(lib, OpenPty.class);
                com.sun.jna.NativeLibrary.getInstance(lib).getFunction("openpty");
                return p;
            } catch (UnsatisfiedLinkError e) {
                last = e;
            }
        }
        throw new IOException("openpty is not available (libc, libutil): " + last.getMessage());
    }

    /** Whether this system can open a pty here; the reason otherwise (for skipping tests). */
    public static String unavailableReason() {
        try {
            open().close();
            return null;
        } catch (IOException | UnsatisfiedLinkError | NoClassDefFoundError e) {
            return e.getMessage();
        }
    }

    public String slaveName() {
        return name;
    }

    public InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                int n = read(b, 0, 1);
                return n < 0 ? -1 : b[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                byte[] tmp = off == 0 ? b : new byte[len];
                long n = LIBC.read(master, tmp, len);
                if (n < 0) {
                    if (closed) {
                        return -1;
                    }
                    throw new IOException("read from pty " + name + " failed: errno " + Native.getLastError());
                }
                if (tmp != b) {
                    System.arraycopy(tmp, 0, b, off, (int) n);
                }
                return n == 0 ? -1 : (int) n;
            }
        };
    }

    public OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                byte[] rest = off == 0 && len == b.length ? b : java.util.Arrays.copyOfRange(b, off, off + len);
                while (rest.length > 0) {
                    long n = LIBC.write(master, rest, rest.length);
                    if (n < 0) {
                        throw new IOException("write to pty " + name + " failed: errno " + Native.getLastError());
                    }
                    rest = java.util.Arrays.copyOfRange(rest, (int) n, rest.length);
                }
            }
        };
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            LIBC.close(slave);
            LIBC.close(master);
        }
    }
}
