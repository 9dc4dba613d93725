package snn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageWriter;
import snn.protocol.sign.Ed25519;
import snn.support.SnnException;

/** How the CLI reports an image's signature (docs/device-spec.md section 15): shown by verify and device eval. */
final class ImageSignatures {
    private ImageSignatures() {
    }

    /**
     * The image's signature facts; with keys, also whether the signature verifies with the one whose
     * key id it names (a named key that is not among them gives "verified": null).
     */
    static Map<String, Object> describe(DeviceImage img, byte[] bytes, List<Path> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("signed", img.signature != null);
        m.put("key_id", img.signature == null ? null : Ed25519.hex(img.signature.keyId()));
        m.put("security_version", Integer.toUnsignedLong(img.securityVersion));
        Boolean verified = null;
        if (img.signature != null) {
            for (Path k : keys) {
                byte[] raw = Ed25519.readPublic(k);
                if (java.util.Arrays.equals(Ed25519.keyId(raw), img.signature.keyId())) {
                    verified = Ed25519.verify(raw, ImageWriter.signedMessage(bytes), img.signature.signature());
                }
            }
        }
        m.put("signature_verified", verified);
        return m;
    }

    /** One line: "signed by key id X (Ed25519, signature verified), security version N" or "unsigned, ...". */
    static String line(Map<String, Object> m) {
        String v = m.get("signature_verified") == null ? "" : (Boolean) m.get("signature_verified")
                ? ", signature verified" : ", SIGNATURE DOES NOT VERIFY";
        return ((Boolean) m.get("signed") ? "signed by key id " + m.get("key_id") + " (Ed25519" + v + ")" : "unsigned")
                + ", security version " + m.get("security_version");
    }

    /** Fails when --key was given and the signature is missing, names another key, or does not verify. */
    static void require(Path image, Map<String, Object> m, List<Path> keys) {
        if (keys.isEmpty()) {
            return;
        }
        if (!(Boolean) m.get("signed")) {
            throw SnnException.checkFailed(image + ": unsigned image (--key asks for a signature)");
        }
        if (m.get("signature_verified") == null) {
            throw SnnException.checkFailed(image + ": signed by key id " + m.get("key_id") + ", none of the --key files");
        }
        if (!(Boolean) m.get("signature_verified")) {
            throw SnnException.checkFailed(image + ": the signature does not verify with key id " + m.get("key_id"));
        }
    }
}
