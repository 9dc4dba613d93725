package snn.protocol.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import snn.support.SnnException;

class ImageFormatTest {

    static DeviceImage random(SplittableRandom r, int inputs, int neurons, int bits) {
        DeviceImage m = new DeviceImage();
        m.inputs = inputs;
        m.neurons = neurons;
        m.classes = 1 + r.nextInt(10);
        m.weightBits = bits;
        m.weights = new int[inputs * neurons];
        for (int k = 0; k < m.weights.length; k++) {
            m.weights[k] = r.nextInt(1 << bits);
        }
        m.threshold = new int[neurons];
        m.inhibition = new int[neurons];
        m.vFloor = new int[neurons];
        m.labels = new int[neurons];
        m.scaleQ16 = r.nextBoolean() ? new int[neurons] : null;
        for (int j = 0; j < neurons; j++) {
            m.threshold[j] = r.nextInt(Integer.MAX_VALUE);
            m.inhibition[j] = r.nextInt(Integer.MAX_VALUE);
            m.vFloor[j] = -r.nextInt(Integer.MAX_VALUE);
            m.labels[j] = r.nextInt(m.classes);
            if (m.scaleQ16 != null) {
                m.scaleQ16[j] = r.nextInt();
            }
        }
        m.steps = 1 + r.nextInt(65535);
        m.leakExcQ16 = r.nextInt(65537);
        m.leakInhQ16 = r.nextInt(65537);
        m.refractoryExc = r.nextInt(256);
        m.refractoryInh = r.nextInt(256);
        m.vShift = r.nextInt(17);
        m.decision = r.nextInt(2);
        m.wExcToInh = r.nextInt(ImageFormat.MAX_INH_PARAM + 1);
        m.thresholdInh = r.nextInt(ImageFormat.MAX_INH_PARAM + 1);
        m.intensityMax = 1 + r.nextInt(255);
        m.intensity = 1 + r.nextInt(m.intensityMax);
        m.minSpikes = r.nextInt(Integer.MAX_VALUE);
        m.rateQ16 = new int[256];
        for (int p = 0; p < 256; p++) {
            m.rateQ16[p] = r.nextInt(65536);
        }
        DeviceImage.SelfTest s = new DeviceImage.SelfTest();
        s.imageSeed = r.nextInt();
        s.pixels = new byte[inputs];
        r.nextBytes(s.pixels);
        s.expectedCounts = new int[neurons];
        for (int j = 0; j < neurons; j++) {
            s.expectedCounts[j] = r.nextInt(Math.min(m.steps, 1000) + 1);
            s.expectedTotalSpikes += s.expectedCounts[j];
        }
        s.expectedLabel = r.nextInt(4) == 0 ? 255 : r.nextInt(m.classes);
        s.expectedPresentations = 1 + r.nextInt(m.intensityMax - m.intensity + 1);
        s.expectedSteps = s.expectedPresentations * m.steps;
        m.selfTest = s;
        return m;
    }

    static void assertSameContent(DeviceImage a, DeviceImage b) {
        assertEquals(a.inputs, b.inputs);
        assertEquals(a.neurons, b.neurons);
        assertEquals(a.classes, b.classes);
        assertEquals(a.weightBits, b.weightBits);
        assertArrayEquals(a.weights, b.weights);
        assertArrayEquals(a.threshold, b.threshold);
        assertArrayEquals(a.inhibition, b.inhibition);
        assertArrayEquals(a.vFloor, b.vFloor);
        assertArrayEquals(a.labels, b.labels);
        assertArrayEquals(a.scaleQ16, b.scaleQ16);
        assertArrayEquals(a.rateQ16, b.rateQ16);
        assertEquals(a.steps, b.steps);
        assertEquals(a.leakExcQ16, b.leakExcQ16);
        assertEquals(a.leakInhQ16, b.leakInhQ16);
        assertEquals(a.refractoryExc, b.refractoryExc);
        assertEquals(a.refractoryInh, b.refractoryInh);
        assertEquals(a.vShift, b.vShift);
        assertEquals(a.decision, b.decision);
        assertEquals(a.wExcToInh, b.wExcToInh);
        assertEquals(a.thresholdInh, b.thresholdInh);
        assertEquals(a.intensity, b.intensity);
        assertEquals(a.intensityMax, b.intensityMax);
        assertEquals(a.minSpikes, b.minSpikes);
        assertEquals(a.selfTest.imageSeed, b.selfTest.imageSeed);
        assertArrayEquals(a.selfTest.pixels, b.selfTest.pixels);
        assertArrayEquals(a.selfTest.expectedCounts, b.selfTest.expectedCounts);
        assertEquals(a.selfTest.expectedLabel, b.selfTest.expectedLabel);
        assertEquals(a.selfTest.expectedPresentations, b.selfTest.expectedPresentations);
        assertEquals(a.selfTest.expectedSteps, b.selfTest.expectedSteps);
        assertEquals(a.selfTest.expectedTotalSpikes, b.selfTest.expectedTotalSpikes);
    }

