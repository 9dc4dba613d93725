package snn.protocol.sign;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import snn.support.Sha256;
import snn.support.SnnException;

/**
 * Ed25519 (RFC 8032) through the JDK's own EdDSA provider; no curve arithmetic here. Key files are
 * PEM, the formats OpenSSL reads and writes ({@code openssl pkey -in KEY -pubout}): the private key
 * as PKCS#8 ("PRIVATE KEY"), the public key as X.509 SubjectPublicKeyInfo ("PUBLIC KEY"), whose DER
 * is a fixed 12-byte prefix and the raw 32-byte key. A key's id is the first 8 bytes of the SHA-256
 * of its raw 32 bytes (docs/device-spec.md section 15.1).
 */
public final class Ed25519 {
    private Ed25519() {
    }

    public static final int KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    public static final int KEY_ID_BYTES = 8;
    /** DER of SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112) up to the raw key. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    /**
     * The key pair of a given 32-byte private seed (RFC 8032 section 5.1.5): for tests and the RFC's
     * test vectors, which name keys by their seed. The JDK's generator draws exactly the seed's 32 bytes.
     */
    public static KeyPair fromSeed(byte[] seed) {
        if (seed.length != KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, got " + seed.length);
        }
        java.security.SecureRandom fixed = new java.security.SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
            }
        };
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
            g.initialize(java.security.spec.NamedParameterSpec.ED25519, fixed);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    /** The raw 32-byte public key (RFC 8032 encoding). */
    public static byte[] raw(PublicKey key) {
        byte[] der = key.getEncoded();
        if (der.length != SPKI_PREFIX.length + KEY_BYTES
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an Ed25519 public key (" + key.getAlgorithm() + ")");
        }
        return Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
    }

    public static PublicKey fromRaw(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] der = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /**
     * The raw public key of a private key: the JDK's generator run on the key's own 32-byte seed (RFC
     * 8032 derives the public key from the seed alone), then checked by signing and verifying a probe.
     */
    public static byte[] publicOf(PrivateKey key) {
        if (!(key instanceof java.security.interfaces.EdECPrivateKey ed) || ed.getBytes().isEmpty()) {
            throw new IllegalArgumentException("not an Ed25519 private key (" + key.getAlgorithm() + ")");
        }
        byte[] raw = raw(fromSeed(ed.getBytes().get()).getPublic());
        byte[] probe = "snn public key probe".getBytes(StandardCharsets.US_ASCII);
        if (!verify(raw, probe, sign(key, probe))) {
            throw new IllegalStateException("could not derive the public key of an Ed25519 private key");
        }
        return raw;
    }

    /** An image signer (key id + signature) for a private key. */
    public static snn.protocol.image.ImageWriter.Signer signer(PrivateKey key) {
        byte[] id = keyId(publicOf(key));
        return new snn.protocol.image.ImageWriter.Signer() {
            @Override
            public byte[] keyId() {
                return id.clone();
            }

            @Override
            public byte[] sign(byte[] message) {
                return Ed25519.sign(key, message);
            }
        };
    }

    /** First 8 bytes of SHA-256(raw 32-byte public key). */
    public static byte[] keyId(byte[] rawPublicKey) {
        return Arrays.copyOf(Sha256.digest(rawPublicKey), KEY_ID_BYTES);
    }

    public static String hex(byte[] b) {
        return Sha256.hex(b);
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    /** True when signature is a valid Ed25519 signature of message by rawPublicKey; false for any malformed input. */
    public static boolean verify(byte[] rawPublicKey, byte[] message, byte[] signature) {
        if (rawPublicKey.length != KEY_BYTES || signature.length != SIGNATURE_BYTES) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(fromRaw(rawPublicKey));
            s.update(message);
            return s.verify(signature);
        } catch (SignatureException | InvalidKeyException | IllegalArgumentException e) {
            return false; // e.g. a public key that is not a curve point
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no Ed25519", e);
        }
    }

    public static String privatePem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    public static String publicPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public static PrivateKey readPrivate(Path file) {
        byte[] der = readPem(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw SnnException.badInput(file + ": not an Ed25519 private key (PKCS#8): " + e.getMessage());
        }
    }

    /** The raw 32-byte public key in a PEM "PUBLIC KEY" file. */
    public static byte[] readPublic(Path file) {
        byte[] der = readPem(file, "PUBLIC KEY");
        if (der.length != SPKI_PREFIX.length + KEY_BYTES
                || !Arrays.equals(der, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw SnnException.badInput(file + ": not an Ed25519 public key (expected a 44-byte SubjectPublicKeyInfo "
                    + "with OID 1.3.101.112, got " + der.length + " bytes)");
        }
        byte[] raw = Arrays.copyOfRange(der, SPKI_PREFIX.length, der.length);
        try {
            fromRaw(raw);
        } catch (IllegalArgumentException e) {
            throw SnnException.badInput(file + ": " + e.getMessage());
        }
        return raw;
    }

    private static byte[] readPem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw SnnException.badInput(file + ": cannot read key file: " + e.getMessage());
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int a = text.indexOf(begin);
        int b = text.indexOf(end);
        if (a < 0 || b < a) {
            throw SnnException.badInput(file + ": expected a PEM block '" + begin + "'"
                    + (text.contains("PRIVATE KEY") && type.equals("PUBLIC KEY") ? " (this is a private key; give the .pub file)" : ""));
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(a + begin.length(), b));
        } catch (IllegalArgumentException e) {
            throw SnnException.badInput(file + ": bad base64 in the PEM block: " + e.getMessage());
        }
    }
}
