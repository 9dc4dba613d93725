package snn.sim.board;

/**
 * What the emulated board claims to be: name, flash and RAM. The flash layout derives from it
 * ({@link FlashLayout}). Boards are made from the deployer's device profiles (one table of boards,
 * {@code snn.deploy.profile.Profiles}), so the emulator and the quantizer agree on every size.
 */
public record BoardProfile(String name, int flashBytes, int ramBytes, int ramReserveBytes) {
    /** A profile without a RAM reserve: only the protocol buffers and the loop's arrays count against its RAM. */
    public BoardProfile(String name, int flashBytes, int ramBytes) {
        this(name, flashBytes, ramBytes, 0);
    }

    /** RAM a model of this shape needs on this board (docs/device-spec.md section 12). */
    public long ramNeeded(int inputs, int neurons) {
        return ramReserveBytes + snn.protocol.image.ImageFormat.PROTOCOL_RAM
                + snn.protocol.image.ImageFormat.loopRamBytes(inputs, neurons);
    }
}
