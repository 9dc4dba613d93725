package snn.deploy.upload;

import java.util.Random;
import snn.sim.board.Board;
import snn.sim.board.BoardProfile;
import snn.sim.board.Flash;
import snn.sim.board.FlashLayout;
import snn.sim.board.TrailingShaValidator;

/** Small boards and test images for the uploader tests. */
final class SimBoards {
    static final BoardProfile PROFILE = new BoardProfile("test", 64 * 1024, 16 * 1024);
    static final FlashLayout LAYOUT = FlashLayout.forFlash(PROFILE.flashBytes(), 1024, 0);
    static final int MAX_CHUNK = 1024;

    private SimBoards() {
    }

    static Board board(Flash flash) {
        return new Board(PROFILE, flash, LAYOUT, new TrailingShaValidator(), null, MAX_CHUNK);
    }

    /**
     * A real device image (docs/device-spec.md) of a random 8-bit network with 784 inputs: the size
     * is about 784 * neurons bytes. Its self-test is what the emulator computes, so a board commits it.
     */
    static byte[] deviceImage(long seed, int neurons) {
        snn.core.DeviceNetwork net = snn.core.RandomNetworks.mnistShaped(seed, neurons);
        byte[] pixels = snn.core.RandomNetworks.randomPixels(new java.util.SplittableRandom(seed), 784);
        return snn.protocol.image.ImageWriter.write(snn.sim.image.ImageNetworks.toImage(net, 8, null, pixels, 1));
    }

    /** Random bytes followed by their SHA-256, as device images end. */
    static byte[] image(Random rnd, int body) {
        byte[] b = new byte[body];
        rnd.nextBytes(b);
        return TrailingShaValidator.withTrailer(b);
    }
}
