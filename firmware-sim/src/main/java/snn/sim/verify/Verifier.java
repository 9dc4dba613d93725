package snn.sim.verify;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import snn.core.DeviceNetwork;
import snn.core.ImageAnswers;
import snn.core.LifLoop;
import java.io.PrintWriter;
import java.io.Writer;
import snn.support.Progress;
import snn.support.SnnException;

/**
 * Runs the device loop over a labelled image set, in parallel across images. Image k is seeded with
 * k and its answer is stored at index k, so every figure is identical at any thread count.
 */
public final class Verifier {
    private static final int CHUNK = 32;

    private Verifier() {
    }

    /** What one network did on the whole set. */
    public static final class Pass {
        /** The label under the network's own rule, per image. */
        public int[] predicted;
        /** Everything else each image gave: labels under both rules, spikes, presentations. */
        public ImageAnswers answers;
        public int correct;
        public long steps;
        public long synapticEvents;
        public double seconds;

        public double accuracy() {
            return predicted.length == 0 ? 0 : (double) correct / predicted.length;
        }
    }

    /** Device and (optionally) trainer passes over the same images and seeds. */
    public static final class Report {
        public int images;
        public Pass device;
        /** Null when no trained model was given. */
        public Pass trainer;
        /** Images where the device's and the trainer's predicted labels differ (0 without a trainer pass). */
        public int mismatches;
    }

    /**
     * @param pixels  {@code count * net.inputs} bytes, image k at offset {@code k * inputs}
     * @param labels  {@code count} true labels
     * @param trainer the trained model at full precision, or null
     * @param strict  fail on any membrane value the spec saturates instead of computing
     * @param progress where the progress bars go, or null for none
     */
    public static Report run(DeviceNetwork device, DeviceNetwork trainer, byte[] pixels, byte[] labels, int count,
                             int threads, boolean strict, PrintWriter progress) {
        if (count < 0 || (long) count * device.inputs > pixels.length || count > labels.length) {
            throw SnnException.badInput("verify: " + count + " images requested but only "
                    + Math.min(pixels.length / device.inputs, labels.length) + " given");
        }
        if (trainer != null && trainer.inputs != device.inputs) {
            throw SnnException.badInput("verify: trained model has " + trainer.inputs + " inputs, device image "
                    + device.inputs);
        }
        Report r = new Report();
        r.images = count;
        r.device = pass("device", device, pixels, labels, count, threads, strict, progress);
        if (trainer != null) {
            r.trainer = pass("trainer", trainer, pixels, labels, count, threads, strict, progress);
            for (int k = 0; k < count; k++) {
                if (r.device.predicted[k] != r.trainer.predicted[k]) {
                    r.mismatches++;
                }
            }
        }
        return r;
    }

    /** One network over the set; one {@link LifLoop} per worker thread. */
    public static Pass pass(String name, DeviceNetwork net, byte[] pixels, byte[] labels, int count, int threads,
                            boolean strict, PrintWriter progress) {
        int workers = Math.max(1, Math.min(threads, (count + CHUNK - 1) / CHUNK));
        Pass p = new Pass();
        p.predicted = new int[count];
        p.answers = new ImageAnswers(count);
        long[] steps = new long[workers];
        long[] events = new long[workers];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(workers, task -> {
            Thread t = new Thread(task, "verify-" + name);
            t.setDaemon(true);
            return t;
        });
        try (Progress bar = new Progress(progress == null ? new PrintWriter(Writer.nullWriter()) : progress, name, count,
                "images", progress == null)) {
            Future<?>[] futures = new Future<?>[workers];
            for (int w = 0; w < workers; w++) {
                final int me = w;
                futures[w] = pool.submit(() -> {
                    LifLoop loop = new LifLoop(net).strict(strict);
                    int inputs = net.inputs;
                    for (int start = next.getAndAdd(CHUNK); start < count; start = next.getAndAdd(CHUNK)) {
                        int end = Math.min(count, start + CHUNK);
                        for (int k = start; k < end; k++) {
                            LifLoop.Result res;
                            try {
                                res = loop.run(pixels, k * inputs, k);
                            } catch (ArithmeticException e) {
                                throw SnnException.checkFailed("strict mode: " + name + " image " + k + ": "
                                        + e.getMessage());
                            }
                            p.predicted[k] = res.label;
                            p.answers.record(k, res, net);
                            steps[me] += res.steps;
                        }
                        bar.step(end - start);
                    }
                    events[me] = loop.synapticEvents();
                    return null;
                });
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            p.seconds = bar.seconds();
        } finally {
            pool.shutdownNow();
        }
        for (int w = 0; w < workers; w++) {
            p.steps += steps[w];
            p.synapticEvents += events[w];
        }
        for (int k = 0; k < count; k++) {
            if (p.predicted[k] == (labels[k] & 0xFF)) {
                p.correct++;
            }
        }
        return p;
    }
}
