package snn.deploy.link;

import snn.support.SnnException;

/**
 * A port that cannot be opened at all: it does not exist, it is not a serial device, or another
 * process holds it. Bad input (exit 2), reported at once; retrying would not help.
 */
public final class PortUnavailable extends SnnException {
    public PortUnavailable(String message) {
        super(USAGE, message);
    }

    public PortUnavailable(String message, Throwable cause) {
        super(USAGE, message, cause);
    }
}
