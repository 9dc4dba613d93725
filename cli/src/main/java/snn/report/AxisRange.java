package snn.report;

/**
 * The accuracy axis of a chart, zoomed to the data: accuracies that differ by tenths of a point look
 * equal on a 0-100% axis. The step (the tick spacing, and what the ends are rounded to) grows with the
 * spread: 0.5 points under 2, 1 under 10, 5 under 40, else 10. The ends are the lowest and highest
 * value one margin (a step, or a tenth of the spread if more) further out, rounded outwards to the
 * step, and kept within 0..100.
 *
 * @param lower the axis' lowest value (%)
 * @param upper its highest (%)
 * @param step  tick spacing (%)
 */
record AxisRange(double lower, double upper, double step) {
    static final AxisRange FULL = new AxisRange(0, 100, 10);

    /** The range for {@code percents} (NaN ignored); all of 0..100 when there is none. */
    static AxisRange of(double... percents) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : percents) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return FULL;
        }
        double spread = max - min;
        double step = spread < 2 ? 0.5 : spread < 10 ? 1 : spread < 40 ? 5 : 10;
        double margin = Math.max(step, spread / 10);
        double lower = Math.max(0, Math.floor((min - margin) / step) * step);
        double upper = Math.min(100, Math.ceil((max + margin) / step) * step);
        return new AxisRange(lower, upper, step);
    }

    /** Whether {@code v} lies within this range widened by {@code reach} on both sides. */
    boolean near(double v, double reach) {
        return v >= lower - reach && v <= upper + reach;
    }

    /** The axis label: says where the axis starts when that is not 0, so no one reads the bars as from 0. */
    String label(String name) {
        return lower > 0 ? name + ", axis from " + number(lower) : name;
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
