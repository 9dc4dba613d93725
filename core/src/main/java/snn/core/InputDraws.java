package snn.core;

import java.util.Arrays;

/**
 * Step 1 of the device loop, the Poisson input spikes, for {@link LifLoop} and the trainer: which active inputs
 * spike at each step of a presentation. Per step and active input a, in input order, the spec draws
 * x = next() and the input spikes when (x &gt;&gt;&gt; 16) &lt; p[a] (docs/device-spec.md, "Input encoding").
 *
 * <p>A presentation's draws are made before its first step, all steps side by side: chain t starts
 * at draw t * active ({@link Xorshift32#jumpTable table-jumped} from chain t-1), so "advance every
 * chain once and compare with input a's probability" is one loop over t that the JIT vectorises.
 * Hits collect as bits, 32 inputs at a time, and are then unpacked (a spike per step is rare).
 * Every draw is the spec's draw at the spec's position in the stream. Presentations too long for
 * the buffer draw one step at a time instead, with the same stream.
 *
 * <p>Step t's spiking inputs are {@code buffer()[t * active ..]}, {@code rows(t)} of them, in
 * input order (the unbuffered path always uses t = 0).
 */
public final class InputDraws {
    /** Most ints the buffer may take (8 MiB). */
    public static final int BUFFER_MAX = 1 << 21;

    private final int[] buffer;
    private final int[] rows;
    /** Per step: its chain's random state, and its hits of the current 32 inputs as bits. */
    private final int[] chainState;
    private final int[] hitBits;
    /** Xorshift32 jump tables by number of active inputs, made when first needed. */
    private final int[][] jumpTables;

    public InputDraws(int inputs, int steps, int bufferMax) {
        buffer = new int[(int) Math.max(inputs, Math.min((long) steps * inputs, bufferMax))];
        rows = new int[steps];
        chainState = new int[steps];
        hitBits = new int[steps];
        jumpTables = new int[inputs + 1][];
    }

    public int[] buffer() {
        return buffer;
    }

    public int rows(int t) {
        return rows[t];
    }

    /** Whether a whole presentation of {@code steps} steps with {@code active} inputs fits the buffer. */
    public boolean fits(int steps, int active) {
        return (long) steps * active <= buffer.length;
    }

    /**
     * Draws every step of a presentation (which must {@link #fits fit}) from {@code state}; returns
     * the stream's state after them.
     */
    public int presentation(int state, int[] activeInput, int[] activeProb, int active, int steps) {
        final int[] s = chainState;
        final int[] m = hitBits;
        final int[] table = jumpTable(active);
        s[0] = state;
        for (int t = 1; t < steps; t++) {
            s[t] = Xorshift32.jump(table, s[t - 1]);
        }
        Arrays.fill(rows, 0, steps, 0);
        for (int a0 = 0; a0 < active; a0 += 32) {
            final int a1 = Math.min(active, a0 + 32);
            Arrays.fill(m, 0, steps, 0);
            for (int a = a0; a < a1; a++) {
                final int p = activeProb[a];
                for (int t = 0; t < steps; t++) {
                    int x = s[t];
                    x ^= x << 13;
                    x ^= x >>> 17;
                    x ^= x << 5;
                    s[t] = x;
                    m[t] = (m[t] << 1) | (((x >>> 16) - p) >>> 31);
                }
            }
            // bit (a1 - 1 - a) of m[t] says whether input a spikes at step t: highest bit first
            for (int t = 0; t < steps; t++) {
                int bits = m[t];
                if (bits != 0) {
                    final int base = t * active;
                    int r = rows[t];
                    do {
                        int bit = 31 - Integer.numberOfLeadingZeros(bits);
                        buffer[base + r++] = activeInput[a1 - 1 - bit];
                        bits ^= 1 << bit;
                    } while (bits != 0);
                    rows[t] = r;
                }
            }
        }
        return s[steps - 1];
    }

    /** The draws of one step from {@code state}, as step 0; returns the state after them. */
    public int step(int state, int[] activeInput, int[] activeProb, int active) {
        int r = 0;
        for (int a = 0; a < active; a++) {
            state = Xorshift32.advance(state);
            // branch-free: a hit keeps the entry, a miss lets the next one overwrite it
            buffer[r] = activeInput[a];
            r += ((state >>> 16) - activeProb[a]) >>> 31;
        }
        rows[0] = r;
        return state;
    }

    /** The jump table for {@code active} draws, made once per active-input count. */
    private int[] jumpTable(int active) {
        int[] t = jumpTables[active];
        if (t == null) {
            t = Xorshift32.jumpTable(active);
            jumpTables[active] = t;
        }
        return t;
    }
}
