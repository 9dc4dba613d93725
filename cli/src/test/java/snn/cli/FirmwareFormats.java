package snn.cli;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Parsers of the firmware file formats, written from the formats' specifications for the tests and
 * sharing nothing with how the files are produced (objcopy, the Makefile): Intel HEX, raw binary and
 * UF2, plus the Cortex-M vector table check they all end in. Each throws {@link IllegalArgumentException}
 * naming the record, block or word that is wrong.
 */
final class FirmwareFormats {
    private FirmwareFormats() {
    }

    /** A memory range [start, end). */
    record Range(long start, long end) {
        boolean contains(long a) {
            return a >= start && a < end;
        }

        @Override
        public String toString() {
            return String.format("0x%08X..0x%08X", start, end);
        }
    }

    /** Memory as address -&gt; byte, from the records of a file. */
    static final class Image {
        final TreeMap<Long, Byte> bytes = new TreeMap<>();
        Long startAddress; // from an Intel HEX type 05 record

        void put(long addr, byte b, String where) {
            if (bytes.put(addr, b) != null) {
                throw new IllegalArgumentException(where + ": address 0x" + Long.toHexString(addr) + " written twice");
            }
        }

        long lowest() {
            return bytes.firstKey();
        }

        long word(long addr) {
            long v = 0;
            for (int i = 3; i >= 0; i--) {
                Byte b = bytes.get(addr + i);
                if (b == null) {
                    throw new IllegalArgumentException(String.format("no data at 0x%08X (vector table word)", addr + i));
                }
                v = (v << 8) | (b & 0xFF);
            }
            return v;
        }
    }

    // ---- Intel HEX ----

