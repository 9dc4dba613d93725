package snn.sweep;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One training run of a sweep, as shipped to a Spark executor (Java-serialized).
 *
 * @param id     the first 16 hex digits of the SHA-256 of {@code key}: names the prediction file
 * @param key    the point's full identity (compact JSON of {@link TrainArgs#identity}): resume skips a key already done
 * @param config the same without the seed: the configuration whose seeds are averaged
 * @param args   the {@code snn train} arguments of the point (without --threads)
 * @param grid   the swept options as given (name without dashes to value), seed excluded
 * @param seed   the training seed
 * @param fields the point's effective settings, for the CSV (dataset, norm, target_norm, ...)
 */
public record SweepPoint(String id, String key, String config, ArrayList<String> args,
                         LinkedHashMap<String, String> grid, long seed, LinkedHashMap<String, Object> fields)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The arguments the executor parses: the point's plus the sweep-wide thread count. */
    List<String> trainArgs(int threads) {
        List<String> a = new ArrayList<>(args);
        a.add("--threads");
        a.add(Integer.toString(threads));
        return a;
    }

    /** A short human label such as {@code norm=l1 target-norm=5 seed=2}, of the dimensions with several values. */
    String label(List<String> varying) {
        StringBuilder sb = new StringBuilder();
        for (String k : varying) {
            if (grid.containsKey(k)) {
                sb.append(k).append('=').append(grid.get(k)).append(' ');
            }
        }
        return sb.append("seed=").append(seed).toString();
    }
}
