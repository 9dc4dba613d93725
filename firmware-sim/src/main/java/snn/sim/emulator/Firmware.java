package snn.sim.emulator;

import snn.sim.board.Board;
import snn.sim.board.BoardProfile;
import snn.sim.board.FlashLayout;
import snn.sim.board.MemoryFlash;
import snn.sim.board.ImageValidator;
import snn.sim.board.InferenceEngine;
import snn.sim.image.SpecImageValidator;
import snn.sim.image.SpecInferenceEngine;

/**
 * The one place that decides what the emulated board checks and runs: images are parsed and
 * self-tested as docs/device-spec.md says before a commit may swap slots, and inference runs the
 * device loop ({@link snn.core.LifLoop}) on the active image.
 */
public final class Firmware {
    private Firmware() {
    }

    public static ImageValidator validator() {
        return new SpecImageValidator();
    }

    /** The inference engine: the device loop on the active image. */
    public static InferenceEngine engine() {
        return new SpecInferenceEngine();
    }

    /** A board with flash in memory, for the in-process link and tests. */
    public static Board memoryBoard(BoardProfile profile) {
        FlashLayout layout = FlashLayout.forProfile(profile);
        return new Board(profile, new MemoryFlash(profile.flashBytes(), FlashLayout.SECTOR), layout, validator(), engine());
    }
}
