package snn.support;

import java.util.HexFormat;

/** Lower-case hex of bytes, as every digest and frame dump is shown. Encodes only; see {@link Sha256} to hash. */
public final class Hex {
    private static final HexFormat LOWER = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return LOWER.formatHex(bytes);
    }

    /** The hex of {@code bytes[from..to)}. */
    public static String encode(byte[] bytes, int from, int to) {
        return LOWER.formatHex(bytes, from, to);
    }
}
