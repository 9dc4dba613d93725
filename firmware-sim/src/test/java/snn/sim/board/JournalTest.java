package snn.sim.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JournalTest {
    static final FlashLayout LAYOUT = FlashLayout.forFlash(16 * 1024, 1024, 0);

    static JournalState randomState(Random rnd) {
        byte[] a = new byte[32];
        byte[] u = new byte[32];
        rnd.nextBytes(a);
        rnd.nextBytes(u);
        byte[][] keys = new byte[rnd.nextInt(5)][32]; // the trust store rides in every record too
        for (byte[] k : keys) {
            rnd.nextBytes(k);
        }
        return new JournalState(rnd.nextInt(3) - 1, a, rnd.nextInt(1 << 20), rnd.nextInt(3) - 1, u, rnd.nextInt(1 << 20),
                rnd.nextInt(1 << 20), keys, rnd.nextInt());
    }

    @Test
    void remountSeesTheLastAppendAcrossSectorSwitches() {
        Random rnd = new Random(7);
        MemoryFlash flash = new MemoryFlash(16 * 1024, 1024);
        Journal j = Journal.mount(flash, LAYOUT);
        assertEquals(JournalState.EMPTY, j.state());
        for (int i = 0; i < 100; i++) { // 4 records per sector: many switches between A and B
            JournalState s = randomState(rnd);
            j.append(s);
            assertEquals(s, Journal.mount(flash, LAYOUT).state(), "after append " + i);
        }
    }

    /** A power cut during any write leaves the state before or after that append, never anything else. */
    @Test
    void powerCutAtEveryWriteLeavesOldOrNewState() {
        for (int cut = 1; cut <= 60; cut++) {
            for (int trial = 0; trial < 10; trial++) {
                Random rnd = new Random(cut * 1000L + trial);
                MemoryFlash mem = new MemoryFlash(16 * 1024, 1024);
                PowerCutFlash flash = new PowerCutFlash(mem, cut, rnd);
                Journal j = Journal.mount(flash, LAYOUT);
                List<JournalState> history = new ArrayList<>();
                history.add(JournalState.EMPTY);
                JournalState attempted = null;
                try {
                    for (int i = 0; i < 40; i++) {
                        attempted = randomState(rnd);
                        j.append(attempted);
                        history.add(attempted);
                        attempted = null;
                    }
                } catch (PowerCutFlash.PowerCut expected) {
                    // power gone mid-append
                }
                JournalState after = Journal.mount(mem, LAYOUT).state();
                JournalState last = history.get(history.size() - 1);
                assertTrue(after.equals(last) || (attempted != null && after.equals(attempted)),
                        "cut " + cut + " trial " + trial + ": mounted " + after);
                // and the journal keeps working after the cut
                Journal again = Journal.mount(mem, LAYOUT);
                JournalState next = randomState(rnd);
                again.append(next);
                assertEquals(next, Journal.mount(mem, LAYOUT).state());
            }
        }
    }
}
