package snn.core;

/**
 * How the device turns spike counts into a class. Both rules are exact integer comparisons.
 * <ul>
 *   <li>max-neuron (the paper's rule): the label of the neuron with the most spikes; ties go to the
 *       lowest neuron index.</li>
 *   <li>vote: the class c maximising sum_c / n_c (sum and number of neurons labelled c), compared by
 *       cross-multiplication {@code sum_a * n_b > sum_b * n_a} in 64 bits; ties go to the lowest class;
 *       classes with no neurons never win.</li>
 * </ul>
 * No spike at all gives {@link #NONE}, which never equals a true label.
 */
public final class Decision {
    public static final int NONE = 255;

    private Decision() {
    }

    public static int decide(int rule, int[] counts, int[] labels, int classes) {
        return rule == DeviceNetwork.DECISION_VOTE ? vote(counts, labels, classes) : maxNeuron(counts, labels);
    }

    public static int maxNeuron(int[] counts, int[] labels) {
        int best = winner(counts);
        return best < 0 ? NONE : labels[best];
    }

    /** The max-neuron rule's neuron: the most spikes, the lowest index on ties; -1 when none spiked. */
    public static int winner(int[] counts) {
        int best = -1;
        int bestCount = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] > bestCount) {
                bestCount = counts[j];
                best = j;
            }
        }
        return best;
    }

    public static int vote(int[] counts, int[] labels, int classes) {
        long[] sum = new long[classes];
        long[] num = new long[classes];
        long total = 0;
        for (int j = 0; j < counts.length; j++) {
            sum[labels[j]] += counts[j];
            num[labels[j]]++;
            total += counts[j];
        }
        if (total == 0) {
            return NONE;
        }
        int best = -1;
        for (int c = 0; c < classes; c++) {
            if (num[c] == 0) {
                continue;
            }
            if (best < 0 || sum[c] * num[best] > sum[best] * num[c]) {
                best = c;
            }
        }
        return best;
    }
}
