package snn.deploy.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.model.TrainedModel;
import snn.support.SnnException;

/** model.snn integrity (issue 16 item 10): every single-bit flip is refused, naming the file. */
class ModelFilesTest {
    static TrainedModel model() {
        return TestModels.model(1, 20, 5);
    }

    @Test
    void everyFlippedBitIsRefused(@TempDir Path dir) throws Exception {
        TrainedModel m = model();
        Path f = dir.resolve("model.snn");
        ModelFiles.write(f, m);
        assertEquals(m, ModelFiles.read(f));
        byte[] good = Files.readAllBytes(f);
        SplittableRandom r = new SplittableRandom(16);
        for (int k = 0; k < 48 * 8 + 120; k++) {
            // every bit of the 48-byte header, then 120 random bits anywhere
            int bit = k < 48 * 8 ? k : r.nextInt(good.length * 8);
            byte[] bad = good.clone();
            bad[bit >>> 3] ^= (byte) (1 << (bit & 7));
            SnnException e = assertThrows(SnnException.class, () -> ModelFiles.decode(bad, f.toString()), "bit " + bit);
            assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        }
        Path cut = dir.resolve("cut.snn");
        Files.write(cut, java.util.Arrays.copyOf(good, good.length - 1));
        SnnException e = assertThrows(SnnException.class, () -> ModelFiles.read(cut));
        assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
    }

    /** A bare protobuf file (before the container) is still read, with a warning that it is unchecked. */
    @Test
    void olderUncheckedFilesAreReadWithAWarning(@TempDir Path dir) throws Exception {
        TrainedModel m = model();
        Path f = dir.resolve("old.snn");
        Files.write(f, m.toByteArray());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream was = ModelFiles.warnings;
        ModelFiles.warnings = new PrintStream(err, true, StandardCharsets.UTF_8);
        try {
            assertEquals(m, ModelFiles.read(f));
        } finally {
            ModelFiles.warnings = was;
        }
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(f + " is a model file without a checksum"), err.toString());
    }

    /**
     * Issue 16 item 4: a 30 KB dataset name made `snn report` take minutes. The name is bounded where the
     * model is read (at most 256 bytes), so no reader of a model sees a longer one; 256 bytes pass.
     */
    @Test
    void aDatasetNameOfMoreThan256BytesIsRefusedAtReadTime(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("long.snn");
        ModelFiles.write(f, model().toBuilder().setDataset("x".repeat(30_000)).build());
        SnnException e = assertThrows(SnnException.class, () -> ModelFiles.read(f));
        assertEquals(f + ": trained model field dataset is 30000 characters long, at most 256 bytes allowed", e.getMessage());
        assertEquals(SnnException.USAGE, e.exitCode());
        // bytes, not characters: 129 two-byte characters are 258 bytes
        ModelFiles.write(f, model().toBuilder().setDataset("\u00e9".repeat(129)).build());
        e = assertThrows(SnnException.class, () -> ModelFiles.read(f));
        assertTrue(e.getMessage().endsWith("dataset is 258 bytes long, at most 256 bytes allowed"), e.getMessage());
        TrainedModel ok = model().toBuilder().setDataset("y".repeat(256)).build();
        ModelFiles.write(f, ok);
        assertEquals(ok, ModelFiles.read(f));
    }
}
