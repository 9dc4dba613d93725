package snn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Xorshift32Test {
    @Test
    void jumpEqualsStepping() {
        SplittableRandom r = new SplittableRandom(7);
        long[] ks = {0, 1, 2, 3, 31, 32, 33, 1000, 22_350, 117_600};
        for (int trial = 0; trial < 20; trial++) {
            int start = r.nextInt() | 1;
            for (long k : ks) {
                int x = start;
                for (long s = 0; s < k; s++) {
                    x = Xorshift32.advance(x);
                }
                assertEquals(x, Xorshift32.jump(start, k), "start " + start + " k " + k);
            }
        }
    }

    @Test
    void jumpTablesEqualJumps() {
        SplittableRandom r = new SplittableRandom(11);
        for (long k : new long[] {0, 1, 5, 142, 784, 117_600}) {
            int[] table = Xorshift32.jumpTable(k);
            for (int trial = 0; trial < 200; trial++) {
                int v = r.nextInt();
                assertEquals(Xorshift32.jump(v, k), Xorshift32.jump(table, v), "k " + k + " v " + v);
            }
        }
    }

    /** Marsaglia's xorshift32 has the full period 2^32 - 1 on non-zero states. */
    @Test
    void fullPeriodComesBack() {
        assertEquals(0x12345678, Xorshift32.jump(0x12345678, (1L << 32) - 1));
        assertEquals(0, Xorshift32.jump(0, 12345));
    }
}
