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
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        int inputs = 784;
        int[] w = new int[inputs * neurons];
        for (int k = 0; k < w.length; k++) {
            w[k] = r.nextInt(256);
        }
        int[] thr = new int[neurons];
        int[] inh = new int[neurons];
        int[] floor = new int[neurons];
        int[] labels = new int[neurons];
        for (int j = 0; j < neurons; j++) {
            thr[j] = 20_000 + r.nextInt(20_000);
            inh[j] = 30_000;
            floor[j] = -50_000;
            labels[j] = j % 10;
        }
        int[] rate = new int[256];
        for (int p = 0; p < 256; p++) {
            rate[p] = p * 8;
        }
        snn.sim.lif.DeviceNetwork net = new snn.sim.lif.DeviceNetwork(inputs, neurons, 10, w, 255, thr, inh, floor,
                labels, 50, 650, 6554, 5, 2, 62_000, 20_000, 0, rate, 2, 4, 3, 0);
        byte[] pixels = snn.sim.golden.RandomNetworks.randomPixels(r, inputs);
        return snn.protocol.image.ImageWriter.write(snn.sim.image.ImageNetworks.toImage(net, 8, null, pixels, 1));
    }

    /** Random bytes followed by their SHA-256, as device images end. */
    static byte[] image(Random rnd, int body) {
        byte[] b = new byte[body];
        rnd.nextBytes(b);
        return TrailingShaValidator.withTrailer(b);
    }
}
