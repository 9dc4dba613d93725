package snn.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import snn.support.Json;
import snn.support.SnnException;

/**
 * Expands grid dimensions and seeds into points: the Cartesian product, seeds outermost (so that a
 * sweep stopped half-way has every configuration at the first seeds), then the dimensions in the
 * order given, the last one varying fastest. Every point is parsed and validated here, on the
 * driver, before anything runs: a bad value stops the sweep with exit 2 before Spark starts.
 */
public final class Grid {
    private Grid() {
    }

    /**
     * @param dims     grid option name (with dashes, e.g. {@code --norm}) to its values
     * @param flags    the names among {@code dims} that are switches (values true/false)
     * @param seeds    the training seeds
     */
    public static List<SweepPoint> expand(LinkedHashMap<String, List<String>> dims, Set<String> flags, List<Long> seeds) {
        List<String> names = new ArrayList<>(dims.keySet());
        long total = seeds.size();
        for (List<String> v : dims.values()) {
            total *= v.size();
        }
        if (total > Values.MAX_VALUES) {
            throw SnnException.badInput("the grid has " + total + " points; at most " + Values.MAX_VALUES);
        }
        List<SweepPoint> out = new ArrayList<>();
        Map<String, Boolean> seen = new TreeMap<>();
        int[] idx = new int[names.size()];
        for (long seed : seeds) {
            java.util.Arrays.fill(idx, 0);
            while (true) {
                LinkedHashMap<String, String> grid = new LinkedHashMap<>();
                ArrayList<String> args = new ArrayList<>();
                for (int d = 0; d < names.size(); d++) {
                    String name = names.get(d);
                    String value = dims.get(name).get(idx[d]);
                    grid.put(name.substring(2), value);
                    if (flags.contains(name)) {
                        if (flag(name, value)) {
                            args.add(name);
                        }
                    } else {
                        args.add(name);
                        args.add(value);
                    }
                }
                args.add("--seed");
                args.add(Long.toString(seed));
                SweepPoint p = point(args, grid, seed);
                if (seen.put(p.key(), Boolean.TRUE) == null) {
                    out.add(p);
                }
                int d = names.size() - 1;
                while (d >= 0 && ++idx[d] == dims.get(names.get(d)).size()) {
                    idx[d] = 0;
                    d--;
                }
                if (d < 0) {
                    break;
                }
            }
        }
        return out;
    }

    static SweepPoint point(ArrayList<String> args, LinkedHashMap<String, String> grid, long seed) {
        TrainArgs a = TrainArgs.parse(args);
        Map<String, Object> identity = a.identity(seed);
        String key = Json.compact(identity);
        Map<String, Object> config = new TreeMap<>(identity);
        config.remove("seed");
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        for (String f : new String[] {"dataset", "norm", "target_norm", "neurons", "adaptive_threshold",
                "train_images", "test_images", "seed", "decision"}) {
            fields.put(f, identity.get(f));
        }
        return new SweepPoint(sha(key), key, Json.compact(config), args, grid, seed, fields);
    }

    static boolean flag(String name, String value) {
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw SnnException.badInput(name + " " + value + ": a switch takes true or false");
        };
    }

    static String sha(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
