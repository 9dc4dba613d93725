package snn.protocol.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import snn.support.SnnException;

/**
 * The Java parser against the shared corpus of bad images: each names the corpus's field at its byte
 * (the C parser runs the same corpus in firmware-tests, BadImageCorpusCTest).
 */
class BadImageCorpusTest {
    static final Pattern MESSAGE = Pattern.compile("device image field (\\S+) at byte (-?\\d+) is ");

    @Test
    void everyBadImageNamesItsFieldAndByte() {
        Set<String> names = new HashSet<>();
        for (BadImageCorpus.Case c : BadImageCorpus.cases()) {
            assertTrue(names.add(c.name()), "duplicate case " + c.name());
            if (c.field() == null) {
                ImageParser.parse(c.image(), c.name());
                continue;
            }
            SnnException e = assertThrows(SnnException.class, () -> ImageParser.parse(c.image(), c.name()), c.name());
            Matcher m = MESSAGE.matcher(e.getMessage());
            assertTrue(m.find(), c.name() + ": " + e.getMessage());
            assertEquals(c.field() + " " + c.offset(), BadImageCorpus.canonicalField(m.group(1)) + " " + m.group(2),
                    c.name() + ": " + e.getMessage());
        }
        assertTrue(names.size() >= 60, "cases: " + names.size());
    }
}
