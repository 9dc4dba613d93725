package snn.sim.board;

/**
 * Where things live in the board's flash (all offsets sector-aligned):
 * <pre>
 *   0                 reserve              reserve+2*sector                         size
 *   +-----------------+---------+---------+--------------------+--------------------+
 *   | firmware (kept  | journal | journal | model slot 0       | model slot 1       |
 *   | free; not used) | sector A| sector B| slotBytes          | slotBytes          |
 *   +-----------------+---------+---------+--------------------+--------------------+
 * </pre>
 * The journal ({@link Journal}) records which slot is active and how far an upload got.
 */
public record FlashLayout(int sectorSize, int journalA, int journalB, int slot0, int slotBytes) {
    /** Flash a real firmware would occupy; left unused so that slot sizes match a real board's. */
    public static final int FIRMWARE_RESERVE = 32 << 10;
    public static final int SECTOR = 4096;

    public static FlashLayout forFlash(int flashBytes, int sectorSize, int reserve) {
        int journalA = reserve;
        int journalB = reserve + sectorSize;
        int slot0 = reserve + 2 * sectorSize;
        int slotBytes = (flashBytes - slot0) / 2 / sectorSize * sectorSize;
        if (slotBytes < sectorSize) {
            throw new IllegalArgumentException("flash of " + flashBytes + " bytes leaves no room for two model slots");
        }
        return new FlashLayout(sectorSize, journalA, journalB, slot0, slotBytes);
    }

    public static FlashLayout forProfile(BoardProfile p) {
        return forFlash(p.flashBytes(), SECTOR, FIRMWARE_RESERVE);
    }

    public int slotAddress(int slot) {
        return slot0 + slot * slotBytes;
    }
}
