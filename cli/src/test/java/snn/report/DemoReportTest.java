package snn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.Json;

/**
 * The report of a demo's run folder shows everything demo.json has (issue 16 item 20: the serial
 * results, the deploy summary and the paper's figure were left out of the page).
 */
class DemoReportTest {
    @TempDir
    Path tmp;

    /** demo.json as snn demo writes it (the full demo's figures; link efficiency on the paced pty). */
    static final String DEMO = """
            {
              "dataset": "mnist",
              "quick": false,
              "neurons": 400,
              "train_images": 40000,
              "test_images": 10000,
              "paper_accuracy": 0.8884,
              "trainer_accuracy": 0.9187,
              "trainer_accuracy_vote": 0.9201,
              "images_per_second": 61.5,
              "device_accuracy_8bit": 0.9193,
              "device_accuracy_4bit": 0.9176,
              "bits": 8,
              "device_accuracy": 0.9193,
              "port": "/dev/pts/0",
              "baud": 115200,
              "deploy_bytes": 322704,
              "deploy_seconds": 14.0,
              "deploy_encoding": "snz1",
              "deploy_stream_bytes": 130990,
              "deploy_paced": true,
              "deploy_bytes_per_second": 23050.3,
              "link_efficiency": 2.001,
              "serial_sample_images": 100,
              "serial_sample_accuracy": 0.91,
              "mismatches": 0,
              "report": "run/demo/index.html",
              "a_key_from_a_newer_demo": "shown as it is"
            }
            """;

    private static String row(String key, String value) {
        return "<tr><th>" + key + "</th><td>" + value + "</td></tr>\n";
    }

    @Test
    void thePageShowsThePaperTheSerialResultsAndTheDeploy() throws Exception {
        Files.writeString(tmp.resolve("demo.json"), DEMO);
        Files.writeString(tmp.resolve("verify-8.json"), "{\"bits\": 8, \"device_accuracy\": 0.9193, \"trainer_accuracy\": 0.9187}");
        Report.Result r = Report.write(tmp, ReportTest.synthetic(true, true), "model.snn");
        String html = Files.readString(tmp.resolve("index.html"));
        String want = "<h2>Demo: from the paper to the device</h2>\n<table>\n"
                + row("paper (arXiv 2601.11261: L2, 400 neurons)", "88.84%")
                + row("trainer, max-neuron rule (10000 test images)", "91.87%")
                + row("trainer, vote rule", "92.01%")
                + row("device, 8-bit weights (emulator, same test images)", "91.93%")
                + row("device, 4-bit weights (emulator, same test images)", "91.76%")
                + row("flashed image", "8-bit weights, device accuracy 91.93%")
                + "</table>\n<h3>On the device over the serial line</h3>\n<table>\n"
                + row("test images sent", "100")
                + row("accuracy", "91.00%")
                + row("answers that differ from the emulator", "0 (every answer equal)")
                + "</table>\n<h3>Deploy</h3>\n<table>\n"
                + row("port", "/dev/pts/0, 115200 baud")
                + row("image", "322704 bytes, sent as snz1 (130990 bytes on the line)")
                + row("time", "14.00 s")
                + row("speed", "23.1 kB/s of image")
                + row("link efficiency (image bytes / line capacity at the baud rate)", "2.001")
                + "</table>\n<h3>Run</h3>\n<table>\n"
                + row("dataset", "mnist")
                + row("neurons", "400")
                + row("training images", "40000")
                + row("training speed", "61.5 images/s")
                + row("this page, as the demo named it", "run/demo/index.html")
                + row("a_key_from_a_newer_demo", "shown as it is")
                + "</table>\n";
        assertTrue(html.contains(want), html);
        assertTrue(r.figures().get(r.figures().size() - 1).caption().contains("; the dashed line is the paper's figure. The axis"
                + " is zoomed to the values: it does not start at 0."), r.figures().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> demo = (Map<String, Object>) Json.parseObject(Files.readString(tmp.resolve("report.json"))).get("demo");
        assertEquals(Json.parseObject(DEMO), demo);
        assertEquals(demo, r.summary().demo());
    }

    @Test
    void anUnpacedDeploySaysSoInsteadOfALinkEfficiency() throws Exception {
        Files.writeString(tmp.resolve("demo.json"), DEMO.replace("\"deploy_paced\": true", "\"deploy_paced\": false")
                .replace("  \"link_efficiency\": 2.001,\n", ""));
        Report.write(tmp, ReportTest.synthetic(false, false), "model.snn");
        String html = Files.readString(tmp.resolve("index.html"));
        assertTrue(html.contains(row("link efficiency (image bytes / line capacity at the baud rate)",
                "none: unpaced link (the baud rate does not limit it)")), html);
    }

    /** A quick demo's 79% is ten points below the paper: its line would squash the bars, so the caption gives it. */
    @Test
    void aPaperFigureFarFromTheBarsIsInTheCaptionNotOnTheChart() throws Exception {
        Files.writeString(tmp.resolve("demo.json"), DEMO);
        Files.writeString(tmp.resolve("verify-8.json"), "{\"bits\": 8, \"device_accuracy\": 0.7895, \"trainer_accuracy\": 0.789}");
        Report.Result r = Report.write(tmp, ReportTest.synthetic(false, false), "model.snn");
        assertEquals("Accuracy on the device (emulated or real) and in the trainer, per weight bit width, from the run"
                + " folder's verify-*.json and quantize-*.json files; the paper's figure (88.84%) is more than 3 points off"
                + " this axis, so not drawn. The axis is zoomed to the values: it does not start at 0.",
                r.figures().get(r.figures().size() - 1).caption());
    }

    @Test
    void aDemoJsonThatDoesNotParseIsLeftOutWithANote() throws Exception {
        Files.writeString(tmp.resolve("demo.json"), "{\"dataset\": ");
        Report.Result r = Report.write(tmp, ReportTest.synthetic(false, false), "model.snn");
        assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("skipped demo.json: not a JSON object")), r.notes().toString());
        assertTrue(!Files.readString(tmp.resolve("index.html")).contains("Demo:"));
    }
}
