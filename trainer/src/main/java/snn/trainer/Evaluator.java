package snn.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import snn.core.ImageAnswers;
import snn.core.DeviceNetwork;
import snn.core.LifLoop;

/**
 * Runs the frozen network (the device loop) over many images in parallel. Each image has its own
 * seed, so results do not depend on the thread count or on which thread ran which image.
 */
public final class Evaluator {
    /** Per-image outcome of one pass. */
    public static final class Pass {
        /** Everything each image gave (labels under both rules, spikes, presentations); the two arrays below are its. */
        public final ImageAnswers answers;
        public final int[] predMaxNeuron;
        public final int[] predVote;
        /** Sum of spike counts per [neuron][class of the image], when asked for (labelling). */
        public final long[] response;
        public long synapticEvents;
        public long steps;
        public double seconds;

        Pass(int count, int responseSize) {
            answers = new ImageAnswers(count);
            predMaxNeuron = answers.maxNeuron;
            predVote = answers.vote;
            response = responseSize > 0 ? new long[responseSize] : null;
        }

        public double accuracy(int[] pred, byte[] labels, int labelOffset) {
            int ok = 0;
            for (int k = 0; k < pred.length; k++) {
                if (pred[k] == (labels[labelOffset + k] & 0xFF)) {
                    ok++;
                }
            }
            return pred.length == 0 ? 0 : (double) ok / pred.length;
        }
    }

    /** Image seed of image {@code index} of a pass that starts at {@code seedBase}. */
    public static int seedOf(int seedBase, int index) {
        return seedBase + index;
    }

    /**
     * Runs images [first, first+count) of a split. When {@code withResponse}, also sums each neuron's
     * spike count per image class (for labelling).
     */
    public static Pass run(DeviceNetwork net, byte[] pixels, byte[] labels, int first, int count, int seedBase,
                           boolean withResponse, int threads) {
        int n = net.neurons;
        int classes = net.classes;
        int inputs = net.inputs;
        Pass pass = new Pass(count, withResponse ? n * classes : 0);
        long start = System.nanoTime();
        int workers = Math.max(1, Math.min(threads, count / 64 + 1));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread th = new Thread(r, "eval");
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<long[]>> parts = new ArrayList<>();
            int chunk = (count + workers - 1) / workers;
            for (int wkr = 0; wkr < workers; wkr++) {
                final int lo = wkr * chunk;
                final int hi = Math.min(count, lo + chunk);
                parts.add(pool.submit(() -> {
                    LifLoop loop = new LifLoop(net);
                    long[] resp = withResponse ? new long[n * classes] : null;
                    long steps = 0;
                    for (int k = lo; k < hi; k++) {
                        int img = first + k;
                        LifLoop.Result r = loop.run(pixels, img * inputs, seedOf(seedBase, img));
                        pass.answers.record(k, r, net);
                        steps += r.steps;
                        if (resp != null) {
                            int c = labels[img] & 0xFF;
                            for (int j = 0; j < n; j++) {
                                resp[j * classes + c] += r.counts[j];
                            }
                        }
                    }
                    long[] out = new long[2 + (resp == null ? 0 : resp.length)];
                    out[0] = loop.synapticEvents();
                    out[1] = steps;
                    if (resp != null) {
                        System.arraycopy(resp, 0, out, 2, resp.length);
                    }
                    return out;
                }));
            }
            for (Future<long[]> f : parts) {
                long[] out = f.get();
                pass.synapticEvents += out[0];
                pass.steps += out[1];
                if (pass.response != null) {
                    for (int q = 0; q < pass.response.length; q++) {
                        pass.response[q] += out[2 + q];
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("evaluation interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        pass.seconds = (System.nanoTime() - start) / 1e9;
        return pass;
    }

    /**
     * Labels each neuron with the class it answers most: the class with the highest mean spike count
     * per image of that class (classes absent from the labelling set never win; ties go to the lower class).
     */
    public static int[] assignLabels(long[] response, int neurons, int classes, byte[] labels, int first, int count) {
        long[] perClass = new long[classes];
        for (int k = 0; k < count; k++) {
            perClass[labels[first + k] & 0xFF]++;
        }
        int[] out = new int[neurons];
        for (int j = 0; j < neurons; j++) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (perClass[c] == 0) {
                    continue;
                }
                // compare response[j][c] / perClass[c] exactly
                if (best < 0 || response[j * classes + c] * perClass[best] > response[j * classes + best] * perClass[c]) {
                    best = c;
                }
            }
            out[j] = Math.max(best, 0);
        }
        return out;
    }

}
