package snn.cli;

import picocli.CommandLine.Option;

/** {@code --baud}: the serial line rate, for every command that talks to a board over a link. */
public final class BaudOption {
    @Option(names = "--baud", paramLabel = "BAUD", defaultValue = "115200", description = "Serial line rate, 8N1.")
    public int baud;
}