    @Test
    void roundTripsEveryFieldAtEveryBitWidthAndOddShape() {
        SplittableRandom r = new SplittableRandom(42);
        for (int k = 0; k < 60; k++) {
            int bits = new int[] {2, 4, 8}[k % 3];
            DeviceImage m = random(r, 1 + r.nextInt(50), 1 + r.nextInt(40), bits);
            byte[] img = ImageWriter.write(m);
            assertEquals(ImageWriter.imageBytes(m.inputs, m.neurons, bits, m.scaleQ16 != null), img.length);
            assertEquals(0, img.length % 4, "image length is a multiple of 4");
            assertSameContent(m, ImageParser.parse(img, "mem"));
            assertArrayEquals(img, ImageWriter.write(ImageParser.parse(img, "mem")), "writing is deterministic");
        }
    }

    @Test
    void weightsArePackedLsbFirstInPaddedRows() {
        DeviceImage m = random(new SplittableRandom(1), 2, 5, 4);
        m.weights = new int[] {1, 2, 3, 4, 5, 15, 14, 13, 12, 11};
        byte[] img = ImageWriter.write(m);
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        int w = -1;
        for (int k = 0; k < img[ImageFormat.H_SECTION_COUNT]; k++) {
            int e = ImageFormat.HEADER_FIXED_BYTES + 16 * k;
            if (b.getInt(e) == ImageFormat.SEC_WEIGHTS) {
                w = b.getInt(e + 4);
            }
        }
        assertEquals(4, b.getInt(ImageFormat.H_WEIGHT_ROW_BYTES));
        assertEquals(0x00054321, b.getInt(w), "row 0 as a little-endian word");
        assertEquals(0x000BCDEF, b.getInt(w + 4), "row 1 starts on the next word");
    }

    static byte[] valid() {
        return ImageWriter.write(random(new SplittableRandom(9), 20, 7, 4));
    }

    /** Rewrites the SHA-256 trailer so that only the intended defect remains. */
    static byte[] resign(byte[] img) {
        byte[] sha = ImageWriter.sha256(img, 0, img.length - 32);
        System.arraycopy(sha, 0, img, img.length - 32, 32);
        return img;
    }

    static String rejected(byte[] img) {
        SnnException e = assertThrows(SnnException.class, () -> ImageParser.parse(img, "bad.img"));
        assertEquals(SnnException.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("bad.img: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void rejectsBadMagic() {
        byte[] img = valid();
        img[0] = 'X';
        assertTrue(rejected(resign(img)).contains("field magic at byte 0"));
    }

    @Test
    void rejectsTruncatedImages() {
        byte[] img = valid();
        for (int cut : new int[] {1, 32, img.length / 2}) {
            String msg = rejected(java.util.Arrays.copyOf(img, img.length - cut));
            assertTrue(msg.contains("truncated"), msg);
        }
        assertTrue(rejected(new byte[10]).contains("truncated"));
        assertTrue(rejected(java.util.Arrays.copyOf(img, img.length + 4)).contains("trailing"));
    }

    @Test
    void rejectsShaMismatch() {
        byte[] img = valid();
        img[img.length / 2] ^= 0x10;
        String msg = rejected(img);
        assertTrue(msg.contains("sha256") && msg.contains("corrupt"), msg);
    }

    @Test
    void rejectsUnknownVersions() {
        byte[] img = valid();
        img[ImageFormat.H_FORMAT_VERSION] = 2;
        assertTrue(rejected(resign(img)).contains("format_version at byte 4 is 2, expected 1 (unknown version)"));
        img = valid();
        img[ImageFormat.H_SPEC_VERSION] = 7;
        assertTrue(rejected(resign(img)).contains("spec_version at byte 6 is 7"));
    }

    @Test
    void rejectsFieldsOutOfRangeNamingTheOffset() {
        byte[] img = valid();
        img[ImageFormat.H_WEIGHT_BITS] = 3;
        assertTrue(rejected(resign(img)).contains("weight_bits at byte 17 is 3"));
        // v_shift 17 inside PARAMS, which the writer puts first after the header
        img = valid();
        int params = ImageFormat.HEADER_FIXED_BYTES + 16 * img[ImageFormat.H_SECTION_COUNT];
        img[params + ImageFormat.P_V_SHIFT] = 17;
        assertTrue(rejected(resign(img)).contains("v_shift at byte " + (params + ImageFormat.P_V_SHIFT) + " is 17, expected 0..16"));
        // weight_max must agree with weight_bits (the C parser checks it too)
        img = valid();
        img[params + ImageFormat.P_WEIGHT_MAX] ^= 1;
        String msg = rejected(resign(img));
        assertTrue(msg.contains("weight_max at byte " + (params + ImageFormat.P_WEIGHT_MAX)) && msg.contains("2^weight_bits - 1"), msg);
    }

    @Test
    void writerRefusesValuesTooWideForTheirField() {
        DeviceImage m = random(new SplittableRandom(3), 5, 3, 8);
        m.steps = 70000;
        SnnException e = assertThrows(SnnException.class, () -> ImageWriter.write(m));
        assertTrue(e.getMessage().contains("steps"), e.getMessage());
        DeviceImage m2 = random(new SplittableRandom(3), 5, 3, 2);
        m2.weights[4] = 4;
        e = assertThrows(SnnException.class, () -> ImageWriter.write(m2));
        assertTrue(e.getMessage().contains("weight[1][1]"), e.getMessage());
    }
}
