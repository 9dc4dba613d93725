package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.cli.testing.Cli;
import snn.support.Json;

class DeployCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        Cli.Run r = Cli.run(args);
        return new Run(r.code(), r.out(), r.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void deploysToTwoSimBoardsInParallel(@TempDir Path dir) throws Exception {
        snn.core.RandomNetworks.Case c = snn.core.RandomNetworks.randomCase("deploy", 1, 784, 40, 50);
        byte[] bytes = snn.protocol.image.ImageWriter.write(
                snn.sim.image.ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed));
        Path img = dir.resolve("model.img");
        Files.write(img, bytes);
        Run r = run("deploy", img.toString(), "--port", "sim", "--port", "sim", "--json", "-q");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> m = Json.parseObject(r.out());
        assertEquals(2.0, m.get("succeeded"));
        List<Map<String, Object>> boards = (List<Map<String, Object>>) m.get("boards");
        for (Map<String, Object> b : boards) {
            assertEquals((double) bytes.length, b.get("bytes"));
            assertEquals(0.0, b.get("resumed_from"));
            assertEquals(m.get("model_sha256"), b.get("model_sha256"));
            assertEquals(b.get("model_sha256"), ((Map<String, Object>) b.get("device")).get("model_sha256"));
            assertTrue(b.containsKey("seconds"));
            // nothing paces an in-process board: no line, no efficiency (null, which Json leaves out)
            assertTrue(!b.containsKey("link_efficiency") || b.get("link_efficiency") == null);
            assertEquals(false, b.get("paced"));
        }
    }

    /**
     * TCP moves bytes as fast as it can whatever --baud says, so a link efficiency against the baud
     * rate means nothing there (issue 16 item 18: 13.35 was printed): the line says "unpaced link" and
     * the JSON has paced false, bytes_per_second and no link_efficiency.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aTcpBoardIsAnUnpacedLinkWithoutLinkEfficiency(@TempDir Path dir) throws Exception {
        snn.core.RandomNetworks.Case c = snn.core.RandomNetworks.randomCase("deploy", 1, 784, 40, 50);
        Path img = dir.resolve("model.img");
        Files.write(img, snn.protocol.image.ImageWriter.write(
                snn.sim.image.ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed)));
        snn.sim.board.Board board = snn.sim.emulator.Firmware.memoryBoard(snn.deploy.profile.Profiles.board(
                snn.deploy.profile.Profiles.builtIn().get(snn.deploy.profile.Profiles.DEFAULT_BOARD)));
        snn.sim.board.BoardServer server = new snn.sim.board.BoardServer(board,
                new snn.sim.board.FaultInjector(snn.sim.board.FaultSpec.NONE, new java.util.Random(0)), 0, null);
        try (snn.sim.board.TcpBoard tcp = new snn.sim.board.TcpBoard(0, server, null)) {
            tcp.start();
            String port = "tcp://127.0.0.1:" + tcp.port();
            Run json = run("deploy", img.toString(), "--port", port, "--json", "-q");
            assertEquals(0, json.code(), json.err());
            Map<String, Object> b = Json.parseObject(json.out());
            assertEquals(false, b.get("paced"));
            assertTrue(!b.containsKey("link_efficiency"), json.out());
            assertTrue((Double) b.get("bytes_per_second") > 0, json.out());
            assertEquals(115200.0, b.get("baud"));

            Run text = run("deploy", img.toString(), "--port", port, "--no-compress");
            assertEquals(0, text.code(), text.err());
            assertTrue(text.err().contains(" (unpaced link: no link efficiency)"), text.err());
            assertTrue(!text.err().contains("link efficiency "), text.err());
        }
    }

    /** A paced line (a serial port, a pty a paced emulator serves) has its link efficiency in the JSON. */
    @Test
    @SuppressWarnings("unchecked")
    void aPacedLinkHasItsLinkEfficiencyInTheJson() {
        snn.deploy.upload.UploadResult paced = new snn.deploy.upload.UploadResult("/dev/ttyUSB0", 11520, 2.0, 115200, true,
                0, 11520, 0, 0, false, new byte[32], snn.protocol.wire.DeviceInfo.getDefaultInstance(), "raw", 11520);
        Map<String, Object> b = Json.parseObject(Json.pretty(snn.cli.json.DeployJson.Board.of(paced)));
        assertEquals(true, b.get("paced"));
        assertEquals(0.5, b.get("link_efficiency"));
        assertEquals(5760.0, b.get("bytes_per_second"));
        assertEquals("link efficiency 0.500", paced.speed());
        snn.deploy.upload.UploadResult tcp = new snn.deploy.upload.UploadResult("tcp://h:1", 11520, 2.0, 115200, false,
                0, 11520, 0, 0, false, new byte[32], snn.protocol.wire.DeviceInfo.getDefaultInstance(), "raw", 11520);
        Map<String, Object> t = Json.parseObject(Json.pretty(snn.cli.json.DeployJson.Board.of(tcp)));
        assertEquals(false, t.get("paced"));
        assertTrue(!t.containsKey("link_efficiency"));
        assertEquals("5.8 kB/s (unpaced link: no link efficiency)", tcp.speed());
    }

    @Test
    void badInputsExitWithUsageCode(@TempDir Path dir) throws Exception {
        Run missing = run("deploy", dir.resolve("nope.img").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.img: no such file"), missing.err());
        Run faults = run("emulate", "--tcp", "0", "--faults", "zap=1");
        assertEquals(2, faults.code());
        assertTrue(faults.err().contains("unknown fault 'zap'"), faults.err());
        Path img = dir.resolve("bad.img");
        Files.write(img, new byte[100]); // no valid trailer: the board refuses it at commit
        Run refused = run("deploy", img.toString(), "-q");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("commit at offset 100 refused by the device: BAD_IMAGE (8)"), refused.err());
    }

    /** Every command that opens a port fails at once, exit 2, on a port that is not there or an absurd line rate. */
    @Test
    void unopenablePortsAndAbsurdLineRatesExitWithUsageCodeAtOnce(@TempDir Path dir) throws Exception {
        Path img = dir.resolve("any.img");
        Files.write(img, new byte[100]);
        long t0 = System.nanoTime();
        Run deploy = run("deploy", img.toString(), "--port", "/dev/ttyNOPE0", "-q");
        assertEquals(2, deploy.code(), deploy.err());
        assertTrue(deploy.err().contains("cannot open /dev/ttyNOPE0: no such device"), deploy.err());
        assertTrue(!deploy.err().contains("?:"), deploy.err());
        Run info = run("device", "info", "--port", "/dev/ttyNOPE0");
        assertEquals(2, info.code(), info.err());
        assertTrue(info.err().contains("cannot open /dev/ttyNOPE0: no such device"), info.err());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "no retries");
        for (String baud : new String[] {"0", "-1", "99999999"}) {
            Run b = run("device", "info", "--baud", baud);
            assertEquals(2, b.code(), b.err());
            assertTrue(b.err().contains("--baud " + baud + ": must be 50..4000000"), b.err());
            Run d = run("deploy", img.toString(), "--baud", baud);
            assertEquals(2, d.code(), d.err());
            assertTrue(d.err().contains("--baud " + baud + ": must be 50..4000000"), d.err());
        }
    }
}
