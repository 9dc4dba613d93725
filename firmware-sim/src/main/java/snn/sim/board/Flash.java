package snn.sim.board;

/**
 * NOR-style flash as a board has it: erased bytes read 0xFF, programming can only clear bits
 * (new = old AND data), and only a whole sector goes back to 0xFF. Every {@link #program} and every
 * {@link #erase} is one "flash write" for fault injection ({@link PowerCutFlash}).
 */
public interface Flash {
    int size();

    int sectorSize();

    void read(int addr, byte[] dst, int off, int len);

    /** Programs {@code src[off, off+len)} at {@code addr}: each byte becomes {@code old & src}. */
    void program(int addr, byte[] src, int off, int len);

    /** Sets the sector that starts at {@code addr} (a multiple of {@link #sectorSize}) to 0xFF. */
    void erase(int addr);

    default byte[] read(int addr, int len) {
        byte[] b = new byte[len];
        read(addr, b, 0, len);
        return b;
    }

    default void checkRange(int addr, int len) {
        if (addr < 0 || len < 0 || addr > size() - len) {
            throw new IllegalArgumentException("flash access " + addr + "+" + len + " outside 0.." + size());
        }
    }
}
