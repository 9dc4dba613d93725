package snn.sim.board;

/**
 * The one place that decides what the emulated board checks and runs. Until the device-image parser,
 * its self-test and the inference loop are plugged in here, a board verifies only the image's
 * trailing SHA-256 and refuses inference requests (UNSUPPORTED) rather than make answers up.
 */
public final class Firmware {
    private Firmware() {
    }

    public static ImageValidator validator() {
        return new TrailingShaValidator();
    }

    /** The inference engine, or null when this build has none. */
    public static InferenceEngine engine() {
        return null;
    }

    /** A board with flash in memory, for the in-process link and tests. */
    public static Board memoryBoard(BoardProfile profile) {
        FlashLayout layout = FlashLayout.forProfile(profile);
        return new Board(profile, new MemoryFlash(profile.flashBytes(), FlashLayout.SECTOR), layout, validator(), engine());
    }
}
