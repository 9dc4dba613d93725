package snn.sim.board;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.image.ImageWriter;
import snn.protocol.sign.Ed25519;
import snn.protocol.sign.TrustMessage;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Trust;
import snn.support.SnnException;

/**
 * The board's signature, rollback and provisioning rules (docs/device-spec.md section 15), the same
 * as the C firmware's (snn_board.c). Pure functions of the journal state and the bytes in question.
 */
public final class TrustRules {
    private TrustRules() {
    }

    /** What the board knows about a model it holds: its security version and the key id that signed it. */
    record ModelTrust(int securityVersion, byte[] keyId) {
        static final ModelTrust NONE = new ModelTrust(0, null);
    }

    /** Header facts of an image; NONE when it does not parse (e.g. a test's raw bytes). */
    static ModelTrust of(byte[] image) {
        if (image == null) {
            return ModelTrust.NONE;
        }
        try {
            DeviceImage m = ImageParser.parse(image, "active model");
            return new ModelTrust(m.securityVersion, m.signature == null ? null : m.signature.keyId());
        } catch (SnnException e) {
            return ModelTrust.NONE;
        }
    }

    /**
     * Commit rule of a provisioned board: the image parses, is signed, by a trusted key (key id and
     * signature), and its security_version is not below the active model's. Null when it may commit.
     */
    static ImageValidator.Result checkImage(byte[] image, byte[][] trusted, ModelTrust active, boolean hasActive) {
        DeviceImage m;
        try {
            m = ImageParser.parse(image, "upload");
        } catch (SnnException e) {
            return new ImageValidator.Result(ErrorCode.BAD_IMAGE, e.getMessage());
        }
        if (m.signature == null) {
            return new ImageValidator.Result(ErrorCode.UNTRUSTED, "unsigned image: this board is provisioned ("
                    + trusted.length + " trusted key(s): " + ids(trusted) + ") and commits only signed images");
        }
        byte[] message = ImageWriter.signedMessage(image);
        boolean known = false;
        for (byte[] key : trusted) {
            if (Arrays.equals(Ed25519.keyId(key), m.signature.keyId())) {
                known = true;
                if (Ed25519.verify(key, message, m.signature.signature())) {
                    if (hasActive && Integer.compareUnsigned(m.securityVersion, active.securityVersion()) < 0) {
                        return new ImageValidator.Result(ErrorCode.ROLLBACK, "image security_version "
                                + Integer.toUnsignedString(m.securityVersion) + " is lower than the active model's "
                                + Integer.toUnsignedString(active.securityVersion()));
                    }
                    return null;
                }
            }
        }
        String who = "key id " + Ed25519.hex(m.signature.keyId());
        return new ImageValidator.Result(ErrorCode.UNTRUSTED, known
                ? "bad signature: the image's signature does not verify with trusted " + who
                : "image signed by " + who + ", which is not trusted (trusted: " + ids(trusted) + ")");
    }

    /**
     * A Trust request under the provisioning rule: 1..4 distinct 32-byte keys;
     * unsigned only on an unprovisioned board; otherwise signed by a currently trusted key over
     * {@link TrustMessage} with the current generation. Null when it is accepted.
     */
    static String checkTrust(JournalState s, Trust t) {
        List<byte[]> keys = new ArrayList<>();
        for (var k : t.getKeysList()) {
            keys.add(k.toByteArray());
        }
        if (keys.isEmpty() || keys.size() > TrustMessage.MAX_KEYS) {
            return "a trust store holds 1..4 keys, the request has " + keys.size();
        }
        for (int i = 0; i < keys.size(); i++) {
            byte[] k = keys.get(i);
            if (k.length != Ed25519.KEY_BYTES) { // not checked to be a curve point, as in the C firmware
                return "key " + i + " has " + k.length + " bytes, expected 32 (a raw Ed25519 public key)";
            }
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(k, keys.get(j))) {
                    return "key " + i + " repeats key " + j;
                }
            }
        }
        byte[] sig = t.getSignature().toByteArray();
        if (!s.provisioned()) {
            return sig.length == 0 ? null : "unprovisioned board: the first trust store is sent unsigned";
        }
        if (sig.length != Ed25519.SIGNATURE_BYTES) {
            return "this board is provisioned (generation " + s.trustGeneration() + ", keys " + ids(s.trustKeys())
                    + "): a new trust store must be signed by one of its keys (signature of " + sig.length + " bytes)";
        }
        byte[] message = TrustMessage.of(s.trustGeneration(), keys);
        for (byte[] key : s.trustKeys()) {
            if (Ed25519.verify(key, message, sig)) {
                return null;
            }
        }
        return "the new trust store's signature does not verify with any trusted key (" + ids(s.trustKeys())
                + ") over generation " + s.trustGeneration();
    }

    public static String ids(byte[][] keys) {
        StringBuilder b = new StringBuilder();
        for (byte[] k : keys) {
            b.append(b.length() == 0 ? "" : ", ").append(Ed25519.hex(Ed25519.keyId(k)));
        }
        return b.length() == 0 ? "none" : b.toString();
    }
}
