package snn.sim.board;

/**
 * What the emulated board claims to be: name, flash and RAM. The flash layout derives from it
 * ({@link FlashLayout}). Boards are made from the deployer's device profiles (one table of boards,
 * {@code snn.deploy.profile.Profiles}), so the emulator and the quantizer agree on every size.
 */
public record BoardProfile(String name, int flashBytes, int ramBytes) {
}
