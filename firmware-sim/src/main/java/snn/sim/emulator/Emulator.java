package snn.sim.emulator;

import snn.sim.board.Board;
import snn.sim.board.BoardProfile;
import snn.sim.board.BoardServer;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.board.FileFlash;
import snn.sim.board.Flash;
import snn.sim.board.FlashLayout;
import snn.sim.board.JournalState;
import snn.sim.board.MemoryFlash;
import snn.sim.board.PowerCutFlash;
import snn.sim.board.Pty;
import snn.sim.board.TcpBoard;
import snn.sim.board.TrustRules;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Random;
import snn.sim.board.BoardEndpoint;
import snn.sim.board.LinkDropped;
import snn.sim.board.TrustRules;

/**
 * {@code snn emulate}: one emulated board with its flash in a file (or memory), served over a pty or
 * TCP until the process is stopped. Events (power cuts, refusals, connections) go to {@code log}.
 */
public final class Emulator {
    private final BoardServer server;
    private final PrintWriter log;

    public Emulator(BoardProfile profile, Path flashFile, int baud, FaultSpec faults, long seed, PrintWriter log)
            throws IOException {
        this(profile, flashFile, baud, faults, seed, log, new byte[0][]);
    }

    /** trust: raw Ed25519 public keys to provision at start (none: the board stays as its flash says). */
    public Emulator(BoardProfile profile, Path flashFile, int baud, FaultSpec faults, long seed, PrintWriter log,
                    byte[][] trust) throws IOException {
        this.log = log;
        Random rnd = new Random(seed);
        FlashLayout layout = FlashLayout.forProfile(profile);
        Flash flash = flashFile == null ? new MemoryFlash(profile.flashBytes(), FlashLayout.SECTOR)
                : new FileFlash(flashFile, profile.flashBytes(), FlashLayout.SECTOR);
        if (faults.powerCutAt() > 0) {
            flash = new PowerCutFlash(flash, faults.powerCutAt(), rnd);
        }
        Board board = new Board(profile, flash, layout, Firmware.validator(profile), Firmware.engine());
        if (trust.length > 0) {
            String refused = board.provisionAtStart(trust);
            if (refused != null) {
                throw snn.support.SnnException.badInput("--trust: " + refused);
            }
        }
        this.server = new BoardServer(board, new FaultInjector(faults, rnd), baud, this::event);
        warmUp(board);
        JournalState s = board.state();
        event("board " + profile.name() + ": flash " + profile.flashBytes() + " bytes, slots of " + layout.slotBytes()
                + " bytes; " + (s.hasModel() ? "model in slot " + s.activeSlot() + " (" + s.activeSize() + " bytes)" : "no model")
                + (s.hasUpload() ? "; upload pending at " + s.uploadOffset() + "/" + s.uploadSize() : "")
                + (s.provisioned() ? "; trusts key ids " + TrustRules.ids(s.trustKeys()) + " (generation " + s.trustGeneration() + ")"
                        : "; unprovisioned (accepts unsigned images)")
                + (baud > 0 ? "; " + baud + " baud" : "; unpaced") + (faults.any() ? "; faults " + faults : ""));
    }

    /** Boots the message handling once, as firmware finishes booting before its UART is served. */
    private static void warmUp(Board board) throws IOException {
        byte[] hello = snn.protocol.frame.FrameEncoder.encode(snn.protocol.wire.Request.newBuilder()
                .setHello(snn.protocol.wire.Hello.getDefaultInstance()).build().toByteArray());
        BoardEndpoint probe = new BoardEndpoint(board, new FaultInjector(FaultSpec.NONE, new Random(0)), b -> { }, null);
        for (int i = 0; i < 200; i++) {
            probe.receive(hello, 0, hello.length);
        }
    }

    private void event(String message) {
        if (log != null) {
            synchronized (log) {
                log.println("emulate: " + message);
                log.flush();
            }
        }
    }

    public Board board() {
        return server.board();
    }

    /**
     * Serves on a new pty; prints {@code pty: /dev/pts/N} as the first line of {@code out}. A UART
     * does not disconnect, so an injected disconnect or a power cut only loses what was in flight.
     */
    public void runPty(PrintWriter out) throws IOException, InterruptedException {
        try (Pty pty = Pty.open()) {
            out.println("pty: " + pty.slaveName());
            out.flush();
            while (true) {
                try {
                    server.serve(pty.input(), pty.output());
                    return;
                } catch (LinkDropped e) {
                    event("link dropped: " + e.getMessage());
                }
            }
        }
    }

    /** Serves TCP clients on 127.0.0.1:port; prints {@code tcp: 127.0.0.1:PORT} first. */
    public void runTcp(int port, PrintWriter out) throws IOException {
        try (TcpBoard tcp = new TcpBoard(port, server, this::event)) {
            out.println("tcp: 127.0.0.1:" + tcp.port());
            out.flush();
            tcp.run();
        }
    }
}
