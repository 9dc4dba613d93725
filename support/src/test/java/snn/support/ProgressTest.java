package snn.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress decides on redrawn bars by looking at stderr itself, not at stdin and stdout. */
class ProgressTest {
    @TempDir
    Path tmp;

    @Test
    void terminalDevicesAreRecognisedAndFilesAreNot() {
        assertTrue(Progress.isTerminalDevice("/dev/pts/3"));
        assertTrue(Progress.isTerminalDevice("/dev/tty1"));
        assertTrue(Progress.isTerminalDevice("/dev/console"));
        assertFalse(Progress.isTerminalDevice("/tmp/log.txt"));
        assertFalse(Progress.isTerminalDevice("pipe:[12345]"));
        assertFalse(Progress.isTerminalDevice("/dev/null"));
    }

    @Test
    void stderrRedirectedToAFileIsNotATerminal() throws Exception {
        Path log = Files.createFile(tmp.resolve("log"));
        Path fd2 = Files.createSymbolicLink(tmp.resolve("fd2"), log);
        assertFalse(Progress.stderrIsTerminal(fd2));
        Path pty = Files.createSymbolicLink(tmp.resolve("fd2-pty"), Path.of("/dev/pts/7"));
        assertTrue(Progress.stderrIsTerminal(pty));
    }

    @Test
    void aBarOffATerminalPrintsPlainLinesWithoutControlCodes() {
        StringWriter s = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(s), "train", 10, "img", false)) {
            for (int k = 1; k <= 10; k++) {
                p.update(k);
            }
        }
        String text = s.toString();
        if (!Progress.STDERR_IS_TERMINAL) { // the test runner's stderr is a file or a pipe
            assertFalse(text.contains("\r") || text.contains("\033["), text);
        }
        assertEquals(text.strip().lines().count(), text.strip().lines().filter(l -> l.startsWith("train")).count(), text);
    }
}
