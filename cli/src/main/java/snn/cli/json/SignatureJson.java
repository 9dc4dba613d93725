package snn.cli.json;

/**
 * An image's signature facts (docs/device-spec.md section 15), as verify and device eval report them:
 * {@code keyId} is null when unsigned; {@code signatureVerified} is null unless a --key names the signer.
 */
public record SignatureJson(boolean signed, String keyId, long securityVersion, Boolean signatureVerified) {
    /** One line: "signed by key id X (Ed25519, signature verified), security version N" or "unsigned, ...". */
    public String line() {
        String v = signatureVerified == null ? "" : signatureVerified ? ", signature verified" : ", SIGNATURE DOES NOT VERIFY";
        return (signed ? "signed by key id " + keyId + " (Ed25519" + v + ")" : "unsigned") + ", security version " + securityVersion;
    }
}
