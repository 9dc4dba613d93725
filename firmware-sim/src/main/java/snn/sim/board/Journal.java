package snn.sim.board;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import snn.protocol.frame.Frames;

/**
 * The board's metadata: an append-only log of whole-state records in two flash sectors (A and B).
 * The valid record with the highest sequence number is the current state, so writing one record is
 * the single atomic step of every change: a power cut tears at most that record, its CRC fails, and
 * the previous state stays current.
 *
 * <p>One record, 256 bytes, little-endian, at {@code sector + k*256}:
 * <pre>
 *   off size field
 *    0   4   magic "SNNJ"
 *    4   4   seq           (u32, +1 per record; highest valid record wins)
 *    8   1   active slot   (0, 1, or 0xFF = no model)
 *    9   1   upload slot   (0, 1, or 0xFF = no upload)
 *   10   2   0
 *   12   4   active size
 *   16  32   active SHA-256
 *   48   4   upload size
 *   52   4   upload offset (bytes programmed and known good)
 *   56  32   upload SHA-256
 *   88   4   0
 *   92   1   trust count   (0 = unprovisioned, 1..4)
 *   93   3   0
 *   96 128   trusted keys  (4 x 32-byte raw Ed25519 public keys; entries >= count are 0)
 *  224   4   trust generation (0 unprovisioned, +1 per accepted Trust request)
 *  228  24   0
 *  252   4   CRC-32 of bytes 0..251
 * </pre>
 * Erased flash (all 0xFF) has no magic. When the current sector is full the other one is erased and
 * the next record goes to its start; until that record is complete the old sector still holds the
 * newest valid state. Records are never rewritten in place, which NOR flash could not do anyway.
 */
public final class Journal {
    public static final int RECORD = 256;
    static final int MAX_KEYS = 4;
    private static final int MAGIC = 0x4A4E4E53; // "SNNJ" little-endian

    private final Flash flash;
    private final FlashLayout layout;
    private JournalState state = JournalState.EMPTY;
    private long seq;          // seq of the current state's record (0 = none yet)
    private int sector;        // address of the sector the next record goes to
    private int nextIndex;     // record index within that sector

    private Journal(Flash flash, FlashLayout layout) {
        this.flash = flash;
        this.layout = layout;
    }

    /** Reads the journal: the newest valid record wins. Never writes. */
    public static Journal mount(Flash flash, FlashLayout layout) {
        Journal j = new Journal(flash, layout);
        j.sector = layout.journalA();
        long best = -1;
        for (int s : new int[] {layout.journalA(), layout.journalB()}) {
            for (int k = 0; k < j.perSector(); k++) {
                byte[] rec = flash.read(s + k * RECORD, RECORD);
                JournalState st = decode(rec, layout.slotBytes());
                long sq = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL;
                if (st != null && sq > best) {
                    best = sq;
                    j.state = st;
                    j.seq = sq;
                    j.sector = s;
                }
            }
        }
        // continue after the last non-erased record of the current sector (skipping torn ones)
        j.nextIndex = 0;
        for (int k = 0; k < j.perSector(); k++) {
            if (!erased(flash.read(j.sector + k * RECORD, RECORD))) {
                j.nextIndex = k + 1;
            }
        }
        return j;
    }

    public JournalState state() {
        return state;
    }

    public long seq() {
        return seq;
    }

    /** Makes {@code next} the current state by appending one record. */
    public void append(JournalState next) {
        if (nextIndex >= perSector()) {
            sector = sector == layout.journalA() ? layout.journalB() : layout.journalA();
            flash.erase(sector);
            nextIndex = 0;
        }
        byte[] rec = encode(next, seq + 1);
        int at = sector + nextIndex * RECORD;
        nextIndex++; // even if the write is torn, that place is spoilt
        flash.program(at, rec, 0, RECORD);
        seq++;
        state = next;
    }

    private int perSector() {
        return layout.sectorSize() / RECORD;
    }

    static byte[] encode(JournalState s, long seq) {
        ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt((int) seq);
        b.put((byte) s.activeSlot()).put((byte) s.uploadSlot()).putShort((short) 0);
        b.putInt(s.activeSize()).put(s.activeSha());
        b.putInt(s.uploadSize()).putInt(s.uploadOffset()).put(s.uploadSha());
        b.putInt(0);
        b.put((byte) s.trustKeys().length).put((byte) 0).putShort((short) 0);
        for (int k = 0; k < s.trustKeys().length; k++) {
            b.put(96 + 32 * k, s.trustKeys()[k]);
        }
        b.putInt(224, s.trustGeneration());
        b.putInt(RECORD - 4, Frames.crc32(b.array(), 0, RECORD - 4));
        return b.array();
    }

    /**
     * A record, or null when it is not a valid one: no magic, a bad CRC, or a value no append can have
     * written (a slot other than 0, 1 and none; a size of 0 or over a slot; an upload offset past its
     * size; an upload into the active slot). Such a record is skipped like a torn one, so no later
     * step ever reads outside a slot.
     */
    static JournalState decode(byte[] rec, int slotBytes) {
        ByteBuffer b = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC || b.getInt(RECORD - 4) != Frames.crc32(rec, 0, RECORD - 4)) {
            return null;
        }
        int active = rec[8] == (byte) 0xFF ? -1 : rec[8] & 0xFF;
        int upload = rec[9] == (byte) 0xFF ? -1 : rec[9] & 0xFF;
        int count = rec[92] & 0xFF;
        if (active > 1 || upload > 1 || count > MAX_KEYS) {
            return null;
        }
        byte[][] keys = new byte[count][];
        for (int k = 0; k < count; k++) {
            keys[k] = java.util.Arrays.copyOfRange(rec, 96 + 32 * k, 128 + 32 * k);
        }
        byte[] activeSha = java.util.Arrays.copyOfRange(rec, 16, 48);
        byte[] uploadSha = java.util.Arrays.copyOfRange(rec, 56, 88);
        long activeSize = b.getInt(12) & 0xFFFFFFFFL;
        long uploadSize = b.getInt(48) & 0xFFFFFFFFL;
        long uploadOffset = b.getInt(52) & 0xFFFFFFFFL;
        if (active >= 0 && (activeSize == 0 || activeSize > slotBytes)) {
            return null;
        }
        if (upload >= 0 && (uploadSize == 0 || uploadSize > slotBytes || uploadOffset > uploadSize || upload == active)) {
            return null;
        }
        return new JournalState(active, activeSha, (int) activeSize, upload, uploadSha, (int) uploadSize, (int) uploadOffset, keys,
                b.getInt(224));
    }

    private static boolean erased(byte[] rec) {
        for (byte x : rec) {
            if (x != (byte) 0xFF) {
                return false;
            }
        }
        return true;
    }
}
