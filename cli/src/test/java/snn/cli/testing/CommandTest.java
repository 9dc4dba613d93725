package snn.cli.testing;

/**
 * A base for tests that run several commands and look at the last one's output: {@link #run} keeps
 * the exit code's {@link #out} and {@link #err} (and the whole {@link #last} run).
 */
public abstract class CommandTest {
    protected String out;
    protected String err;
    protected Cli.Run last;

    protected int run(String... args) {
        last = Cli.run(args);
        out = last.out();
        err = last.err();
        return last.code();
    }
}
