package snn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.model.TrainedModel;
import snn.support.Json;

/**
 * A model's strings may be of any length (issue 16 item 4: a 30 KB dataset name made {@code snn report}
 * take minutes, in JFreeChart's line breaking of the chart subtitles). The report shows at most
 * {@link DisplayText#MAX} characters of them and keeps the full text in report.json.
 */
class LongStringsTest {
    @TempDir
    Path tmp;

    private static final String MEGABYTE = "ab".repeat(512 * 1024);

    @Test
    void aMegabyteStringIsShownAsItsFirst119CharactersAndAnEllipsis() {
        String shown = brief(DisplayText.shorten(MEGABYTE));
        assertEquals("ab".repeat(59) + "a\u2026", shown);
        assertEquals(120, shown.length());
        String fits = "x".repeat(120);
        assertSame(fits, DisplayText.shorten(fits));
        // a surrogate pair across the cut is dropped whole, never split
        String emoji = "y".repeat(118) + "\uD83D\uDE00" + "z";
        assertEquals("y".repeat(118) + "\u2026", DisplayText.shorten(emoji));
    }

    /** The string, or only its length when it is too long to print in a failure message. */
    private static String brief(String s) {
        return s.length() <= 200 ? s : "(" + s.length() + " characters)";
    }

    @Test
    void chartSubtitlesAreShortened() {
        assertEquals("ab".repeat(59) + "a\u2026", brief(Charts.subtitle(MEGABYTE).getText()));
        assertEquals("mnist, 400 neurons", Charts.subtitle("mnist, 400 neurons").getText());
    }

    @Test
    void escapingAMegabyteStringIsExact() {
        String in = "<a&'\">".repeat(200_000);
        String want = "&lt;a&amp;&#39;&quot;&gt;".repeat(200_000);
        String got = HtmlPage.esc(in);
        assertEquals(want.length(), got.length());
        assertTrue(want.equals(got), "escaped text differs");
    }

    @Test
    void aLongDatasetNameIsShortenedOnThePageAndInTheChartsAndKeptInTheJson() throws Exception {
        String name = "d".repeat(12_000);
        TrainedModel m = ReportTest.synthetic(true, true).toBuilder().setDataset(name)
                .setConfig(ReportTest.synthetic(true, true).getConfig().toBuilder().putStrings("k".repeat(300), "v".repeat(5000)))
                .build();
        Report.write(tmp, m, "model.snn");
        String html = Files.readString(tmp.resolve("index.html"));
        String shown = "d".repeat(119) + "\u2026";
        assertTrue(html.contains("<h1>snn report: " + shown + ", 6 neurons</h1>"), html.substring(0, 400));
        assertTrue(html.contains("<tr><th>dataset</th><td>" + shown + " (5x4 images, 3 classes)</td></tr>"));
        assertTrue(html.contains("<tr><th>" + "k".repeat(119) + "\u2026</th><td>" + "v".repeat(119) + "\u2026</td></tr>"));
        assertFalse(html.contains("d".repeat(120)), "the full name is not on the page");
        assertFalse(html.contains("v".repeat(120)), "the full setting is not on the page");
        Map<String, Object> j = Json.parseObject(Files.readString(tmp.resolve("report.json")));
        assertEquals(name, j.get("dataset"));
    }
}
