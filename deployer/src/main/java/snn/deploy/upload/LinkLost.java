package snn.deploy.upload;

import java.io.IOException;

/** The link broke or the device stopped answering: worth reconnecting and resuming. */
public final class LinkLost extends IOException {
    public LinkLost(String message, Throwable cause) {
        super(message, cause);
    }

    public LinkLost(String message) {
        super(message);
    }
}
