package snn.sim.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.image.ImageWriter;
import snn.sim.golden.GoldenVectors;
import snn.core.RandomNetworks;
import snn.core.DeviceNetwork;

class ImageNetworksTest {
    @Test
    void imageRoundTripGivesTheSameNetworkAndAPassingSelfTest() {
        RandomNetworks.Case c = RandomNetworks.randomCase("rt", 99, 40, 17, 50);
        byte[] img = ImageWriter.write(ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed));
        DeviceImage parsed = ImageParser.parse(img, "rt.img");
        DeviceNetwork back = ImageNetworks.toNetwork(parsed);
        assertTrue(java.util.Arrays.equals(c.net.weights, back.weights));
        assertTrue(java.util.Arrays.equals(c.net.threshold, back.threshold));
        assertNull(ImageNetworks.runSelfTest(parsed));
    }

    @Test
    void aWrongExpectedAnswerFailsTheSelfTest() {
        RandomNetworks.Case c = RandomNetworks.randomCase("st", 5, 30, 9, 30);
        DeviceImage m = ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed);
        int j = c.net.neurons - 1;
        m.selfTest.expectedCounts[j] = m.selfTest.expectedCounts[j] == 0 ? 1 : m.selfTest.expectedCounts[j] - 1;
        m.selfTest.expectedTotalSpikes = java.util.Arrays.stream(m.selfTest.expectedCounts).sum();
        m.selfTest.expectedLabel = c.net.labels[0];
        String why = ImageNetworks.runSelfTest(ImageParser.parse(ImageWriter.write(m), "x.img"));
        assertNotNull(why);
        assertTrue(why.contains("self-test"), why);
    }

    @Test
    void goldenTracesAgreeWithTheirImages(@TempDir Path dir) throws Exception {
        List<RandomNetworks.Case> cases = GoldenVectors.standardCases(3, 4);
        cases.remove(cases.size() - 1); // the 784x400 case is slow to trace; the golden command writes it
        GoldenVectors.write(dir, cases);
        for (RandomNetworks.Case c : cases) {
            DeviceImage img = ImageParser.parse(Files.readAllBytes(dir.resolve(c.name + ".img")), c.name);
            ByteBuffer t = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(c.name + ".trace"))).order(ByteOrder.LITTLE_ENDIAN);
            assertEquals(GoldenVectors.TRACE_MAGIC, t.getInt(0));
            assertEquals(img.inputs, t.getInt(8));
            assertEquals(img.neurons, t.getInt(12));
            assertEquals(img.selfTest.imageSeed, t.getInt(16));
            assertEquals(img.selfTest.expectedSteps, t.getInt(20));
            assertEquals(img.selfTest.expectedPresentations, t.getInt(24));
            assertEquals(img.selfTest.expectedLabel, t.getInt(28));
            int n = img.neurons;
            int rec = 8 + 8 * n + 2 * ((n + 3) & ~3);
            int counts = 40 + ((img.inputs + 3) & ~3) + t.getInt(20) * rec;
            assertEquals(counts + 4 * n, t.capacity(), c.name + " trace length");
            for (int j = 0; j < n; j++) {
                assertEquals(img.selfTest.expectedCounts[j], t.getInt(counts + 4 * j));
            }
        }
        assertTrue(Files.readString(dir.resolve("index.txt")).contains("saturation"));
    }
}
