package snn.deploy.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import snn.deploy.link.SerialLink;
import snn.deploy.link.TcpLink;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.sim.board.Board;
import snn.sim.board.BoardServer;
import snn.sim.board.FaultInjector;
import snn.sim.board.FaultSpec;
import snn.sim.emulator.Firmware;
import snn.sim.board.LinkDropped;
import snn.sim.board.MemoryFlash;
import snn.sim.board.Pty;
import snn.sim.board.TcpBoard;

/** The uploader over real byte pipes and threads: a pty opened by jssc, and TCP with injected faults. */
class RealLinksTest {

    /**
     * End to end over a real pseudo-terminal: the board serves the pty master paced at 115200 baud,
     * jssc opens the slave. Prints the link efficiency (reported, not asserted: it is wall-clock).
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deploysOverAPacedPtyWithJssc() throws Exception {
        String why = Pty.unavailableReason();
        assumeTrue(why == null, "openpty unavailable: " + why);
        Board board = Firmware.memoryBoard(snn.deploy.profile.Profiles.board(snn.deploy.profile.Profiles.builtIn().get(snn.deploy.profile.Profiles.DEFAULT_BOARD)));
        BoardServer server = new BoardServer(board, new FaultInjector(FaultSpec.NONE, new Random(1)), 115200, null);
        try (Pty pty = Pty.open()) {
            Thread t = new Thread(() -> {
                while (true) {
                    try {
                        server.serve(pty.input(), pty.output());
                        return;
                    } catch (LinkDropped e) {
                        // a UART carries on
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "pty-board");
            t.setDaemon(true);
            t.start();
            byte[] img = SimBoards.deviceImage(2, 60);
            String port = pty.slaveName();
            UploadResult r = new Uploader(() -> new SerialLink(port, 115200), Uploader.Options.DEFAULT, null, null).upload(img);
            assertArrayEquals(img, board.activeModelFromFlash());
            assertEquals(115200, r.baud());
            // a pty served by a board paced at the baud rate: a serial line, with a link efficiency
            assertEquals(true, r.paced());
            assertEquals(false, Double.isNaN(r.linkEfficiency()));
            System.out.printf(Locale.ROOT, "pty %s: %d bytes in %.3f s at 115200 baud, link efficiency %.3f%n", port,
                    r.bytes(), r.seconds(), r.linkEfficiency());
            try (DeviceClient c = new DeviceClient(new SerialLink(port, 115200), null)) {
                DeviceInfo info = c.hello();
                assertArrayEquals(snn.support.Sha256.of(img), info.getModelSha256().toByteArray());
                // the device answers an inference exactly as the emulator does for the same image and seed
                byte[] pixels = snn.core.RandomNetworks.randomPixels(new java.util.SplittableRandom(9), 784);
                snn.core.LifLoop.Result want = new snn.core.LifLoop(
                        snn.sim.image.ImageNetworks.parse(img, "test image")).run(pixels, 0, 7);
                var answer = c.infer(pixels, 7);
                assertEquals(want.label, answer.getLabel());
                assertEquals(want.steps, answer.getSteps());
                for (int j = 0; j < want.counts.length; j++) {
                    assertEquals(want.counts[j], answer.getSpikeCounts(j), "neuron " + j);
                }
            }
        }
    }

    /** TCP with dropped frames and disconnects: real timeouts, reconnects, resume. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void deploysOverTcpWithFaults() throws Exception {
        Board board = new Board(SimBoards.PROFILE, new MemoryFlash(SimBoards.PROFILE.flashBytes(), 1024), SimBoards.LAYOUT,
                Firmware.validator(), null, SimBoards.MAX_CHUNK);
        FaultSpec faults = FaultSpec.parse("dropframe=0.02,dupframe=0.02,disconnect=0.01,flip=1e-5");
        BoardServer server = new BoardServer(board, new FaultInjector(faults, new Random(3)), 0, null);
        try (TcpBoard tcp = new TcpBoard(0, server, null)) {
            tcp.start();
            byte[] img = SimBoards.deviceImage(4, 24);
            int p = tcp.port();
            UploadResult r = new Uploader(() -> new TcpLink("127.0.0.1", p, 115200), new Uploader.Options(512, 8, 8, 20),
                    null, null).upload(img);
            assertArrayEquals(img, board.activeModelFromFlash());
            // TCP is not paced by the baud rate: no link efficiency
            assertEquals(false, r.paced());
            assertEquals(true, Double.isNaN(r.linkEfficiency()));
            System.out.printf(Locale.ROOT, "tcp with faults: %d bytes, %d sent, %d reconnects, %.2f s%n", r.bytes(),
                    r.sentBytes(), r.reconnects(), r.seconds());
        }
    }
}
