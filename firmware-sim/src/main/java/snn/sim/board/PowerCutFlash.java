package snn.sim.board;

import java.util.Random;

/**
 * Cuts the power at the Nth flash write (program or erase, counted from 1): that write is torn
 * (a random prefix of a program lands, or a random part of an erase) and {@link PowerCut} is thrown.
 * Later writes go through again, as after the board was powered back on.
 */
public final class PowerCutFlash implements Flash {
    /** Thrown by the write during which the power went. The board must reboot from flash. */
    public static final class PowerCut extends RuntimeException {
        public PowerCut(String message) {
            super(message, null, false, false);
        }
    }

    private final Flash inner;
    private final long cutAt;
    private final Random rnd;
    private long writes;

    /** {@code cutAt} = 0 never cuts. */
    public PowerCutFlash(Flash inner, long cutAt, Random rnd) {
        this.inner = inner;
        this.cutAt = cutAt;
        this.rnd = rnd;
    }

    /** Whether the power cut has happened. */
    public boolean cut() {
        return cutAt > 0 && writes >= cutAt;
    }

    public long writes() {
        return writes;
    }

    @Override
    public int size() {
        return inner.size();
    }

    @Override
    public int sectorSize() {
        return inner.sectorSize();
    }

    @Override
    public void read(int addr, byte[] dst, int off, int len) {
        inner.read(addr, dst, off, len);
    }

    @Override
    public void program(int addr, byte[] src, int off, int len) {
        if (++writes == cutAt) {
            int landed = rnd.nextInt(len + 1);
            if (landed > 0) {
                inner.program(addr, src, off, landed);
            }
            throw new PowerCut("power cut at flash write " + writes + " (program " + landed + "/" + len + " bytes at " + addr + ")");
        }
        inner.program(addr, src, off, len);
    }

    @Override
    public void erase(int addr) {
        if (++writes == cutAt) {
            // a torn erase leaves some bytes erased and the rest as they were; programming 0x00 over
            // the rest models "unknown": it is certainly not valid data any more
            int sector = inner.sectorSize();
            int split = rnd.nextInt(sector + 1);
            inner.erase(addr);
            byte[] junk = new byte[sector - split];
            rnd.nextBytes(junk);
            inner.program(addr + split, junk, 0, junk.length);
            throw new PowerCut("power cut at flash write " + writes + " (erase of sector at " + addr + ")");
        }
        inner.erase(addr);
    }
}
