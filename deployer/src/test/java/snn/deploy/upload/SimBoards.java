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

    /** Random bytes followed by their SHA-256, as device images end. */
    static byte[] image(Random rnd, int body) {
        byte[] b = new byte[body];
        rnd.nextBytes(b);
        return TrailingShaValidator.withTrailer(b);
    }
}
