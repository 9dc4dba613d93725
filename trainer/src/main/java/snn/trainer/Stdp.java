package snn.trainer;

/**
 * The STDP updates on input-to-excitatory synapses, as tiny pure functions on integers.
 * <pre>
 *   post spike of j, input i last spiked dt steps ago:  w += round(nuPostW * X[dt] / 2^32)          (pair)
 *                                                        w += round(nuPostW * X[dt] * Y2 / 2^48)    (triplet)
 *   pre spike of i, neuron j last spiked dt steps ago:  w -= round(nuPreW * Y1[dt] / 2^32)
 *   then w is clipped to [0, WEIGHT_MAX]
 * </pre>
 * X, Y1, Y2 are Q0.16 traces; nuPostW and nuPreW are learning rates times WEIGHT_MAX in Q.16, so the
 * products stay below 2^58 and fit a long.
 */
public final class Stdp {
    private Stdp() {
    }

    public static int potentiate(int w, long nuPostW, int preTraceQ16) {
        long dw = (nuPostW * preTraceQ16 + (1L << 31)) >> 32;
        return clip(w + dw);
    }

    public static int potentiateTriplet(int w, long nuPostW, int preTraceQ16, int post2BeforeQ16) {
        long dw = (nuPostW * preTraceQ16 * post2BeforeQ16 + (1L << 47)) >> 48;
        return clip(w + dw);
    }

    public static int depress(int w, long nuPreW, int post1TraceQ16) {
        long dw = (nuPreW * post1TraceQ16 + (1L << 31)) >> 32;
        return clip(w - dw);
    }

    static int clip(long w) {
        return w < 0 ? 0 : w > Derived.WEIGHT_MAX ? Derived.WEIGHT_MAX : (int) w;
    }
}
