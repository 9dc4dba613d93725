package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.support.Json;

class DeployCommandTest {
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Run(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
        }
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
        }
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
