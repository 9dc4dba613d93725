package snn.sim.board;

import java.util.Locale;
import snn.support.SnnException;

/**
 * Which faults the emulated board injects, parsed from {@code --faults}: comma-separated
 * {@code name=value} pairs, e.g. {@code flip=1e-4,dropframe=0.01,powercut=40}.
 * <pre>
 *   flip=P        each byte (both directions) has one random bit flipped with probability P
 *   drop=P        each byte is lost with probability P
 *   dup=P         each byte arrives twice with probability P
 *   dropframe=P   each frame (both directions) is lost with probability P
 *   dupframe=P    each frame is delivered twice with probability P
 *   disconnect=P  after each received frame the link drops with probability P
 *   powercut=N    the power goes during the Nth flash write (program or erase) since start
 * </pre>
 */
public record FaultSpec(double flip, double drop, double dup, double dropFrame, double dupFrame,
                        double disconnect, long powerCutAt) {
    public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 0, 0, 0, 0);

    public boolean byteFaults() {
        return flip > 0 || drop > 0 || dup > 0;
    }

    public boolean any() {
        return byteFaults() || dropFrame > 0 || dupFrame > 0 || disconnect > 0 || powerCutAt > 0;
    }

    public static FaultSpec parse(String spec) {
        FaultSpec f = NONE;
        if (spec == null || spec.isBlank()) {
            return f;
        }
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length != 2) {
                throw SnnException.badInput("--faults " + spec + ": '" + part + "' is not name=value");
            }
            String name = kv[0].trim().toLowerCase(Locale.ROOT);
            String value = kv[1].trim();
            try {
                if (name.equals("powercut")) {
                    long n = Long.parseLong(value);
                    if (n < 0) {
                        throw new NumberFormatException();
                    }
                    f = new FaultSpec(f.flip, f.drop, f.dup, f.dropFrame, f.dupFrame, f.disconnect, n);
                    continue;
                }
                double p = Double.parseDouble(value);
                if (!(p >= 0 && p <= 1)) {
                    throw new NumberFormatException();
                }
                f = switch (name) {
                    case "flip" -> new FaultSpec(p, f.drop, f.dup, f.dropFrame, f.dupFrame, f.disconnect, f.powerCutAt);
                    case "drop" -> new FaultSpec(f.flip, p, f.dup, f.dropFrame, f.dupFrame, f.disconnect, f.powerCutAt);
                    case "dup" -> new FaultSpec(f.flip, f.drop, p, f.dropFrame, f.dupFrame, f.disconnect, f.powerCutAt);
                    case "dropframe" -> new FaultSpec(f.flip, f.drop, f.dup, p, f.dupFrame, f.disconnect, f.powerCutAt);
                    case "dupframe" -> new FaultSpec(f.flip, f.drop, f.dup, f.dropFrame, p, f.disconnect, f.powerCutAt);
                    case "disconnect" -> new FaultSpec(f.flip, f.drop, f.dup, f.dropFrame, f.dupFrame, p, f.powerCutAt);
                    default -> throw SnnException.badInput("--faults " + spec + ": unknown fault '" + name
                            + "' (known: flip, drop, dup, dropframe, dupframe, disconnect, powercut)");
                };
            } catch (NumberFormatException e) {
                throw SnnException.badInput("--faults " + spec + ": " + name + "=" + value
                        + (name.equals("powercut") ? " must be a flash write number >= 0" : " must be a probability in 0..1"));
            }
        }
        return f;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "flip=%g,drop=%g,dup=%g,dropframe=%g,dupframe=%g,disconnect=%g,powercut=%d",
                flip, drop, dup, dropFrame, dupFrame, disconnect, powerCutAt);
    }
}