    /**
     * Parses Intel HEX: {@code :LLAAAATT<data>CC} records; types 00 data, 01 end of file (last, no data),
     * 02 extended segment address, 04 extended linear address, 05 start linear address; every record's
     * checksum makes the byte sum zero.
     */
    static Image parseHex(String text) {
        Image img = new Image();
        long base = 0;
        boolean eof = false;
        int n = 0;
        for (String raw : text.split("\r?\n", -1)) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = "line " + n;
            if (eof) {
                throw new IllegalArgumentException(where + ": record after the end-of-file record");
            }
            if (line.charAt(0) != ':' || line.length() < 11 || (line.length() - 1) % 2 != 0) {
                throw new IllegalArgumentException(where + ": not a record: " + line);
            }
            byte[] rec = new byte[(line.length() - 1) / 2];
            for (int i = 0; i < rec.length; i++) {
                int hi = Character.digit(line.charAt(1 + 2 * i), 16);
                int lo = Character.digit(line.charAt(2 + 2 * i), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException(where + ": not hex: " + line);
                }
                rec[i] = (byte) (hi << 4 | lo);
            }
            int len = rec[0] & 0xFF;
            if (rec.length != len + 5) {
                throw new IllegalArgumentException(where + ": length byte " + len + " but " + (rec.length - 5) + " data bytes");
            }
            int sum = 0;
            for (byte b : rec) {
                sum += b & 0xFF;
            }
            if ((sum & 0xFF) != 0) {
                throw new IllegalArgumentException(where + ": checksum wrong (byte sum 0x" + Integer.toHexString(sum & 0xFF) + ")");
            }
            int addr = (rec[1] & 0xFF) << 8 | (rec[2] & 0xFF);
            int type = rec[3] & 0xFF;
            switch (type) {
                case 0 -> {
                    for (int i = 0; i < len; i++) {
                        img.put(base + addr + i, rec[4 + i], where);
                    }
                }
                case 1 -> {
                    if (len != 0 || addr != 0) {
                        throw new IllegalArgumentException(where + ": end-of-file record with data or address");
                    }
                    eof = true;
                }
                case 2, 4 -> {
                    if (len != 2 || addr != 0) {
                        throw new IllegalArgumentException(where + ": type " + type + " record needs 2 data bytes and address 0");
                    }
                    long v = (rec[4] & 0xFF) << 8 | (rec[5] & 0xFF);
                    base = type == 2 ? v << 4 : v << 16;
                }
                case 3, 5 -> {
                    if (len != 4) {
                        throw new IllegalArgumentException(where + ": type " + type + " record needs 4 data bytes");
                    }
                    img.startAddress = ByteBuffer.wrap(rec, 4, 4).order(ByteOrder.BIG_ENDIAN).getInt() & 0xFFFFFFFFL;
                }
                default -> throw new IllegalArgumentException(where + ": unknown record type " + type);
            }
        }
        if (!eof) {
            throw new IllegalArgumentException("no end-of-file record (:00000001FF)");
        }
        if (img.bytes.isEmpty()) {
            throw new IllegalArgumentException("no data records");
        }
        return img;
    }

    // ---- raw binary ----

    /** A raw binary loaded at {@code base}. */
    static Image parseBin(byte[] bin, long base) {
        if (bin.length < 8) {
            throw new IllegalArgumentException(bin.length + " bytes: too short for a vector table");
        }
        Image img = new Image();
        for (int i = 0; i < bin.length; i++) {
            img.put(base + i, bin[i], "bin");
        }
        return img;
    }

    // ---- UF2 ----

    static final int UF2_MAGIC0 = 0x0A324655;
    static final int UF2_MAGIC1 = 0x9E5D5157;
    static final int UF2_MAGIC_END = 0x0AB16F30;
    static final int UF2_FLAG_FAMILY = 0x00002000;
    static final int RP2040_FAMILY = 0xE48BFF56;

    /**
     * Parses UF2: 512-byte blocks, each with both start magics, the end magic at offset 508, the
     * family-ID flag and {@code family}, a 256-byte payload, block numbers 0..n-1 with total n in every
     * block, addresses inside {@code flash} and contiguous from block to block.
     */
    static Image parseUf2(byte[] f, int family, Range flash) {
        if (f.length == 0 || f.length % 512 != 0) {
            throw new IllegalArgumentException(f.length + " bytes: not a whole number of 512-byte UF2 blocks");
        }
        int n = f.length / 512;
        Image img = new Image();
        long next = -1;
        for (int k = 0; k < n; k++) {
            ByteBuffer b = ByteBuffer.wrap(f, k * 512, 512).slice().order(ByteOrder.LITTLE_ENDIAN);
            String where = "block " + k;
            if (b.getInt(0) != UF2_MAGIC0 || b.getInt(4) != UF2_MAGIC1) {
                throw new IllegalArgumentException(where + ": start magics wrong");
            }
            if (b.getInt(508) != UF2_MAGIC_END) {
                throw new IllegalArgumentException(where + ": end magic at offset 508 wrong");
            }
            int flags = b.getInt(8);
            if (flags != UF2_FLAG_FAMILY) {
                throw new IllegalArgumentException(where + ": flags 0x" + Integer.toHexString(flags) + ", expected 0x2000 (family ID present)");
            }
            long addr = b.getInt(12) & 0xFFFFFFFFL;
            int size = b.getInt(16);
            int no = b.getInt(20);
            int total = b.getInt(24);
            int fam = b.getInt(28);
            if (fam != family) {
                throw new IllegalArgumentException(where + ": family 0x" + Integer.toHexString(fam) + ", expected 0x" + Integer.toHexString(family));
            }
            if (size != 256) {
                throw new IllegalArgumentException(where + ": payload " + size + " bytes, expected 256");
            }
            if (no != k || total != n) {
                throw new IllegalArgumentException(where + ": numbered " + no + " of " + total + ", expected " + k + " of " + n);
            }
            if (!flash.contains(addr) || !flash.contains(addr + size - 1)) {
                throw new IllegalArgumentException(where + String.format(": address 0x%08X outside flash %s", addr, flash));
            }
            if (next >= 0 && addr != next) {
                throw new IllegalArgumentException(where + String.format(": address 0x%08X, expected 0x%08X (contiguous)", addr, next));
            }
            next = addr + size;
            for (int i = 0; i < size; i++) {
                img.put(addr + i, b.get(32 + i), where);
            }
        }
        return img;
    }

    // ---- ELF (the QEMU boards) ----

    /** The loadable segments of a little-endian ELF32 ARM file at their physical addresses. */
    static Image parseElf(byte[] f) {
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        if (f.length < 52 || b.getInt(0) != 0x464C457F || f[4] != 1 || f[5] != 1) {
            throw new IllegalArgumentException("not a little-endian ELF32 file");
        }
        if ((b.getShort(18) & 0xFFFF) != 40) {
            throw new IllegalArgumentException("machine " + b.getShort(18) + ", expected 40 (ARM)");
        }
        Image img = new Image();
        int phoff = b.getInt(28);
        int phentsize = b.getShort(42) & 0xFFFF;
        int phnum = b.getShort(44) & 0xFFFF;
        for (int i = 0; i < phnum; i++) {
            int o = phoff + i * phentsize;
            if (b.getInt(o) != 1) { // PT_LOAD
                continue;
            }
            int off = b.getInt(o + 4);
            long paddr = b.getInt(o + 12) & 0xFFFFFFFFL;
            int filesz = b.getInt(o + 16);
            for (int k = 0; k < filesz; k++) {
                img.put(paddr + k, f[off + k], "segment " + i);
            }
        }
        if (img.bytes.isEmpty()) {
            throw new IllegalArgumentException("no loadable segment");
        }
        return img;
    }

    // ---- the vector table ----

    /**
     * Checks the Cortex-M vector table at {@code at}: the initial stack pointer is in RAM (its top may
     * be RAM's end) and word aligned, and the reset vector and the next 14 exception vectors that are
     * set are odd (Thumb) and point into {@code flash}. Returns the reset vector.
     */
    static long checkVectors(Image img, long at, Range flash, Range ram) {
        long sp = img.word(at);
        if (!(sp > ram.start() && sp <= ram.end()) || (sp & 3) != 0) {
            throw new IllegalArgumentException(String.format("initial SP 0x%08X not in RAM %s (or not aligned)", sp, ram));
        }
        long reset = img.word(at + 4);
        if ((reset & 1) == 0) {
            throw new IllegalArgumentException(String.format("reset vector 0x%08X is even (not Thumb)", reset));
        }
        if (!flash.contains(reset & ~1L)) {
            throw new IllegalArgumentException(String.format("reset vector 0x%08X outside flash %s", reset, flash));
        }
        List<String> bad = new ArrayList<>();
        for (int v = 2; v < 16; v++) {
            long w = img.word(at + 4L * v);
            boolean reserved = v >= 7 && v <= 10 || v == 13;
            if (w == 0 || reserved) {
                continue;
            }
            if ((w & 1) == 0 || !flash.contains(w & ~1L)) {
                bad.add(String.format("vector %d = 0x%08X", v, w));
            }
        }
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("vectors not Thumb addresses in flash: " + bad);
        }
        return reset;
    }

    /** A hand-made Intel HEX file of {@code data} at {@code addr} (type 04 then 00 records, 16 bytes each, EOF). */
    static String toHex(byte[] data, long addr) {
        StringBuilder s = new StringBuilder();
        long upper = -1;
        for (int i = 0; i < data.length; i += 16) {
            long a = addr + i;
            if ((a >>> 16) != upper) {
                upper = a >>> 16;
                s.append(record(0, 4, new byte[] {(byte) (upper >>> 8), (byte) upper}));
            }
            int len = Math.min(16, data.length - i);
            byte[] d = new byte[len];
            System.arraycopy(data, i, d, 0, len);
            s.append(record((int) (a & 0xFFFF), 0, d));
        }
        s.append(":00000001FF\n");
        return s.toString();
    }

    static String record(int addr, int type, byte[] data) {
        int sum = data.length + (addr >> 8) + (addr & 0xFF) + type;
        StringBuilder s = new StringBuilder(String.format(":%02X%04X%02X", data.length, addr, type));
        for (byte b : data) {
            s.append(String.format("%02X", b & 0xFF));
            sum += b & 0xFF;
        }
        return s.append(String.format("%02X%n", (-sum) & 0xFF)).toString();
    }

    /** Hand-made UF2 blocks of {@code data} at {@code addr}, 256 bytes each. */
    static byte[] toUf2(byte[] data, long addr, int family) {
        int n = (data.length + 255) / 256;
        ByteBuffer b = ByteBuffer.allocate(n * 512).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < n; k++) {
            int o = k * 512;
            b.putInt(o, UF2_MAGIC0).putInt(o + 4, UF2_MAGIC1).putInt(o + 8, UF2_FLAG_FAMILY).putInt(o + 12, (int) (addr + 256L * k))
                    .putInt(o + 16, 256).putInt(o + 20, k).putInt(o + 24, n).putInt(o + 28, family).putInt(o + 508, UF2_MAGIC_END);
            for (int i = 0; i < 256 && 256 * k + i < data.length; i++) {
                b.put(o + 32 + i, data[256 * k + i]);
            }
        }
        return b.array();
    }

    /** A little vector table: SP, reset, then {@code more} handlers, all at {@code code}+odd. */
    static byte[] vectors(long sp, long code, int words) {
        ByteBuffer b = ByteBuffer.allocate(words * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, (int) sp);
        for (int v = 1; v < words; v++) {
            boolean reserved = v >= 7 && v <= 10 || v == 13;
            b.putInt(4 * v, reserved ? 0 : (int) (code + 0x100 + 2 * v + 1));
        }
        return b.array();
    }

    static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
