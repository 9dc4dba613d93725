package snn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.SnnException;

class IdxReaderTest {
    @TempDir
    Path dir;

    private final ToyData toy = new ToyData(5, 7, 3, 11, 4, 42);

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private byte[] trainImages() {
        return toy.contents.get(IdxRole.TRAIN_IMAGES).clone();
    }

    private SnnException badImages(byte[] content) throws IOException {
        Path p = write("bad-images", content);
        SnnException e = assertThrows(SnnException.class, () -> IdxReader.readImages(p));
        assertEquals(SnnException.USAGE, e.exitCode(), e.getMessage());
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("byte offset"), e.getMessage());
        return e;
    }

    @Test
    void readsRawImagesAndLabelsExactly() throws IOException {
        IdxReader.Images im = IdxReader.readImages(write("img", trainImages()));
        assertEquals(11, im.count());
        assertEquals(5, im.rows());
        assertEquals(7, im.cols());
        assertArrayEquals(toy.trainPixels, im.pixels());
        IdxReader.Labels lb = IdxReader.readLabels(write("lbl", toy.contents.get(IdxRole.TRAIN_LABELS)));
        assertEquals(11, lb.count());
        assertArrayEquals(toy.trainLabels, lb.labels());
    }

    @Test
    void detectsGzipByMagicBytesNotByName() throws IOException {
        byte[] gz = IdxWriter.gzip(trainImages());
        IdxReader.Images noSuffix = IdxReader.readImages(write("train-images-idx3-ubyte", gz));
        assertArrayEquals(toy.trainPixels, noSuffix.pixels());
        // And a raw file that happens to be called .gz is read as raw.
        IdxReader.Images rawNamedGz = IdxReader.readImages(write("raw.gz", trainImages()));
        assertArrayEquals(toy.trainPixels, rawNamedGz.pixels());
        assertTrue(IdxReader.readContent(dir.resolve("train-images-idx3-ubyte")).gzip());
    }

    @Test
    void truncatedDataNamesOffsetAndBothLengths() throws IOException {
        byte[] good = trainImages();
        SnnException e = badImages(Arrays.copyOf(good, good.length - 3));
        String expectedLen = String.valueOf(good.length);
        assertTrue(e.getMessage().contains("byte offset " + (good.length - 3)), e.getMessage());
        assertTrue(e.getMessage().contains("expected file length " + expectedLen), e.getMessage());
        assertTrue(e.getMessage().contains("only " + (good.length - 3) + " bytes"), e.getMessage());
    }

    @Test
    void truncatedGzipIsReportedWithUncompressedOffset() throws IOException {
        byte[] gz = IdxWriter.gzip(trainImages());
        Path p = write("cut.gz", Arrays.copyOf(gz, gz.length / 2));
        SnnException e = assertThrows(SnnException.class, () -> IdxReader.readImages(p));
        assertTrue(e.getMessage().contains("broken gzip stream"), e.getMessage());
        assertTrue(e.getMessage().contains("(uncompressed)"), e.getMessage());
        // A complete gzip of truncated content: the length check names the uncompressed offset.
        byte[] good = trainImages();
        Path q = write("short.gz", IdxWriter.gzip(Arrays.copyOf(good, 20)));
        SnnException e2 = assertThrows(SnnException.class, () -> IdxReader.readImages(q));
        assertTrue(e2.getMessage().startsWith(q + " (uncompressed): byte offset 20"), e2.getMessage());
    }

    @Test
    void trailingBytesAreRefused() throws IOException {
        byte[] good = trainImages();
        SnnException e = badImages(Arrays.copyOf(good, good.length + 2));
        assertTrue(e.getMessage().contains("byte offset " + good.length), e.getMessage());
        assertTrue(e.getMessage().contains("2 bytes after the data"), e.getMessage());
    }

    @Test
    void wrongMagicTypeAndDimensions() throws IOException {
        byte[] zip = trainImages();
        zip[0] = 'P';
        zip[1] = 'K';
        assertTrue(badImages(zip).getMessage().contains("byte offset 0: expected 0x00000803"));

        byte[] intType = trainImages();
        intType[2] = 0x0c;
        SnnException type = badImages(intType);
        assertTrue(type.getMessage().contains("byte offset 2"), type.getMessage());
        assertTrue(type.getMessage().contains("found 0x0c"), type.getMessage());

        // A label file given where images are expected: wrong dimension count.
        SnnException dims = badImages(toy.contents.get(IdxRole.TRAIN_LABELS));
        assertTrue(dims.getMessage().contains("byte offset 3: expected 3 dimensions"), dims.getMessage());
        assertTrue(dims.getMessage().contains("found 1"), dims.getMessage());

        Path img = write("images-as-labels", trainImages());
        SnnException asLabels = assertThrows(SnnException.class, () -> IdxReader.readLabels(img));
        assertTrue(asLabels.getMessage().contains("byte offset 3: expected 1 dimension"), asLabels.getMessage());
    }

    @Test
    void wrongCountInHeader() throws IOException {
        byte[] moreThanData = trainImages();
        IdxWriter.putInt(moreThanData, 4, 12); // says 12 images, holds 11
        SnnException e = badImages(moreThanData);
        assertTrue(e.getMessage().contains("12 images x 5 x 7"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        byte[] zero = trainImages();
        IdxWriter.putInt(zero, 12, 0); // zero columns
        assertTrue(badImages(zero).getMessage().contains("byte offset 12: expected cols >= 1, found cols 0"));

        byte[] huge = trainImages();
        IdxWriter.putInt(huge, 4, -1); // 4294967295 images, read as unsigned
        assertTrue(badImages(huge).getMessage().contains("4294967295"));
    }

    @Test
    void shortHeader() throws IOException {
        assertTrue(badImages(new byte[] {0, 0}).getMessage().contains("a file of only 2 bytes"));
        SnnException e = badImages(Arrays.copyOf(trainImages(), 10));
        assertTrue(e.getMessage().contains("byte offset 10: expected a 16-byte header"), e.getMessage());
    }

    @Test
    void labelCountDifferentFromImageCountNamesBothFiles() throws IOException {
        Path d = toy.writeTo(dir.resolve("ds"), false, false);
        byte[] fewer = IdxWriter.labels(Arrays.copyOf(toy.trainLabels, 10));
        Path labels = d.resolve(IdxRole.TRAIN_LABELS.canonicalName());
        Files.write(labels, fewer);
        DatasetResolver r = new DatasetResolver(new DatasetEnvironment(java.util.Map.of(), dir.resolve("home"),
                java.util.List.of()), java.util.Map.of(), FetchLog.silent());
        SnnException e = assertThrows(SnnException.class, () -> r.load(d.toString(), null));
        assertEquals(SnnException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains(labels + " has 10 labels"), e.getMessage());
        assertTrue(e.getMessage().contains(d.resolve(IdxRole.TRAIN_IMAGES.canonicalName()) + " has 11 images"), e.getMessage());
    }

    /** A gzip of "a 16-byte header and then zeros" whose header claims {@code count x rows x cols}. */
    private static byte[] gzipClaiming(long count, long rows, long cols, int zeros) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(b)) {
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(16);
            h.putInt(IdxReader.IMAGES_MAGIC).putInt((int) count).putInt((int) rows).putInt((int) cols);
            gz.write(h.array());
            byte[] z = new byte[1 << 20];
            for (int left = zeros; left > 0; left -= z.length) {
                gz.write(z, 0, Math.min(left, z.length));
            }
        }
        return b.toByteArray();
    }

    /** A small gzip whose header claims gigabytes fails at its header, without inflating or allocating the rest. */
    @Test
    void aGzipWhoseHeaderClaimsAHugeSizeFailsFast() throws IOException {
        // 64 MB of zeros compress to ~64 kB; the header claims 4,000,000 images of 100 x 100 (40 GB)
        Path p = write("bomb.gz", gzipClaiming(4_000_000, 100, 100, 64 << 20));
        assertTrue(Files.size(p) < 1 << 20);
        long t0 = System.nanoTime();
        SnnException e = assertThrows(SnnException.class, () -> IdxReader.readImages(p));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(SnnException.USAGE, e.exitCode());
        assertEquals(p + " (uncompressed): byte offset 4: the IDX header claims 4000000 x 100 x 100 = 40000000016 bytes,"
                + " more than the 100000000 bytes an IDX file may hold (-Dsnn.idx.max-bytes=N raises the limit);"
                + " nothing inflated beyond the header", e.getMessage());
        assertTrue(ms < 500, "failed after " + ms + " ms: it inflated the rest");
        // dimensions whose product overflows 64 bits are no way around the limit
        Path q = write("overflow.gz", gzipClaiming(0xffffffffL, 0xffffffffL, 0xffffffffL, 100));
        SnnException o = assertThrows(SnnException.class, () -> IdxReader.readImages(q));
        assertTrue(o.getMessage().contains("4294967295 x 4294967295 x 4294967295 values (more than 2^63 bytes)"), o.getMessage());
        // nor is a header that tells the truth about a small file followed by a flood of zeros
        Path r = write("flood.gz", gzipClaiming(2, 3, 3, 64 << 20));
        System.setProperty(IdxReader.MAX_BYTES_PROPERTY, "1000000");
        try {
            SnnException f = assertThrows(SnnException.class, () -> IdxReader.readImages(r));
            assertTrue(f.getMessage().startsWith(r + " (uncompressed): byte offset 34: expected file length 34 bytes"),
                    f.getMessage());
            assertTrue(f.getMessage().contains("found more than 1000000 bytes"), f.getMessage());
        } finally {
            System.clearProperty(IdxReader.MAX_BYTES_PROPERTY);
        }
    }

    /** GZIPInputStream ignores bytes after the gzip data; an IDX file must not carry any. */
    @Test
    void bytesAfterTheGzipDataAreRefused() throws IOException {
        byte[] gz = IdxWriter.gzip(trainImages());
        byte[] withTail = Arrays.copyOf(gz, gz.length + 5);
        System.arraycopy("JUNK!".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, withTail, gz.length, 5);
        Path p = write("tail.gz", withTail);
        SnnException e = assertThrows(SnnException.class, () -> IdxReader.readImages(p));
        assertEquals(SnnException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith(p + ": byte offset " + trainImages().length + " (uncompressed): broken gzip stream: "
                + "5 bytes of trailing garbage after the gzip data, from compressed byte offset " + gz.length), e.getMessage());
        // two gzip members are one stream (as gzip -c a b > ab.gz writes): accepted
        byte[] all = trainImages();
        byte[] a = IdxWriter.gzip(Arrays.copyOf(all, 20));
        byte[] b = IdxWriter.gzip(Arrays.copyOfRange(all, 20, all.length));
        byte[] two = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, two, a.length, b.length);
        assertArrayEquals(toy.trainPixels, IdxReader.readImages(write("two.gz", two)).pixels());
        // a corrupted CRC is caught too
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        SnnException c = assertThrows(SnnException.class, () -> IdxReader.readImages(write("crc.gz", badCrc)));
        assertTrue(c.getMessage().contains("CRC-32 mismatch"), c.getMessage());
    }
}
