package snn.cli;

import java.nio.file.Path;
import java.util.List;
import snn.cli.json.SignatureJson;
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
     * key id it names (a named key that is not among them gives a null signatureVerified).
     */
    static SignatureJson describe(DeviceImage img, byte[] bytes, List<Path> keys) {
        Boolean verified = null;
        if (img.signature != null) {
            for (Path k : keys) {
                byte[] raw = Ed25519.readPublic(k);
                if (java.util.Arrays.equals(Ed25519.keyId(raw), img.signature.keyId())) {
                    verified = Ed25519.verify(raw, ImageWriter.signedMessage(bytes), img.signature.signature());
                }
            }
        }
        return new SignatureJson(img.signature != null, img.signature == null ? null : Ed25519.hex(img.signature.keyId()),
                Integer.toUnsignedLong(img.securityVersion), verified);
    }

    /** Fails when --key was given and the signature is missing, names another key, or does not verify. */
    static void require(Path image, SignatureJson m, List<Path> keys) {
        if (keys.isEmpty()) {
            return;
        }
        if (!m.signed()) {
            throw SnnException.checkFailed(image + ": unsigned image (--key asks for a signature)");
        }
        if (m.signatureVerified() == null) {
            throw SnnException.checkFailed(image + ": signed by key id " + m.keyId() + ", none of the --key files");
        }
        if (!m.signatureVerified()) {
            throw SnnException.checkFailed(image + ": the signature does not verify with key id " + m.keyId());
        }
    }
}
