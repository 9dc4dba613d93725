package snn.sim.board;

/**
 * The one place that decides what the emulated board checks and runs: images are parsed and
 * self-tested as docs/device-spec.md says before a commit may swap slots, and inference runs the
 * device loop ({@link snn.sim.lif.LifLoop}) on the active image.
 */
public final class Firmware {
    private Firmware() {
    }

    public static ImageValidator validator() {
        return new snn.sim.image.SpecImageValidator();
    }

    /** The inference engine: the device loop on the active image. */
    public static InferenceEngine engine() {
        return new snn.sim.image.SpecInferenceEngine();
    }

    /** A board with flash in memory, for the in-process link and tests. */
    public static Board memoryBoard(BoardProfile profile) {
        FlashLayout layout = FlashLayout.forProfile(profile);
        return new Board(profile, new MemoryFlash(profile.flashBytes(), FlashLayout.SECTOR), layout, validator(), engine());
    }
}
