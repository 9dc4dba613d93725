package snn.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Options every command shares (machine-readable output, how chatty progress is) and the command's
 * writers: commands print through {@link #out()} and {@link #err()}, never System.out/err, so that
 * {@code CommandLine.setOut/setErr} (tests, embedding) capture everything.
 */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--json", description = "Print exactly one JSON object on stdout; progress stays on stderr.")
    public boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show more detail, including stack traces on errors.")
    public boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    public boolean quiet;

    /** The command's standard output (results, --json). */
    public PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    /** The command's standard error (progress, notes). */
    public PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** Where progress bars go: {@link #err()}, or null with --quiet. */
    public PrintWriter progress() {
        return quiet ? null : err();
    }
}
