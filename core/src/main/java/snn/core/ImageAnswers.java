package snn.core;

/**
 * What a network answered on each image of a pass, in primitive arrays indexed by the image's place in
 * the pass, so that a caller can write them out after the loop (snn's {@code --predictions}). Worker
 * threads fill distinct indices; nothing is boxed or allocated per image beyond what {@link Decision}
 * does. All figures are of the last presentation, the one the answer was taken from.
 */
public final class ImageAnswers {
    /** The label under each rule ({@link Decision#NONE} when no neuron spiked). */
    public final int[] maxNeuron;
    public final int[] vote;
    /** Excitatory spikes, all neurons together. */
    public final int[] spikes;
    /** The max-neuron rule's neuron (-1 when none spiked) and its spike count. */
    public final int[] winner;
    public final int[] winnerSpikes;
    /** How many times the image was shown (1 + intensity retries). */
    public final int[] presentations;

    public ImageAnswers(int count) {
        maxNeuron = new int[count];
        vote = new int[count];
        spikes = new int[count];
        winner = new int[count];
        winnerSpikes = new int[count];
        presentations = new int[count];
    }

    public int count() {
        return maxNeuron.length;
    }

    /** Records image {@code k} from the loop's result on {@code net}. */
    public void record(int k, LifLoop.Result r, DeviceNetwork net) {
        record(k, r.counts, net.labels, net.classes, r.presentations);
    }

    /** Records image {@code k} from per-neuron spike counts (a device's answer, say). */
    public void record(int k, int[] counts, int[] labels, int classes, int shown) {
        int w = Decision.winner(counts);
        long total = 0;
        for (int c : counts) {
            total += c;
        }
        maxNeuron[k] = w < 0 ? Decision.NONE : labels[w];
        vote[k] = Decision.vote(counts, labels, classes);
        spikes[k] = (int) Math.min(Integer.MAX_VALUE, total);
        winner[k] = w;
        winnerSpikes[k] = w < 0 ? 0 : counts[w];
        presentations[k] = shown;
    }
}
