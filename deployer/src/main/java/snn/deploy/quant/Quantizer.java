package snn.deploy.quant;

import snn.protocol.model.TrainedModel;
import snn.core.DeviceNetwork;
import snn.protocol.model.ModelNetwork;
import snn.support.SnnException;

/**
 * Trained model to device network at 2, 4 or 8 bits with one scale per neuron
 * (docs/device-spec.md, "Quantization").
 *
 * <pre>
 *   Q    = 2^bits - 1
 *   M_j  = max_i w[i][j]                    (trainer weight units; s_j = M_j / Q)
 *   wq   = round(w * Q / M_j)               round half up, exact integers; wq in 0..Q, max_i wq = Q
 *   f_j  = 2^V / (s_j * 2^Vm)               device membrane units per trainer membrane unit (Vm = model's v_shift)
 *   threshold'_j = round(threshold_j * f_j), inhibition'_j = round(inhibition * f_j),
 *   v_floor'_j   = round(v_floor * f_j)     (round half up)
 *   V = the largest of 0..16 with, for every neuron j with M_j &gt; 0,
 *       threshold'_j + inputs * Q * 2^V &lt;= INT32_MAX   and   -v_floor'_j, inhibition'_j &lt;= INT32_MAX
 * </pre>
 * The bound on V is the worst case of step 3: v[j] &lt;= threshold'_j before the step (a neuron above
 * threshold has spiked and was reset), leak does not raise a non-negative membrane, and one step adds
 * at most inputs * Q weight units. So a quantized membrane never reaches the saturation the spec
 * allows; strict mode confirms it. A neuron with M_j = 0 never receives input, so v[j] &lt;= 0 and it
 * can never spike: it gets threshold, inhibition and v_floor 0. Leak, the inhibitory layer, the rate
 * table and the intensity rule are copied unchanged.
 */
public final class Quantizer {
    private Quantizer() {
    }

    /** The quantized network and what the device image records about the scaling. */
    public static final class Result {
        public DeviceNetwork network;
        public int bits;
        public int vShift;
        /** s_j in Q16.16, informational (SCALE section). */
        public int[] scaleQ16;
        /** Neurons whose weights were all zero. */
        public int deadNeurons;
    }

    public static Result quantize(TrainedModel model, int bits) {
        if (bits != 2 && bits != 4 && bits != 8) {
            throw SnnException.badInput("--bits is " + bits + ", expected 8, 4 or 2");
        }
        DeviceNetwork t;
        try {
            t = ModelNetwork.fromModel(model);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw SnnException.badInput("trained model: " + e.getMessage());
        }
        return quantize(t, bits);
    }

    /** The same, from the trainer-precision network. */
    public static Result quantize(DeviceNetwork t, int bits) {
        final int q = (1 << bits) - 1;
        final int n = t.neurons;
        final int inputs = t.inputs;
        long[] maxW = new long[n];
        for (int k = 0; k < t.weights.length; k++) {
            int j = k % n;
            maxW[j] = Math.max(maxW[j], t.weights[k]);
        }
        int[] wq = new int[t.weights.length];
        for (int k = 0; k < wq.length; k++) {
            long m = maxW[k % n];
            wq[k] = m == 0 ? 0 : (int) roundDiv((long) t.weights[k] * q, m);
        }
        int vShift = -1;
        for (int v = 16; v >= 0 && vShift < 0; v--) {
            if (fitsInt32(t, maxW, q, v)) {
                vShift = v;
            }
        }
        if (vShift < 0) {
            throw SnnException.badInput("trained model: no v_shift in 0..16 keeps the " + bits
                    + "-bit membranes inside int32 (thresholds too large relative to the weights)");
        }
        int[] thr = new int[n];
        int[] inh = new int[n];
        int[] floor = new int[n];
        int[] scale = new int[n];
        int dead = 0;
        for (int j = 0; j < n; j++) {
            if (maxW[j] == 0) {
                dead++;
                scale[j] = 0;
                continue;
            }
            thr[j] = (int) toDevice(t.threshold[j], maxW[j], q, vShift, t.vShift);
            inh[j] = (int) toDevice(t.inhibition[j], maxW[j], q, vShift, t.vShift);
            floor[j] = (int) toDevice(t.vFloor[j], maxW[j], q, vShift, t.vShift);
            scale[j] = (int) roundDiv(maxW[j] << 16, q);
        }
        Result r = new Result();
        r.bits = bits;
        r.vShift = vShift;
        r.scaleQ16 = scale;
        r.deadNeurons = dead;
        r.network = t.withNeuronArrays(wq, q, thr, inh, floor, vShift);
        return r;
    }

    private static boolean fitsInt32(DeviceNetwork t, long[] maxW, int q, int v) {
        long step = ((long) t.inputs * q) << v;
        for (int j = 0; j < t.neurons; j++) {
            if (maxW[j] == 0) {
                continue;
            }
            long thr = toDevice(t.threshold[j], maxW[j], q, v, t.vShift);
            long inh = toDevice(t.inhibition[j], maxW[j], q, v, t.vShift);
            long floor = toDevice(t.vFloor[j], maxW[j], q, v, t.vShift);
            if (thr + step > Integer.MAX_VALUE || inh > Integer.MAX_VALUE || -floor > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** round(x * q * 2^v / (maxW * 2^vm)), half up, exact: |x| &lt; 2^31, q &lt; 2^8, v, vm &lt;= 16 keep it in 64 bits. */
    static long toDevice(long x, long maxW, int q, int v, int vm) {
        long num = x * q;
        long den = maxW;
        if (v >= vm) {
            num <<= (v - vm);
        } else {
            den <<= (vm - v);
        }
        return roundDiv(num, den);
    }

    /** round(a / b) for b &gt; 0, halves toward +infinity. */
    static long roundDiv(long a, long b) {
        return Math.floorDiv(2 * a + b, 2 * b);
    }
}
