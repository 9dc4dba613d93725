package snn.sim.board;

import java.io.ByteArrayOutputStream;
import java.util.Random;

/** Applies a {@link FaultSpec}'s byte and frame faults with one seeded RNG, and counts what it did. */
public final class FaultInjector {
    private final FaultSpec spec;
    private final Random rnd;
    private long flips;
    private long drops;
    private long dups;
    private long framesDropped;
    private long framesDuplicated;
    private long disconnects;

    public FaultInjector(FaultSpec spec, Random rnd) {
        this.spec = spec;
        this.rnd = rnd;
    }

    public FaultSpec spec() {
        return spec;
    }

    public Random random() {
        return rnd;
    }

    /** The bytes after flips, drops and duplications; {@code data} itself when there are no byte faults. */
    public byte[] bytes(byte[] data, int off, int len) {
        if (!spec.byteFaults()) {
            return off == 0 && len == data.length ? data : java.util.Arrays.copyOfRange(data, off, off + len);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(len + 8);
        for (int i = off; i < off + len; i++) {
            byte b = data[i];
            if (spec.drop() > 0 && rnd.nextDouble() < spec.drop()) {
                drops++;
                continue;
            }
            if (spec.flip() > 0 && rnd.nextDouble() < spec.flip()) {
                b ^= (byte) (1 << rnd.nextInt(8));
                flips++;
            }
            out.write(b);
            if (spec.dup() > 0 && rnd.nextDouble() < spec.dup()) {
                out.write(b);
                dups++;
            }
        }
        return out.toByteArray();
    }

    /** How many times a frame is delivered: 0 (dropped), 1, or 2 (duplicated). */
    public int frameCopies() {
        if (spec.dropFrame() > 0 && rnd.nextDouble() < spec.dropFrame()) {
            framesDropped++;
            return 0;
        }
        if (spec.dupFrame() > 0 && rnd.nextDouble() < spec.dupFrame()) {
            framesDuplicated++;
            return 2;
        }
        return 1;
    }

    public boolean disconnectNow() {
        if (spec.disconnect() > 0 && rnd.nextDouble() < spec.disconnect()) {
            disconnects++;
            return true;
        }
        return false;
    }

    /** Every fault injected so far, of any kind. */
    public long injected() {
        return flips + drops + dups + framesDropped + framesDuplicated + disconnects;
    }

    public String summary() {
        return "flipped " + flips + " bytes, dropped " + drops + ", duplicated " + dups + "; frames dropped "
                + framesDropped + ", duplicated " + framesDuplicated + "; disconnects " + disconnects;
    }
}
