package snn.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, the one hash the toolchain uses: dataset files, device images, uploads. {@link #of} gives
 * the 32 digest bytes, {@link #hexOf} their lower-case hex; {@link Hex} only encodes, it never hashes.
 */
public final class Sha256 {
    /** Bytes in a digest. */
    public static final int BYTES = 32;

    private Sha256() {
    }

    public static byte[] of(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    public static byte[] of(byte[] data) {
        return of(data, 0, data.length);
    }

    public static byte[] ofFile(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    /** The lower-case hex of the SHA-256 of {@code data}. */
    public static String hexOf(byte[] data) {
        return Hex.encode(of(data));
    }
}
