package snn.protocol.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageFormat;
import snn.protocol.image.ImageParser;
import snn.protocol.image.ImageWriter;
import snn.support.Sha256;
import snn.support.SnnException;

/** The SIGNATURE section, security_version and key files exactly as docs/device-spec.md section 15 draws them. */
class ImageSigningTest {
    static final KeyPair KEY = Ed25519.fromSeed(new byte[32]);

    static DeviceImage tiny() {
        DeviceImage m = new DeviceImage();
        m.inputs = 3;
        m.neurons = 2;
        m.classes = 2;
        m.weightBits = 4;
        m.weights = new int[] {1, 2, 3, 4, 5, 6};
        m.threshold = new int[] {100, 100};
        m.inhibition = new int[] {0, 0};
        m.vFloor = new int[] {0, 0};
        m.labels = new int[] {0, 1};
        m.steps = 4;
        m.leakExcQ16 = 100;
        m.leakInhQ16 = 100;
        m.intensity = 1;
        m.intensityMax = 1;
        m.rateQ16 = new int[256];
        DeviceImage.SelfTest s = new DeviceImage.SelfTest();
        s.pixels = new byte[3];
        s.expectedLabel = 255;
        s.expectedPresentations = 1;
        s.expectedSteps = 4;
        s.expectedCounts = new int[2];
        m.selfTest = s;
        return m;
    }

    @Test
    void signedImageLayoutMessageAndKeyId() {
        DeviceImage m = tiny();
        m.securityVersion = 0xFFFFFFF0; // a u32 above 2^31
        byte[] unsigned = ImageWriter.write(m);
        byte[] img = ImageWriter.write(m, Ed25519.signer(KEY.getPrivate()));
        assertEquals(unsigned.length + ImageFormat.SECTION_ENTRY_BYTES + ImageFormat.SIGNATURE_BYTES, img.length); // 92 bytes
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, img[ImageFormat.H_FLAGS]);
        assertEquals(0, unsigned[ImageFormat.H_FLAGS]);
        assertEquals(0xFFFFFFF0, b.getInt(ImageFormat.H_SECURITY_VERSION));
        assertEquals(6, img[ImageFormat.H_SECTION_COUNT]);
        int last = ImageFormat.HEADER_FIXED_BYTES + 5 * ImageFormat.SECTION_ENTRY_BYTES;
        assertEquals(ImageFormat.SEC_SIGNATURE, b.getInt(last));
        int sig = img.length - 32 - ImageFormat.SIGNATURE_BYTES;
        assertEquals(sig, b.getInt(last + 4));
        assertEquals(76, b.getInt(last + 8));
        assertEquals(1, b.getInt(sig));
        byte[] raw = Ed25519.raw(KEY.getPublic());
        byte[] id = Arrays.copyOf(Sha256.of(raw), 8);
        assertArrayEquals(id, Arrays.copyOfRange(img, sig + 4, sig + 12));
        // the signed message is the SHA-256 of everything before the 64 signature bytes
        byte[] message = Sha256.of(img, 0, img.length - 96);
        assertArrayEquals(message, ImageWriter.signedMessage(img));
        assertTrue(Ed25519.verify(raw, message, Arrays.copyOfRange(img, img.length - 96, img.length - 32)));
        assertArrayEquals(Sha256.of(img, 0, img.length - 32), Arrays.copyOfRange(img, img.length - 32, img.length));
        DeviceImage p = ImageParser.parse(img, "t.img");
        assertEquals(0xFFFFFFF0, p.securityVersion);
        assertArrayEquals(id, p.signature.keyId());
        assertNull(ImageParser.parse(unsigned, "u.img").signature);
    }

    private static byte[] retrailer(byte[] img) {
        System.arraycopy(Sha256.of(img, 0, img.length - 32), 0, img, img.length - 32, 32);
        return img;
    }

    @Test
    void parserRefusesInconsistentSignatureSections() {
        byte[] img = ImageWriter.write(tiny(), Ed25519.signer(KEY.getPrivate()));
        byte[] noFlag = img.clone();
        noFlag[ImageFormat.H_FLAGS] = 0;
        assertTrue(assertThrows(SnnException.class, () -> ImageParser.parse(retrailer(noFlag), "x")).getMessage()
                .contains("field flags at byte 19 is 0, expected 1"));
        byte[] otherFlag = ImageWriter.write(tiny());
        otherFlag[ImageFormat.H_FLAGS] = 2;
        assertThrows(SnnException.class, () -> ImageParser.parse(retrailer(otherFlag), "x"));
        byte[] reserved = ImageWriter.write(tiny());
        reserved[ImageFormat.H_RESERVED] = 1;
        assertTrue(assertThrows(SnnException.class, () -> ImageParser.parse(retrailer(reserved), "x")).getMessage()
                .contains("field header.reserved at byte 28"));
        byte[] alg = img.clone();
        alg[img.length - 32 - 76] = 2;
        assertTrue(assertThrows(SnnException.class, () -> ImageParser.parse(retrailer(alg), "x")).getMessage()
                .contains("SIGNATURE.algorithm"));
        byte[] shortLen = img.clone();
        ByteBuffer.wrap(shortLen).order(ByteOrder.LITTLE_ENDIAN).putInt(32 + 5 * 16 + 8, 40);
        assertThrows(SnnException.class, () -> ImageParser.parse(retrailer(shortLen), "x"));
    }

    @Test
    void keyFilesArePemThatRoundTrip(@TempDir Path dir) throws Exception {
        Path priv = dir.resolve("k.key");
        Path pub = dir.resolve("k.pub");
        Files.writeString(priv, Ed25519.privatePem(KEY.getPrivate()));
        Files.writeString(pub, Ed25519.publicPem(KEY.getPublic()));
        assertTrue(Files.readString(priv).startsWith("-----BEGIN PRIVATE KEY-----\n"));
        assertTrue(Files.readString(pub).startsWith("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA"), "SPKI of OID 1.3.101.112");
        assertArrayEquals(Ed25519.raw(KEY.getPublic()), Ed25519.readPublic(pub));
        assertArrayEquals(Ed25519.raw(KEY.getPublic()), Ed25519.publicOf(Ed25519.readPrivate(priv)));
        SnnException e = assertThrows(SnnException.class, () -> Ed25519.readPublic(priv));
        assertTrue(e.getMessage().contains("this is a private key"), e.getMessage());
    }
}
