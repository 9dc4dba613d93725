package snn.cli;

import picocli.CommandLine.Option;

/** Options every command shares: machine-readable output and how chatty progress is. */
public final class CommonOptions {
    @Option(names = "--json", description = "Print exactly one JSON object on stdout; progress stays on stderr.")
    public boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Show more detail, including stack traces on errors.")
    public boolean verbose;

    @Option(names = {"-q", "--quiet"}, description = "No progress output on stderr.")
    public boolean quiet;
}
