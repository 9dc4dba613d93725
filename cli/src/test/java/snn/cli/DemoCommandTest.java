package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.support.Json;

/** {@code snn demo --quick} end to end on real MNIST, through a real pseudo-terminal and jssc. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quickDemoFlashesTheEmulatedBoardAndMatchesTheEmulator() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        PrintStream oldOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true));
        int code;
        try {
            code = cl.execute("demo", "--quick", "--json", "-q", "--out", tmp.resolve("demo").toString());
        } finally {
            System.setOut(oldOut);
        }
        assertEquals(0, code, err.toString());
        Map<String, Object> j = Json.parseObject(captured.toString());
        assertEquals(0.0, j.get("mismatches"), "device answers over the serial line equal the emulator's");
        assertEquals(20.0, j.get("serial_sample_images"));
        double trainer = (Double) j.get("trainer_accuracy");
        double device8 = (Double) j.get("device_accuracy_8bit");
        double device4 = (Double) j.get("device_accuracy_4bit");
        assertTrue(trainer >= 0.70, "quick trainer accuracy " + trainer + " below the floor 0.70");
        assertTrue(Math.abs(device8 - trainer) <= 0.01, "8-bit device " + device8 + " vs trainer " + trainer);
        assertTrue(Math.abs(device4 - trainer) <= 0.02, "4-bit device " + device4 + " vs trainer " + trainer);
        assertTrue((Double) j.get("deploy_bytes") > 0);
        Path dir = tmp.resolve("demo");
        for (String f : new String[] {"model.snn", "model-8bit.img", "model-4bit.img", "index.html", "receptive-fields.png",
                "confusion.png", "verify-8.json", "demo.json"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }
}
