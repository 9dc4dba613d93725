package snn.report;

/**
 * Strings from a model or a run folder (dataset name, settings, file names) as the report shows them:
 * at most {@link #MAX} characters, the rest replaced by an ellipsis. A model may carry a name of any
 * length; a chart title lays its text out in time that grows with the square of its length
 * (JFreeChart's line breaking), and a page heading of 30 KB helps no reader. report.json keeps the
 * full strings.
 */
final class DisplayText {
    static final int MAX = 120;
    static final char ELLIPSIS = '\u2026';

    private DisplayText() {
    }

    static String shorten(String s) {
        return shorten(s, MAX);
    }

    /** {@code s} itself when it fits in {@code max} characters, else its first max-1 and an ellipsis. */
    static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = max - 1;
        if (Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--; // never split a surrogate pair
        }
        return s.substring(0, cut) + ELLIPSIS;
    }
}
