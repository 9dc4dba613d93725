package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.cli.testing.Cli;

/** {@code snn demo --quick} end to end on real MNIST, through a real pseudo-terminal and jssc. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void quickDemoFlashesTheEmulatedBoardAndMatchesTheEmulator() throws Exception {
        Cli.Run run = Cli.run("demo", "--quick", "--json", "-q", "--out", tmp.resolve("demo").toString());
        assertEquals(0, run.code(), run.err());
        Map<String, Object> j = run.json();
        assertEquals(0.0, j.get("mismatches"), "device answers over the serial line equal the emulator's");
        assertEquals(20.0, j.get("serial_sample_images"));
        double trainer = (Double) j.get("trainer_accuracy");
        double device8 = (Double) j.get("device_accuracy_8bit");
        double device4 = (Double) j.get("device_accuracy_4bit");
        assertTrue(trainer >= 0.70, "quick trainer accuracy " + trainer + " below the floor 0.70");
        assertTrue(Math.abs(device8 - trainer) <= 0.01, "8-bit device " + device8 + " vs trainer " + trainer);
        assertTrue(Math.abs(device4 - trainer) <= 0.02, "4-bit device " + device4 + " vs trainer " + trainer);
        assertTrue((Double) j.get("deploy_bytes") > 0);
        // the emulated board paces its pty at the baud rate: a serial line with a link efficiency
        assertEquals(true, j.get("deploy_paced"));
        assertTrue(j.get("link_efficiency") instanceof Double, j.toString());
        Path dir = tmp.resolve("demo");
        // the page shows demo.json: the paper, the serial results, the deploy
        String html = Files.readString(dir.resolve("index.html"));
        assertTrue(html.contains("<tr><th>paper (arXiv 2601.11261: L2, 400 neurons)</th><td>88.84%</td></tr>"), html);
        assertTrue(html.contains("<h3>On the device over the serial line</h3>\n<table>\n<tr><th>test images sent</th><td>20</td></tr>"), html);
        assertTrue(html.contains("<tr><th>answers that differ from the emulator</th><td>0 (every answer equal)</td></tr>"), html);
        assertTrue(html.contains(String.format(java.util.Locale.ROOT, "<tr><th>link efficiency (image bytes / line capacity"
                + " at the baud rate)</th><td>%.3f</td></tr>", (Double) j.get("link_efficiency"))), html);
        for (String f : new String[] {"model.snn", "model-8bit.img", "model-4bit.img", "index.html", "receptive-fields.png",
                "confusion.png", "verify-8.json", "demo.json"}) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
    }
}
