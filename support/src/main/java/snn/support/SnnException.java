package snn.support;

/**
 * An error meant for the user: its message is printed as one line, without a stack trace.
 * The exit code tells scripts what happened: {@link #USAGE} for bad input or usage,
 * {@link #CHECK_FAILED} for a check that ran and failed.
 */
public class SnnException extends RuntimeException {
    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;

    private final int exitCode;

    public SnnException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SnnException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input: a file, field or value that is wrong. Exit code 2. */
    public static SnnException badInput(String message) {
        return new SnnException(USAGE, message);
    }

    /** A check that ran and failed (accuracy floor, mismatch, verification). Exit code 1. */
    public static SnnException checkFailed(String message) {
        return new SnnException(CHECK_FAILED, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
