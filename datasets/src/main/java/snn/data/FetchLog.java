package snn.data;

import java.io.PrintStream;
import snn.support.Progress;

/** Where fetching reports what it does: one-line notes and progress bars, both on stderr. */
public record FetchLog(PrintStream err, boolean quiet) {

    /** A log that prints nothing (tests, library use). */
    public static FetchLog silent() {
        return new FetchLog(System.err, true);
    }

    public void note(String line) {
        if (!quiet) {
            err.println(line);
            err.flush();
        }
    }

    /** A progress bar; {@code total <= 0} when the total is unknown. */
    public Progress progress(String label, long total, String unit) {
        return new Progress(err, label, total, unit, quiet);
    }
}
