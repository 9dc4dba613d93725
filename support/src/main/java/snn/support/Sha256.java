package snn.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, the one hash the toolchain uses: dataset files, device images, uploads. */
public final class Sha256 {
    private Sha256() {
    }

    public static byte[] digest(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }

    public static byte[] digest(byte[] data) {
        return digest(data, 0, data.length);
    }

    /** Lower-case hex of any bytes. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
