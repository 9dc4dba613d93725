package snn.core;

import java.util.Arrays;

/**
 * Step 1's sum for plain (unpacked) weight rows: {@code acc[j] = sum over the listed inputs of
 * rows[i][j]}. Shared by the device loop (weights above 255) and the trainer (training-precision
 * weights, which change between steps, so they are read where they are).
 */
public final class RowSums {
    private RowSums() {
    }

    /**
     * acc[0..n) = the sum of rows[list[base + r]][0..n) for r in [0, count). Integer addition is
     * associative, so the four-row blocks (a quarter of the loads and stores of acc) change nothing.
     */
    public static void sum(int[][] rows, int[] list, int base, int count, int[] acc, int n) {
        Arrays.fill(acc, 0, n, 0);
        int r = 0;
        for (; r + 4 <= count; r += 4) {
            final int[] r0 = rows[list[base + r]];
            final int[] r1 = rows[list[base + r + 1]];
            final int[] r2 = rows[list[base + r + 2]];
            final int[] r3 = rows[list[base + r + 3]];
            for (int j = 0; j < n; j++) {
                acc[j] += (r0[j] + r1[j]) + (r2[j] + r3[j]);
            }
        }
        for (; r < count; r++) {
            final int[] row = rows[list[base + r]];
            for (int j = 0; j < n; j++) {
                acc[j] += row[j];
            }
        }
    }
}
