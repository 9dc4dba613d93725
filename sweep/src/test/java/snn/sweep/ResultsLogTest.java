package snn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.Json;

/** A point is recorded as done exactly once, whatever Spark hands the driver and whatever an older log holds. */
class ResultsLogTest {
    @TempDir
    Path tmp;

    private static Map<String, Object> row(String key, String status, double acc) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", "id-" + key);
        r.put("status", status);
        r.put("test_accuracy", acc);
        r.put("key", key);
        return r;
    }

    @Test
    void aSecondOutcomeOfADonePointIsNotAppended() throws Exception {
        ResultsLog log = ResultsLog.open(tmp);
        assertTrue(log.append(row("a", "failed", 0), null), "a failure is recorded");
        assertTrue(log.append(row("a", "ok", 0.5), new byte[] {1}), "then the retry's success");
        assertFalse(log.append(row("a", "ok", 0.5), new byte[] {2}), "a speculative or retried duplicate is not");
        assertFalse(log.append(row("a", "failed", 0), null), "nor a late failure of a done point");
        assertTrue(log.append(row("b", "ok", 0.7), null));
        assertEquals(3, Files.readAllLines(tmp.resolve(ResultsLog.JSONL)).size());
        assertEquals(4, Files.readAllLines(tmp.resolve(ResultsLog.CSV)).size());
        assertEquals(1, Files.readAllBytes(ResultsLog.predictionFile(tmp, "id-a"))[0], "the first predictions stay");
        assertEquals(Set.of("a", "b"), ResultsLog.open(tmp).doneKeys());
    }

    @Test
    void openingALogWithDuplicateRowsKeepsTheFirstOkRowOfEachPoint() throws Exception {
        Files.writeString(tmp.resolve(ResultsLog.JSONL), Json.compact(row("a", "ok", 0.5)) + "\n"
                + Json.compact(row("b", "failed", 0)) + "\n" + Json.compact(row("a", "ok", 0.5)) + "\n"
                + Json.compact(row("b", "ok", 0.6)) + "\n" + Json.compact(row("b", "ok", 0.6)) + "\n");
        ResultsLog log = ResultsLog.open(tmp);
        assertEquals(3, log.rows().size());
        assertEquals(3, Files.readAllLines(tmp.resolve(ResultsLog.JSONL)).size(), "the file is rewritten without them");
        assertEquals(4, Files.readAllLines(tmp.resolve(ResultsLog.CSV)).size());
    }
}
