package snn.sweep;

import java.io.Serializable;
import java.util.LinkedHashMap;

/**
 * What an executor sends back for one point: the measured values (accuracies, timings), the
 * encoded {@link Predictions}, or the error that stopped the run.
 */
public record PointOutcome(String id, LinkedHashMap<String, Object> values, byte[] predictions, String error,
                           String host) implements Serializable {
    private static final long serialVersionUID = 1L;

    public boolean ok() {
        return error == null;
    }
}
