package snn.cli.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import snn.data.IdxWriter;

/**
 * The synthetic "strokes" dataset the command tests train on: 9x9 images of three classes (a
 * horizontal, a vertical and a diagonal stroke, shifted by up to one pixel) with sparse noise, as
 * the four IDX files of a folder dataset. Fixed seed: the same counts give the same bytes.
 */
public final class Strokes {
    private Strokes() {
    }

    /** Writes {@code parent/strokes/} with {@code train} training and {@code test} test images; returns that folder. */
    public static Path write(Path parent, int train, int test) throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        Path dir = Files.createDirectories(parent.resolve("strokes"));
        int side = 9;
        for (String split : new String[] {"train", "t10k"}) {
            int count = split.equals("train") ? train : test;
            byte[] px = new byte[count * side * side];
            byte[] lb = new byte[count];
            for (int k = 0; k < count; k++) {
                int c = rnd.nextInt(3);
                lb[k] = (byte) c;
                int shift = rnd.nextInt(3) - 1;
                for (int r = 0; r < side; r++) {
                    for (int q = 0; q < side; q++) {
                        boolean on = c == 0 ? Math.abs(r - 4 - shift) <= 1 : c == 1 ? Math.abs(q - 4 - shift) <= 1
                                : Math.abs(r - q - shift) <= 1;
                        px[k * side * side + r * side + q] = (byte) (on ? 200 + rnd.nextInt(56) : rnd.nextInt(8) == 0 ? 60 : 0);
                    }
                }
            }
            IdxWriter.write(dir.resolve(split + "-images-idx3-ubyte"), IdxWriter.images(count, side, side, px), false);
            IdxWriter.write(dir.resolve(split + "-labels-idx1-ubyte"), IdxWriter.labels(lb), false);
        }
        return dir;
    }
}
