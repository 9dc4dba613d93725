package snn.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates gzip content (RFC 1952) on demand, strictly: every member's header, CRC-32 and length are
 * checked, and bytes after the last member that do not start another member are an error ({@link
 * java.util.zip.GZIPInputStream} ignores them). Nothing is inflated before it is read, so a caller can
 * look at the first bytes and decide whether the rest is worth inflating.
 */
final class StrictGzip extends InputStream {
    /** A gzip stream that is broken or followed by bytes that are not gzip. */
    static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final byte[] in;
    private int pos;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberOut;
    private boolean inMember;
    private boolean done;

    StrictGzip(byte[] compressed) throws IOException {
        this.in = compressed;
        startMember();
    }

    /** Compressed bytes consumed so far (the position just after the last finished member, at the end). */
    int compressedOffset() {
        return pos;
    }

    private void startMember() throws IOException {
        int start = pos;
        if (in.length - pos < 10) {
            throw new Malformed("truncated gzip header at compressed byte offset " + start);
        }
        if ((in[pos] & 0xff) != 0x1f || (in[pos + 1] & 0xff) != 0x8b) {
            throw new Malformed("not a gzip header at compressed byte offset " + start);
        }
        if (in[pos + 2] != 8) {
            throw new Malformed("gzip compression method " + (in[pos + 2] & 0xff) + " at compressed byte offset "
                    + (start + 2) + ", expected 8 (deflate)");
        }
        int flags = in[pos + 3] & 0xff;
        pos += 10;
        if ((flags & FEXTRA) != 0) {
            need(2, start);
            int xlen = (in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8;
            pos += 2;
            need(xlen, start);
            pos += xlen;
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated(start);
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated(start);
        }
        if ((flags & FHCRC) != 0) {
            need(2, start);
            pos += 2;
        }
        inflater.reset();
        inflater.setInput(in, pos, in.length - pos);
        crc.reset();
        memberOut = 0;
        inMember = true;
    }

    private void need(int n, int start) throws Malformed {
        if (in.length - pos < n) {
            throw new Malformed("truncated gzip header at compressed byte offset " + start);
        }
    }

    private void skipZeroTerminated(int start) throws Malformed {
        while (pos < in.length && in[pos] != 0) {
            pos++;
        }
        need(1, start);
        pos++;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!done) {
            if (!inMember) {
                if (pos == in.length) {
                    done = true;
                    break;
                }
                if (in.length - pos >= 2 && (in[pos] & 0xff) == 0x1f && (in[pos + 1] & 0xff) == 0x8b) {
                    startMember(); // concatenated members are one stream (RFC 1952 section 2.2)
                } else {
                    throw new Malformed((in.length - pos) + " bytes of trailing garbage after the gzip data, from compressed"
                            + " byte offset " + pos);
                }
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new Malformed("broken deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberOut += n;
                return n;
            }
            if (inflater.finished()) {
                pos = in.length - inflater.getRemaining();
                if (in.length - pos < 8) {
                    throw new Malformed("truncated gzip trailer at compressed byte offset " + pos);
                }
                long wantCrc = le32(pos);
                long wantSize = le32(pos + 4);
                if (wantCrc != crc.getValue()) {
                    throw new Malformed(String.format("gzip CRC-32 mismatch at compressed byte offset %d: stored %08x,"
                            + " computed %08x", pos, wantCrc, crc.getValue()));
                }
                if (wantSize != (memberOut & 0xffffffffL)) {
                    throw new Malformed("gzip length mismatch at compressed byte offset " + (pos + 4) + ": stored "
                            + wantSize + ", inflated " + memberOut);
                }
                pos += 8;
                inMember = false;
            } else if (inflater.needsInput()) {
                throw new Malformed("unexpected end of the compressed data");
            } else if (inflater.needsDictionary()) {
                throw new Malformed("deflate data needs a preset dictionary");
            }
        }
        return -1;
    }

    private long le32(int p) {
        return (in[p] & 0xffL) | (in[p + 1] & 0xffL) << 8 | (in[p + 2] & 0xffL) << 16 | (in[p + 3] & 0xffL) << 24;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
