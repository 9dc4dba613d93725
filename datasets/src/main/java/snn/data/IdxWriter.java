package snn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import snn.support.AtomicFiles;

/**
 * Writes unsigned-byte IDX files in the layout {@link IdxReader} reads: a big-endian header (magic,
 * then each dimension size) followed by the raw bytes. Used to make small datasets of any shape,
 * for tests and for subsets of a bigger dataset.
 */
public final class IdxWriter {
    private IdxWriter() {
    }

    /** The content of an IDX3 image file: 16-byte header, then {@code pixels} (count*rows*cols bytes). */
    public static byte[] images(int count, int rows, int cols, byte[] pixels) {
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixel bytes for " + count + " images of " + rows + "x" + cols);
        }
        byte[] out = new byte[16 + pixels.length];
        putInt(out, 0, IdxReader.IMAGES_MAGIC);
        putInt(out, 4, count);
        putInt(out, 8, rows);
        putInt(out, 12, cols);
        System.arraycopy(pixels, 0, out, 16, pixels.length);
        return out;
    }

    /** The content of an IDX1 label file: 8-byte header, then one byte per label. */
    public static byte[] labels(byte[] labels) {
        byte[] out = new byte[8 + labels.length];
        putInt(out, 0, IdxReader.LABELS_MAGIC);
        putInt(out, 4, labels.length);
        System.arraycopy(labels, 0, out, 8, labels.length);
        return out;
    }

    /** Gzip-compresses {@code content} (what {@code .gz} IDX files hold). */
    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(content);
        }
        return bytes.toByteArray();
    }

    /** Writes {@code content} to {@code file} atomically, gzip-compressed when {@code compress}. */
    public static void write(Path file, byte[] content, boolean compress) throws IOException {
        AtomicFiles.write(file, compress ? gzip(content) : content);
    }

    static void putInt(byte[] b, int offset, int v) {
        b[offset] = (byte) (v >>> 24);
        b[offset + 1] = (byte) (v >>> 16);
        b[offset + 2] = (byte) (v >>> 8);
        b[offset + 3] = (byte) v;
    }
}
