package snn.deploy.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import snn.deploy.upload.DeviceClient;
import snn.protocol.wire.InferResult;
import snn.sim.image.ImageNetworks;
import snn.core.DeviceNetwork;
import snn.core.ImageAnswers;
import snn.core.LifLoop;
import snn.support.Progress;

/**
 * Streams test images to a device and holds every answer against the emulator's for the same image
 * and seed: the label, the step count and every neuron's spike count must be equal. The image seed
 * is the test index, as in {@code snn verify}, so the two tools agree on what each image should give.
 */
public final class DeviceEval {
    /** What a run found. */
    public static final class Result {
        public int images;
        public int correct;
        public int mismatches;
        public double seconds;
        public final List<String> firstMismatches = new ArrayList<>();
        /** Per image, in stream order (image first + k at k): the device's label, and its answers under both rules. */
        public int[] deviceLabel;
        public ImageAnswers device;
        /** The emulator's label for the same image and seed, and whether the device agreed in label, steps and every count. */
        public int[] emulatorLabel;
        public boolean[] match;

        public double accuracy() {
            return images == 0 ? 0 : (double) correct / images;
        }
    }

    private DeviceEval() {
    }

    /**
     * Runs images [first, first+count). {@code image} is the device image the device is running
     * (the caller checks its SHA-256 against the device's); {@code pixels}/{@code labels} the split.
     */
    public static Result run(DeviceClient client, byte[] image, byte[] pixels, byte[] labels, int first, int count,
                             Progress progress) throws IOException {
        DeviceNetwork net = ImageNetworks.parse(image, "device image");
        LifLoop emulator = new LifLoop(net);
        int inputs = net.inputs;
        Result r = new Result();
        r.deviceLabel = new int[count];
        r.device = new ImageAnswers(count);
        r.emulatorLabel = new int[count];
        r.match = new boolean[count];
        int[] counts = new int[net.neurons];
        long start = System.nanoTime();
        // the device's work grows with presentations; a generous bound per image, still finite
        long computeMillis = 2000L + (long) net.steps * (net.intensityMax - net.intensity + 1) * net.neurons / 50;
        for (int k = first; k < first + count; k++) {
            byte[] px = Arrays.copyOfRange(pixels, k * inputs, (k + 1) * inputs);
            InferResult got = client.infer(px, k, computeMillis);
            LifLoop.Result want = emulator.run(pixels, k * inputs, k);
            String diff = difference(want, got);
            int at = k - first;
            r.deviceLabel[at] = got.getLabel();
            r.emulatorLabel[at] = want.label;
            r.match[at] = diff == null;
            if (got.getSpikeCountsCount() == counts.length) {
                for (int j = 0; j < counts.length; j++) {
                    counts[j] = got.getSpikeCounts(j);
                }
            } else { // a device that sent the wrong number of counts (a mismatch anyway): no rule can read them
                java.util.Arrays.fill(counts, 0);
            }
            // every presentation runs all steps (docs/device-spec.md), so the device's steps give its presentations
            r.device.record(at, counts, net.labels, net.classes, got.getSteps() / net.steps);
            if (diff != null) {
                r.mismatches++;
                if (r.firstMismatches.size() < 10) {
                    r.firstMismatches.add("image " + k + ": " + diff);
                }
            }
            if (got.getLabel() == (labels[k] & 0xFF)) {
                r.correct++;
            }
            r.images++;
            if (progress != null) {
                progress.detail(r.mismatches + " mismatches");
                progress.update(r.images);
            }
        }
        r.seconds = (System.nanoTime() - start) / 1e9;
        return r;
    }

    /** Null when the device's answer equals the emulator's in label, steps and every count. */
    static String difference(LifLoop.Result want, InferResult got) {
        if (got.getLabel() != want.label) {
            return "label " + got.getLabel() + ", emulator " + want.label;
        }
        if (got.getSteps() != want.steps) {
            return "steps " + got.getSteps() + ", emulator " + want.steps;
        }
        if (got.getSpikeCountsCount() != want.counts.length) {
            return got.getSpikeCountsCount() + " spike counts, emulator " + want.counts.length;
        }
        for (int j = 0; j < want.counts.length; j++) {
            if (got.getSpikeCounts(j) != want.counts[j]) {
                return "neuron " + j + " spiked " + got.getSpikeCounts(j) + " times, emulator " + want.counts[j];
            }
        }
        return null;
    }
}
