package snn.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A second, deliberately plain transcription of docs/device-spec.md, written without looking at the
 * optimised loop's tricks: unsigned 32-bit values held in longs, 64-bit arithmetic everywhere, no
 * active lists, every neuron visited every step, every state recorded in lists.
 */
final class ReferenceLoop {
    private static final long M32 = 0xFFFFFFFFL;
    private static final long INT32_MAX = 2147483647L;

    final List<long[]> v = new ArrayList<>();
    final List<long[]> vInh = new ArrayList<>();
    final List<boolean[]> exc = new ArrayList<>();
    final List<boolean[]> inh = new ArrayList<>();
    final List<Integer> presentationOfRecord = new ArrayList<>();
    long[] counts;
    int label;
    int presentations;
    int steps;
    long totalSpikes;

    private long x;

    static long fmix32(long h) {
        h &= M32;
        h ^= h >>> 16;
        h = (h * 0x85EBCA6BL) & M32;
        h ^= h >>> 13;
        h = (h * 0xC2B2AE35L) & M32;
        h ^= h >>> 16;
        return h;
    }

    private void seed(int imageSeed) {
        long h = fmix32((imageSeed & M32) ^ 0x5EED5EEDL);
        x = h == 0 ? 0x6D2B79F5L : h;
    }

    private long next() {
        x ^= (x << 13) & M32;
        x ^= x >>> 17;
        x ^= (x << 5) & M32;
        return x;
    }

    /** round(v * k / 65536), halves up. */
    static long leak(long v, long k) {
        return v - Math.floorDiv(v * k + 32768, 65536);
    }

    ReferenceLoop(DeviceNetwork d, byte[] pixels, int imageSeed) {
        int n = d.neurons;
        seed(imageSeed);
        for (int s = d.intensity; s <= d.intensityMax; s++) {
            presentations++;
            long[] mv = new long[n];
            long[] mvInh = new long[n];
            long[] ref = new long[n];
            long[] refInh = new long[n];
            counts = new long[n];
            boolean[] inhPrevFlags = new boolean[n];
            long[] p = new long[d.inputs];
            for (int i = 0; i < d.inputs; i++) {
                p[i] = Math.min(65535L, (long) d.rateQ16[pixels[i] & 0xFF] * s);
            }
            totalSpikes = 0;
            for (int t = 0; t < d.steps; t++) {
                long[] acc = new long[n];
                for (int i = 0; i < d.inputs; i++) {
                    if (p[i] == 0) {
                        continue;
                    }
                    long r = next();
                    if ((r >>> 16) < p[i]) {
                        for (int j = 0; j < n; j++) {
                            acc[j] += d.weights[i * n + j];
                        }
                    }
                }
                long inhCount = 0;
                for (boolean f : inhPrevFlags) {
                    inhCount += f ? 1 : 0;
                }
                boolean[] e = new boolean[n];
                for (int j = 0; j < n; j++) {
                    if (ref[j] > 0) {
                        ref[j]--;
                        continue;
                    }
                    long others = inhCount - (inhPrevFlags[j] ? 1 : 0);
                    long xv = leak(mv[j], d.leakExcQ16) + acc[j] * (1L << d.vShift) - others * d.inhibition[j];
                    xv = Math.max(xv, d.vFloor[j]);
                    xv = Math.min(xv, INT32_MAX);
                    if (xv > d.threshold[j]) {
                        e[j] = true;
                        counts[j]++;
                        totalSpikes++;
                        mv[j] = 0;
                        ref[j] = d.refractoryExc;
                    } else {
                        mv[j] = xv;
                    }
                }
                boolean[] in = new boolean[n];
                for (int j = 0; j < n; j++) {
                    if (refInh[j] > 0) {
                        refInh[j]--;
                        continue;
                    }
                    long y = leak(mvInh[j], d.leakInhQ16) + (e[j] ? d.wExcToInh : 0);
                    if (y > d.thresholdInh) {
                        in[j] = true;
                        mvInh[j] = 0;
                        refInh[j] = d.refractoryInh;
                    } else {
                        mvInh[j] = y;
                    }
                }
                inhPrevFlags = in;
                v.add(mv.clone());
                vInh.add(mvInh.clone());
                exc.add(e);
                inh.add(in);
                presentationOfRecord.add(presentations - 1);
                steps++;
            }
            if (totalSpikes >= d.minSpikes) {
                break;
            }
        }
        label = d.decision == DeviceNetwork.DECISION_VOTE ? vote(d) : maxNeuron(d);
    }

    private int maxNeuron(DeviceNetwork d) {
        int best = -1;
        for (int j = 0; j < d.neurons; j++) {
            if (counts[j] > 0 && (best < 0 || counts[j] > counts[best])) {
                best = j;
            }
        }
        return best < 0 ? Decision.NONE : d.labels[best];
    }

    /** Mean count per class as exact fractions (BigInteger cross products), first class wins ties. */
    private int vote(DeviceNetwork d) {
        java.math.BigInteger[] sum = new java.math.BigInteger[d.classes];
        long[] num = new long[d.classes];
        java.util.Arrays.fill(sum, java.math.BigInteger.ZERO);
        long total = 0;
        for (int j = 0; j < d.neurons; j++) {
            sum[d.labels[j]] = sum[d.labels[j]].add(java.math.BigInteger.valueOf(counts[j]));
            num[d.labels[j]]++;
            total += counts[j];
        }
        if (total == 0) {
            return Decision.NONE;
        }
        int best = -1;
        for (int c = 0; c < d.classes; c++) {
            if (num[c] == 0) {
                continue;
            }
            if (best < 0 || sum[c].multiply(java.math.BigInteger.valueOf(num[best]))
                    .compareTo(sum[best].multiply(java.math.BigInteger.valueOf(num[c]))) > 0) {
                best = c;
            }
        }
        return best;
    }
}
