package snn.data;


/** SHA-256 as lowercase hex, the form the checksum table and {@code sha256sum} use. */
public final class Sha256 {
    private Sha256() {
    }

    public static String hex(byte[] content) {
        return snn.support.Sha256.hex(snn.support.Sha256.digest(content));
    }
}
