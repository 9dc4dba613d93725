package snn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import snn.support.SnnException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), raw or gzip-compressed.
 *
 * <pre>
 * offset  size  field
 * 0       2     0x00 0x00
 * 2       1     data type: 0x08 = unsigned byte (the only type accepted here)
 * 3       1     number of dimensions: 3 for images, 1 for labels
 * 4       4*d   size of each dimension, big-endian unsigned 32-bit
 *               images: count, rows, cols  (header 16 bytes, magic 0x00000803)
 *               labels: count              (header  8 bytes, magic 0x00000801)
 * 4+4*d   ...   the values, row-major, exactly count*rows*cols (or count) bytes, nothing after
 * </pre>
 *
 * Gzip is recognised by its magic bytes (1f 8b), whatever the file is called. Offsets in error
 * messages count bytes of the uncompressed content. Every error is {@link SnnException#badInput}
 * naming the file, the offset, what was expected and what was found.
 */
public final class IdxReader {
    /** Unsigned-byte images with three dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Unsigned-byte labels with one dimension. */
    public static final int LABELS_MAGIC = 0x00000801;
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxReader() {
    }

    /** The images of one IDX3 file: {@code pixels} holds {@code count} images of rows*cols bytes each. */
    public record Images(Path file, int count, int rows, int cols, byte[] pixels) {
    }

    /** The labels of one IDX1 file, one unsigned byte per item. */
    public record Labels(Path file, int count, byte[] labels) {
    }

    /**
     * The uncompressed bytes of one file, and whether they were gzip-compressed on disk (then
     * error offsets are marked as offsets into the uncompressed content).
     */
    public record Content(Path file, byte[] bytes, boolean gzip) {
        String where() {
            return gzip ? file + " (uncompressed)" : file.toString();
        }
    }

    public static Images readImages(Path file) throws IOException {
        return parseImages(readContent(file));
    }

    public static Labels readLabels(Path file) throws IOException {
        return parseLabels(readContent(file));
    }

    /** True when the content starts with the gzip magic bytes 1f 8b. */
    public static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** The most bytes one IDX file may hold (uncompressed) unless {@code -Dsnn.idx.max-bytes=N} says otherwise. */
    public static final long DEFAULT_MAX_BYTES = 100_000_000L;
    public static final String MAX_BYTES_PROPERTY = "snn.idx.max-bytes";

    /** The configured limit on one file's (uncompressed) size. */
    public static long maxBytes() {
        String v = System.getProperty(MAX_BYTES_PROPERTY);
        if (v == null || v.isBlank()) {
            return DEFAULT_MAX_BYTES;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 16 && n <= Integer.MAX_VALUE - 8L) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw SnnException.badInput("-D" + MAX_BYTES_PROPERTY + "=" + v + ": must be a byte count 16.." + (Integer.MAX_VALUE - 8L));
    }

    /**
     * The whole uncompressed content of a file: read in one piece when raw, inflated when it starts
     * with the gzip magic. A gzip file is inflated as far as its IDX header first; the size the header
     * implies is checked against {@link #maxBytes()} before anything more is inflated, so a small file
     * that claims (or inflates to) gigabytes fails at once, without the memory. Bytes after the gzip data
     * that are not another gzip member are refused.
     */
    public static Content readContent(Path file) throws IOException {
        long max = maxBytes();
        long onDisk = Files.size(file);
        if (onDisk > max) {
            throw SnnException.badInput(file + ": " + onDisk + " bytes, more than the " + max + " bytes an IDX file may"
                    + " hold (-D" + MAX_BYTES_PROPERTY + "=N raises the limit)");
        }
        byte[] raw = Files.readAllBytes(file);
        if (!isGzip(raw)) {
            return new Content(file, raw, false);
        }
        byte[] out = new byte[16];
        int total = 0;
        try (StrictGzip in = new StrictGzip(raw)) {
            total = readFully(in, out, 0, 4);
            long expected = -1;
            if (total == 4 && out[0] == 0 && out[1] == 0 && (out[2] & 0xff) == UNSIGNED_BYTE && (out[3] == 1 || out[3] == 3)) {
                int headerLen = 4 + 4 * out[3];
                total += readFully(in, out, 4, headerLen - 4);
                if (total == headerLen) {
                    long[] dims = new long[out[3]];
                    for (int i = 0; i < dims.length; i++) {
                        dims[i] = u32(out, 4 + 4 * i);
                    }
                    expected = Math.min(Long.MAX_VALUE - headerLen, impliedBytes(dims)) + headerLen;
                    if (expected > max) {
                        throw SnnException.badInput(file + " (uncompressed): byte offset 4: the IDX header claims "
                                + Arrays.toString(dims).replace(", ", " x ").replaceAll("[\\[\\]]", "")
                                + (expected >= Long.MAX_VALUE - 16 ? " values (more than 2^63 bytes)" : " = " + expected + " bytes")
                                + ", more than the " + max + " bytes an IDX file may hold (-D" + MAX_BYTES_PROPERTY
                                + "=N raises the limit); nothing inflated beyond the header");
                    }
                }
            }
            if (expected > 0) {
                // exactly what the header implies; anything after it is only counted, never kept
                out = Arrays.copyOf(out, (int) expected);
                total += readFully(in, out, total, (int) expected - total);
                if (total == expected) {
                    long extra = 0;
                    byte[] scratch = new byte[1 << 16];
                    int n;
                    while ((n = in.read(scratch)) >= 0) {
                        extra += n;
                        if (expected + extra > max) {
                            break;
                        }
                    }
                    if (extra > 0) {
                        throw bad(file + " (uncompressed)", expected, "file length " + expected + " bytes (as its header implies)",
                                (expected + extra > max ? "more than " + max : String.valueOf(expected + extra))
                                + " bytes: " + (expected + extra > max ? "more than " + (max - expected) : extra)
                                + " bytes after the data");
                    }
                }
                return new Content(file, total == out.length ? out : Arrays.copyOf(out, total), true);
            }
            // no well-formed header: parsing will say what is wrong; read what there is, within the limit
            out = Arrays.copyOf(out, (int) Math.max(total, Math.min(max + 1, raw.length * 6L)));
            while (true) {
                if (total == out.length) {
                    if (total > max) {
                        throw SnnException.badInput(file + " (uncompressed): byte offset " + max + ": more than the " + max
                                + " bytes an IDX file may hold (-D" + MAX_BYTES_PROPERTY + "=N raises the limit)");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(max + 1, Math.max(out.length * 2L, 1 << 16)));
                }
                int n = in.read(out, total, out.length - total);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (StrictGzip.Malformed e) {
            throw SnnException.badInput(file + ": byte offset " + total + " (uncompressed): broken gzip stream: " + e.getMessage());
        }
        return new Content(file, total == out.length ? out : Arrays.copyOf(out, total), true);
    }

    private static int readFully(InputStream in, byte[] b, int off, int len) throws IOException {
        int got = 0;
        while (got < len) {
            int n = in.read(b, off + got, len - got);
            if (n < 0) {
                break;
            }
            got += n;
        }
        return got;
    }

    private static long u32(byte[] c, int o) {
        return ((long) (c[o] & 0xff) << 24) | ((c[o + 1] & 0xff) << 16) | ((c[o + 2] & 0xff) << 8) | (c[o + 3] & 0xff);
    }

    /** The product of the dimensions, or Long.MAX_VALUE when it overflows. */
    static long impliedBytes(long[] dims) {
        long p = 1;
        for (long d : dims) {
            try {
                p = Math.multiplyExact(p, d);
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }

    /** Parses and validates an IDX3 unsigned-byte image file already read into memory. */
    public static Images parseImages(Content in) {
        String file = in.where();
        byte[] content = in.bytes();
        long[] dims = header(file, content, IMAGES_MAGIC, 3, "images");
        for (int i = 0; i < 3; i++) {
            requirePositive(file, 4 + 4 * i, dims[i], i == 0 ? "image count" : i == 1 ? "rows" : "cols");
        }
        long expected = Math.min(Long.MAX_VALUE - 16, impliedBytes(dims)) + 16;
        requireLength(file, content, expected, "16-byte header + " + dims[0] + " images x " + dims[1] + " x " + dims[2]);
        return new Images(in.file(), (int) dims[0], (int) dims[1], (int) dims[2], Arrays.copyOfRange(content, 16, content.length));
    }

    /** Parses and validates an IDX1 unsigned-byte label file already read into memory. */
    public static Labels parseLabels(Content in) {
        String file = in.where();
        byte[] content = in.bytes();
        long[] dims = header(file, content, LABELS_MAGIC, 1, "labels");
        requirePositive(file, 4, dims[0], "label count");
        requireLength(file, content, Math.min(Long.MAX_VALUE - 8, impliedBytes(dims)) + 8, "8-byte header + " + dims[0] + " labels");
        return new Labels(in.file(), (int) dims[0], Arrays.copyOfRange(content, 8, content.length));
    }

    /** Checks magic, type and dimension count; returns the dimension sizes as unsigned values. */
    private static long[] header(String file, byte[] c, int magic, int ndims, String what) {
        if (c.length < 4) {
            throw bad(file, 0, "a 4-byte IDX magic number", "a file of only " + c.length + " bytes");
        }
        int found = ((c[0] & 0xff) << 24) | ((c[1] & 0xff) << 16) | ((c[2] & 0xff) << 8) | (c[3] & 0xff);
        if ((c[0] | c[1]) != 0) {
            throw bad(file, 0, hex(magic) + " (IDX " + what + ")", hex(found) + " (not an IDX file)");
        }
        if ((c[2] & 0xff) != UNSIGNED_BYTE) {
            throw bad(file, 2, "data type 0x08 (unsigned byte) in magic " + hex(magic),
                    String.format(Locale.ROOT, "0x%02x in magic %s", c[2] & 0xff, hex(found)));
        }
        if ((c[3] & 0xff) != ndims) {
            throw bad(file, 3, ndims + " dimension" + (ndims == 1 ? "" : "s") + " (magic " + hex(magic) + ", IDX " + what
                    + ")", (c[3] & 0xff) + " (magic " + hex(found) + ")");
        }
        int headerLen = 4 + 4 * ndims;
        if (c.length < headerLen) {
            throw bad(file, c.length, "a " + headerLen + "-byte header", "the file ends after " + c.length + " bytes");
        }
        long[] dims = new long[ndims];
        for (int i = 0; i < ndims; i++) {
            int o = 4 + 4 * i;
            dims[i] = u32(c, o);
        }
        return dims;
    }

    private static void requirePositive(String file, int offset, long value, String field) {
        if (value < 1) {
            throw bad(file, offset, field + " >= 1", field + " " + value);
        }
    }

    private static void requireLength(String file, byte[] c, long expected, String layout) {
        if (expected > Integer.MAX_VALUE - 8L) {
            throw bad(file, 4, "at most 2 GiB of data", expected + " bytes (" + layout + ")");
        }
        if (c.length < expected) {
            throw bad(file, c.length, "file length " + expected + " bytes (" + layout + ")",
                    "only " + c.length + " bytes: the file is truncated");
        }
        if (c.length > expected) {
            throw bad(file, expected, "file length " + expected + " bytes (" + layout + ")",
                    c.length + " bytes: " + (c.length - expected) + " bytes after the data");
        }
    }

    private static SnnException bad(String file, long offset, String expected, String found) {
        return SnnException.badInput(file + ": byte offset " + offset + ": expected " + expected + ", found " + found);
    }

    private static String hex(int v) {
        return String.format(Locale.ROOT, "0x%08x", v);
    }

}
