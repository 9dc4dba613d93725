package snn.trainer;

import java.util.LinkedHashMap;
import java.util.Map;
import snn.protocol.model.TrainedModel;

/**
 * Statistics of a trained model's receptive fields, for asking why one form of homeostasis learns
 * better features than another (the sweep records them for every point).
 *
 * <p>With w the weights in units of weight_max (0..1), n inputs, N neurons and r[j][c] neuron j's
 * mean response to class c on the labelling images:
 * <ul>
 *   <li>{@code mean_weight} = mean of w over all n*N synapses;</li>
 *   <li>{@code near_zero} = fraction of synapses with w &lt; 1/20 (below 5% of the largest weight);</li>
 *   <li>{@code hoyer} = mean over neurons of Hoyer's sparsity (sqrt(n) - |w_j|_1 / |w_j|_2) / (sqrt(n) - 1):
 *       0 for a flat field, 1 for a single non-zero weight; scale-free, so L1 and L2 models compare
 *       although their norms differ;</li>
 *   <li>{@code selectivity} = mean over responding neurons of (r_pref - r_rest) / (r_pref + r_rest),
 *       r_pref the largest class response and r_rest the mean of the others: 1 when a neuron answers
 *       one class only, 0 when it answers all alike;</li>
 *   <li>{@code silent} = fraction of neurons with no response to any labelling image;</li>
 *   <li>{@code overlap} = mean cosine similarity over all pairs of receptive fields (1 = every neuron
 *       learned the same field; low = diverse features).</li>
 * </ul>
 * Fields with a zero norm count as flat (Hoyer 0) and as orthogonal to every other field.
 */
public record WeightStats(double meanWeight, double nearZero, double hoyer, double selectivity, double silent,
                          double overlap) {

    /** The statistics of {@code m} (weights input-major, as {@link TrainedModel} stores them). */
    public static WeightStats of(TrainedModel m) {
        float[] resp = new float[m.getClassResponseCount()];
        for (int k = 0; k < resp.length; k++) {
            resp[k] = m.getClassResponse(k);
        }
        return of(weights(m), m.getInputs(), m.getNeurons(), m.getLoop().getWeightMax(), resp, m.getClasses());
    }

    /** The model's weights as an int array, input-major as stored. */
    public static int[] weights(TrainedModel m) {
        int[] w = new int[m.getWeightsCount()];
        for (int k = 0; k < w.length; k++) {
            w[k] = m.getWeights(k);
        }
        return w;
    }

    /**
     * @param w            input-major weights, w[i * neurons + j], 0..weightMax
     * @param response     row-major [neuron][class] mean responses, or empty when unknown (selectivity
     *                     and silent are then NaN)
     */
    public static WeightStats of(int[] w, int inputs, int neurons, int weightMax, float[] response, int classes) {
        double scale = 1.0 / weightMax;
        double[][] field = new double[neurons][inputs];
        double sum = 0;
        long small = 0;
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                double x = w[i * neurons + j] * scale;
                field[j][i] = x;
                sum += x;
                if (x < 0.05) {
                    small++;
                }
            }
        }
        double[][] sums = neuronSums(w, inputs, neurons);
        double[] norm2 = new double[neurons];
        double hoyer = 0;
        double rootN = Math.sqrt(inputs);
        for (int j = 0; j < neurons; j++) {
            double l1 = sums[0][j] * scale;
            norm2[j] = Math.sqrt(sums[1][j]) * scale;
            hoyer += norm2[j] == 0 ? 0 : (rootN - l1 / norm2[j]) / (rootN - 1);
        }
        double cosSum = 0;
        long pairs = 0;
        for (int a = 0; a < neurons; a++) {
            for (int b = a + 1; b < neurons; b++) {
                pairs++;
                if (norm2[a] == 0 || norm2[b] == 0) {
                    continue;
                }
                double dot = 0;
                double[] fa = field[a];
                double[] fb = field[b];
                for (int i = 0; i < inputs; i++) {
                    dot += fa[i] * fb[i];
                }
                cosSum += dot / (norm2[a] * norm2[b]);
            }
        }
        double selectivity = Double.NaN;
        double silent = Double.NaN;
        if (response.length == neurons * classes && classes > 1) {
            double sel = 0;
            int responding = 0;
            for (int j = 0; j < neurons; j++) {
                double best = 0;
                double total = 0;
                for (int c = 0; c < classes; c++) {
                    double r = response[j * classes + c];
                    total += r;
                    best = Math.max(best, r);
                }
                if (total > 0) {
                    double rest = (total - best) / (classes - 1);
                    sel += (best - rest) / (best + rest);
                    responding++;
                }
            }
            selectivity = responding == 0 ? Double.NaN : sel / responding;
            silent = (neurons - responding) / (double) neurons;
        }
        return new WeightStats(sum / ((double) inputs * neurons), small / ((double) inputs * neurons),
                hoyer / neurons, selectivity, silent, pairs == 0 ? Double.NaN : cosSum / pairs);
    }

    /** The statistics under their snake_case names, in declaration order (NaN as null). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_weight", num(meanWeight));
        m.put("near_zero", num(nearZero));
        m.put("hoyer", num(hoyer));
        m.put("selectivity", num(selectivity));
        m.put("silent", num(silent));
        m.put("overlap", num(overlap));
        return m;
    }

    /**
     * Each neuron's field size: the participation ratio (sum w)^2 / sum w^2, the number of inputs
     * the field would cover if its weights were all equal (0 for an empty field).
     */
    public static double[] fieldSizes(int[] w, int inputs, int neurons) {
        double[][] sums = neuronSums(w, inputs, neurons);
        double[] sum = sums[0];
        double[] sq = sums[1];
        double[] size = new double[neurons];
        for (int j = 0; j < neurons; j++) {
            size[j] = sq[j] == 0 ? 0 : sum[j] * sum[j] / sq[j];
        }
        return size;
    }

    /** Per neuron, the sum of its weights and the sum of their squares (in weight LSB units). */
    private static double[][] neuronSums(int[] w, int inputs, int neurons) {
        double[] sum = new double[neurons];
        double[] sq = new double[neurons];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < neurons; j++) {
                double x = w[i * neurons + j];
                sum[j] += x;
                sq[j] += x * x;
            }
        }
        return new double[][] {sum, sq};
    }

    /** The names {@link #toMap()} uses, in its order. */
    public static final java.util.List<String> NAMES =
            java.util.List.of("mean_weight", "near_zero", "hoyer", "selectivity", "silent", "overlap");

    private static Object num(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
