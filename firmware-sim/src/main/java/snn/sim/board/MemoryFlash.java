package snn.sim.board;

import java.util.Arrays;

/** Flash held in memory: for the in-process board and tests. Starts fully erased. */
public class MemoryFlash implements Flash {
    protected final byte[] bytes;
    private final int sectorSize;

    public MemoryFlash(int size, int sectorSize) {
        if (size % sectorSize != 0) {
            throw new IllegalArgumentException("flash size " + size + " not a multiple of the sector size " + sectorSize);
        }
        this.bytes = new byte[size];
        this.sectorSize = sectorSize;
        Arrays.fill(bytes, (byte) 0xFF);
    }

    @Override
    public int size() {
        return bytes.length;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public synchronized void read(int addr, byte[] dst, int off, int len) {
        checkRange(addr, len);
        System.arraycopy(bytes, addr, dst, off, len);
    }

    @Override
    public synchronized void program(int addr, byte[] src, int off, int len) {
        checkRange(addr, len);
        for (int i = 0; i < len; i++) {
            bytes[addr + i] &= src[off + i];
        }
        persist(addr, len);
    }

    @Override
    public synchronized void erase(int addr) {
        if (addr % sectorSize != 0) {
            throw new IllegalArgumentException("erase at " + addr + " not on a sector boundary");
        }
        checkRange(addr, sectorSize);
        Arrays.fill(bytes, addr, addr + sectorSize, (byte) 0xFF);
        persist(addr, sectorSize);
    }

    /** Hook for {@link FileFlash}: the bytes in {@code [addr, addr+len)} changed. */
    protected void persist(int addr, int len) {
    }
}
