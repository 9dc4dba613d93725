package snn.deploy.link;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import snn.sim.board.Board;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.emulator.Firmware;
import snn.support.SnnException;

/** Turns a {@code --port} value into a {@link Link.Connector}. */
public final class Links {
    public static final String SIM = "sim";
    private static final Pattern TCP = Pattern.compile("tcp://([^:/]+):(\\d{1,5})");

    /** The line rates a port may be given: termios' B50 to B4000000. */
    public static final int MIN_BAUD = 50;
    public static final int MAX_BAUD = 4_000_000;

    private Links() {
    }

    /** Refuses a line rate no UART runs at, naming the allowed range. */
    public static void checkBaud(int baud) {
        if (baud < MIN_BAUD || baud > MAX_BAUD) {
            throw SnnException.badInput("--baud " + baud + ": must be " + MIN_BAUD + ".." + MAX_BAUD);
        }
    }

    /**
     * {@code sim} (an in-process board with flash in memory, default profile), {@code tcp://HOST:PORT},
     * or a serial device path opened with jssc.
     */
    public static Link.Connector connector(String port, int baud) {
        checkBaud(baud);
        if (port.equals(SIM)) {
            Board board = Firmware.memoryBoard(snn.deploy.profile.Profiles.board(snn.deploy.profile.Profiles.builtIn().get(snn.deploy.profile.Profiles.DEFAULT_BOARD)));
            return SimLink.connector(board, new FaultInjector(FaultSpec.NONE, new java.util.Random(0)), null);
        }
        Matcher m = TCP.matcher(port);
        if (m.matches()) {
            int p = Integer.parseInt(m.group(2));
            if (p < 1 || p > 65535) {
                throw SnnException.badInput("--port " + port + ": TCP port must be 1..65535");
            }
            return () -> new TcpLink(m.group(1), p, baud);
        }
        if (port.startsWith("tcp:")) {
            throw SnnException.badInput("--port " + port + ": expected tcp://HOST:PORT, e.g. tcp://127.0.0.1:5555");
        }
        return () -> new SerialLink(port, baud);
    }
}
