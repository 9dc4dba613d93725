package snn.sim.board;

import java.io.IOException;

/** The board side ended the connection: an injected disconnect or a power cut. */
public final class LinkDropped extends IOException {
    public LinkDropped(String message) {
        super(message);
    }
}
