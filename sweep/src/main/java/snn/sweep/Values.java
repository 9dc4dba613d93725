package snn.sweep;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import snn.support.SnnException;

/**
 * The value syntax of a grid option: a comma-separated list whose items are single values or
 * numeric ranges {@code FROM..TO} (step 1) and {@code FROM..TO:STEP}, both ends included when the
 * step lands on them. {@code --target-norm 1..3:0.5,8} gives 1, 1.5, 2, 2.5, 3, 8. Ranges are
 * stepped in decimal ({@link BigDecimal}) so that 0.1 steps print as 0.1, 0.2, ... and not as
 * binary approximations; the values stay strings, parsed later by the train options themselves.
 */
public final class Values {
    /** No grid dimension may list more values than this (a typo like 1..1e9 should not hang the driver). */
    static final int MAX_VALUES = 100_000;

    private Values() {
    }

    /** The values that {@code spec} lists for {@code option}, in order, duplicates removed. */
    public static List<String> parse(String option, String spec) {
        List<String> out = new ArrayList<>();
        for (String item : spec.split(",", -1)) {
            String it = item.trim();
            if (it.isEmpty()) {
                throw SnnException.badInput(option + " '" + spec + "': empty item in the list");
            }
            int dots = it.indexOf("..");
            if (dots < 0) {
                add(out, it);
                continue;
            }
            String from = it.substring(0, dots);
            String rest = it.substring(dots + 2);
            String to = rest;
            String step = "1";
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                to = rest.substring(0, colon);
                step = rest.substring(colon + 1);
            }
            BigDecimal a = number(option, spec, from);
            BigDecimal b = number(option, spec, to);
            BigDecimal s = number(option, spec, step);
            if (s.signum() <= 0) {
                throw SnnException.badInput(option + " '" + it + "': the step " + step + " must be > 0");
            }
            BigDecimal dir = a.compareTo(b) <= 0 ? s : s.negate();
            for (BigDecimal v = a; dir.signum() > 0 ? v.compareTo(b) <= 0 : v.compareTo(b) >= 0; v = v.add(dir)) {
                if (out.size() >= MAX_VALUES) {
                    throw SnnException.badInput(option + " '" + it + "' lists more than " + MAX_VALUES + " values");
                }
                add(out, v.stripTrailingZeros().toPlainString());
            }
        }
        return out;
    }

    /**
     * The seeds of {@code --seeds}: a single number N means the N seeds 1..N; a list or a range
     * (anything with ',' or '..') lists the seeds themselves.
     */
    public static List<Long> seeds(String spec) {
        List<Long> out = new ArrayList<>();
        String s = spec.trim();
        if (!s.contains(",") && !s.contains("..")) {
            long n = integer("--seeds", spec, s);
            if (n < 1 || n > MAX_VALUES) {
                throw SnnException.badInput("--seeds " + spec + ": a seed count must be 1.." + MAX_VALUES);
            }
            for (long k = 1; k <= n; k++) {
                out.add(k);
            }
            return out;
        }
        for (String v : parse("--seeds", s)) {
            out.add(integer("--seeds", spec, v));
        }
        return out;
    }

    private static void add(List<String> out, String v) {
        if (!out.contains(v)) {
            out.add(v);
        }
    }

    private static BigDecimal number(String option, String spec, String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw SnnException.badInput(option + " '" + spec + "': '" + text + "' is not a number (ranges are FROM..TO[:STEP])");
        }
    }

    private static long integer(String option, String spec, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw SnnException.badInput(option + " '" + spec + "': '" + text + "' is not an integer seed");
        }
    }
}
