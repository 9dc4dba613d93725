package snn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.SnnException;

/** Centre crop and area-average resize, exact on small hand-made images. */
class DatasetTransformTest {
    @TempDir
    Path tmp;

    /** One 4x4 image 0..15 (times 10) and a second one all 255. */
    private static Dataset.Split split() {
        byte[] px = new byte[32];
        for (int i = 0; i < 16; i++) {
            px[i] = (byte) (i * 10);
            px[16 + i] = (byte) 255;
        }
        return new Dataset.Split(2, 4, 4, px, new byte[] {3, 7});
    }

    private static int[] image(Dataset.Split s, int k) {
        int[] out = new int[s.imageSize()];
        for (int p = 0; p < out.length; p++) {
            out[p] = s.pixel(k, p);
        }
        return out;
    }

    @Test
    void centreCropKeepsTheMiddle() {
        Dataset.Split s = new DatasetTransform(2, 0, 0).apply(split(), true);
        assertEquals(2, s.rows());
        assertArrayEquals(new int[] {50, 60, 90, 100}, image(s, 0));
        assertArrayEquals(new byte[] {3, 7}, s.labels());
    }

    @Test
    void resizeAveragesEachBlockAndRoundsHalfUp() {
        Dataset.Split s = new DatasetTransform(0, 2, 0).apply(split(), true);
        // block (0,0) = 0,10,40,50 -> 25; (0,1) = 20,30,60,70 -> 45; (1,0) 80,90,120,130 -> 105; (1,1) -> 125
        assertArrayEquals(new int[] {25, 45, 105, 125}, image(s, 0));
        assertArrayEquals(new int[] {255, 255, 255, 255}, image(s, 1));
        // uneven blocks: 4 -> 3 takes rows/cols [0,1) [1,2) [2,4)
        Dataset.Split t = new DatasetTransform(0, 3, 0).apply(split(), true);
        assertEquals(3 * 3, t.imageSize());
        assertEquals(0, t.pixel(0, 0));
        assertEquals(110, t.pixel(0, 7));                                       // rows 2..3, col 1: 90, 130
        assertEquals((100 + 110 + 140 + 150 + 2) / 4, t.pixel(0, 8));          // 125
    }

    @Test
    void cropThenResizeAndTheTrainLimit() {
        DatasetTransform tf = new DatasetTransform(2, 1, 1);
        Dataset.Split s = tf.apply(split(), true);
        assertEquals(1, s.count());
        assertArrayEquals(new int[] {75}, image(s, 0));          // (50+60+90+100)/4
        assertEquals(2, tf.apply(split(), false).count());        // the limit is for training images only
        assertEquals("centre crop 2x2, area-average resize to 1x1, first 1 training images", tf.describe());
    }

    @Test
    void badSizesAreRefusedWithTheLimit() {
        SnnException e = assertThrows(SnnException.class, () -> new DatasetTransform(5, 0, 0).shape(4, 4));
        assertTrue(e.getMessage().contains("--crop 5 is larger than the 4x4 images"), e.getMessage());
        e = assertThrows(SnnException.class, () -> new DatasetTransform(2, 3, 0).shape(4, 4));
        assertTrue(e.getMessage().contains("--resize 3 is larger than the 2x2"), e.getMessage());
        assertThrows(SnnException.class, () -> new DatasetTransform(-1, 0, 0));
    }

    @Test
    void writesAFolderDatasetThatLoadsBack() throws Exception {
        ToyData toy = new ToyData(6, 6, 3, 5, 4, 9);
        Path src = toy.writeTo(tmp.resolve("src"), false, false);
        DatasetResolver r = new DatasetResolver(new DatasetEnvironment(java.util.Map.of(), tmp.resolve("home"),
                java.util.List.of()), java.util.Map.of(), new FetchLog(System.err, true));
        Dataset ds = r.load(src.toString(), null);
        Path out = tmp.resolve("out");
        new DatasetTransform(4, 2, 3).write(ds, out);
        Dataset back = r.load(out.toString(), null);
        assertEquals(3, back.train().count());
        assertEquals(4, back.test().count());
        assertEquals(2, back.rows());
        Dataset.Split expected = new DatasetTransform(4, 2, 3).apply(ds.train(), true);
        assertArrayEquals(expected.pixels(), back.train().pixels());
        assertTrue(Files.readString(out.resolve("DERIVED.txt")).contains("centre crop 4x4, area-average resize to 2x2"));
    }
}
