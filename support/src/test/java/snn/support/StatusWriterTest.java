package snn.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Lines printed while a progress bar is on a terminal go above the bar: erase the bar's line(s), the
 * text, then the bar again (issue 16 item 18: "...img/strain: after 62 images..." glued onto the bar).
 */
class StatusWriterTest {
    private static final String ERASE = "\r\033[K";
    private static final String UP_ERASE = "\033[A\r\033[K";

    @Test
    void textPrintedUnderAStatusGoesAboveItAndTheStatusIsRedrawn() {
        StringWriter s = new StringWriter();
        StatusWriter w = new StatusWriter(s, true);
        w.status("bar 1");
        w.println("note");
        w.status("bar 2");
        w.clearStatus();
        w.println("final bar");
        assertEquals("bar 1" + ERASE + "note\n" + "bar 1" + ERASE + "bar 2" + ERASE + "final bar\n", s.toString());
    }

    @Test
    void aStatusOfSeveralLinesIsErasedLineByLine() {
        StringWriter s = new StringWriter();
        StatusWriter w = new StatusWriter(s, true);
        w.status("board a\nboard b");
        w.println("frame");
        w.status("one line");
        w.clearStatus();
        String both = ERASE + UP_ERASE;
        assertEquals("board a\nboard b" + both + "frame\n" + "board a\nboard b" + both + "one line" + ERASE, s.toString());
    }

    @Test
    void aStatusWaitsForAnUnfinishedLineToEnd() {
        StringWriter s = new StringWriter();
        StatusWriter w = new StatusWriter(s, true);
        w.print("par");
        w.status("bar");
        w.print("tial");
        w.println();
        w.flush();
        assertEquals("partial\nbar", s.toString());
    }

    @Test
    void offATerminalNoStatusIsDrawnAndTextPassesThrough() {
        StringWriter s = new StringWriter();
        StatusWriter w = new StatusWriter(s, false);
        w.status("bar");
        w.println("note");
        w.clearStatus();
        w.println("last");
        assertEquals("note\nlast\n", s.toString());
    }

    /** A trainer note between two bar draws: erase the bar, the note, the bar again; the final bar last. */
    @Test
    void aProgressBarOnATerminalMakesRoomForNotes() {
        StringWriter s = new StringWriter();
        StatusWriter w = new StatusWriter(s, true);
        try (Progress p = new Progress(w, "train", 100, "img", false)) {
            p.update(62); // the first update always draws
            w.println("train: after 62 images: accuracy 80.00%");
        }
        String out = s.toString();
        String bar = out.substring(0, out.indexOf('\r'));
        assertTrue(bar.startsWith("train [##############..........] 62/100 img"), out);
        String finalBar = out.substring(out.lastIndexOf(ERASE) + ERASE.length(), out.length() - 1);
        assertTrue(finalBar.startsWith("train [##############..........] 62/100 img") && finalBar.contains(" in 0:0"), out);
        assertEquals(bar + ERASE + "train: after 62 images: accuracy 80.00%\n" + bar + ERASE + finalBar + "\n", out);
    }
}
