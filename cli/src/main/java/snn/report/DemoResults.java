package snn.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import snn.support.Json;

/**
 * What {@code snn demo} measured beyond the model, from the run folder's {@code demo.json}: the paper's
 * figure, accuracy in the emulator per bit width, the deploy over the serial line and the sample of
 * test images sent over it. The report shows every key of it; a file that does not parse is left out
 * with a note, never an error.
 */
final class DemoResults {
    static final String FILE = "demo.json";

    private DemoResults() {
    }

    /** demo.json's object in file order, or null when the folder has none or it does not parse (with a note). */
    static Map<String, Object> read(Path runDir, List<String> notes) throws IOException {
        Path f = runDir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            Map<String, Object> m = Json.parseObject(Files.readString(f, StandardCharsets.UTF_8));
            if (m == null) {
                notes.add("skipped " + FILE + ": empty");
            }
            return m;
        } catch (RuntimeException e) {
            notes.add("skipped " + FILE + ": not a JSON object (" + DisplayText.shorten(String.valueOf(e.getMessage())) + ")");
            return null;
        }
    }

    /** A number from the file, or NaN when the key is missing or not a number. */
    static double number(Map<String, Object> demo, String key) {
        return demo.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
