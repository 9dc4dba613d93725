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
        // a state an append can write: sizes 1..slot, offset <= size, the upload in the other slot
        int slot = LAYOUT.slotBytes();
        int active = rnd.nextInt(3) - 1;
        int upload = rnd.nextBoolean() ? -1 : active == 0 ? 1 : active == 1 ? 0 : rnd.nextInt(2);
        int uploadSize = 1 + rnd.nextInt(slot);
        byte[][] keys = new byte[rnd.nextInt(5)][32]; // the trust store rides in every record too
        for (byte[] k : keys) {
            rnd.nextBytes(k);
        }
        return new JournalState(active, a, 1 + rnd.nextInt(slot), upload, u, uploadSize, rnd.nextInt(uploadSize + 1), keys,
                rnd.nextInt());
    }

    /**
     * A record with a good CRC but values no append writes (an offset of 2^32-1, a size over the slot,
     * an upload into the active slot) is skipped like a torn one: the previous state stays current.
     */
    @Test
    void recordsWithImpossibleValuesAreIgnored() {
        byte[] sha = new byte[32];
        int slot = LAYOUT.slotBytes();
        JournalState good = new JournalState(0, sha, 100, 1, sha, 200, 100);
        JournalState[] bad = {
            new JournalState(0, sha, 100, 1, sha, 200, -1),
            new JournalState(0, sha, 100, 1, sha, 200, 201),
            new JournalState(0, sha, slot + 1, -1, sha, 0, 0),
            new JournalState(0, sha, 0, -1, sha, 0, 0),
            new JournalState(0, sha, 100, 1, sha, -1, 0),
            new JournalState(1, sha, 100, 1, sha, 200, 0),
        };
        for (JournalState b : bad) {
            MemoryFlash flash = new MemoryFlash(16 * 1024, 1024);
            Journal j = Journal.mount(flash, LAYOUT);
            j.append(good);
            j.append(b);
            assertEquals(good, Journal.mount(flash, LAYOUT).state(), b.toString());
        }
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
