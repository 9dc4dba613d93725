package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.cli.testing.Cli;
import snn.core.DeviceNetwork;
import snn.core.RandomNetworks;
import snn.protocol.image.ImageWriter;
import snn.sim.image.ImageNetworks;
import snn.sim.verify.Verifier;

/** {@code snn bench verify}: a full pass over real MNIST after a warm-up, with the pass's own accuracy. */
class BenchVerifyCommandTest {
    @TempDir
    Path tmp;

    @Test
    void benchVerifyTimesAFullPassAndReportsItsAccuracy() throws Exception {
        // a random 8-bit network with MNIST's 784 inputs
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        DeviceNetwork net = RandomNetworks.mnistShaped(5, 12);
        byte[] image = ImageWriter.write(ImageNetworks.toImage(net, 8, null, RandomNetworks.randomPixels(r, 784), 1));
        Path img = Files.write(tmp.resolve("bench.img"), image);
        Cli.Run run = Cli.run("bench", "verify", img.toString(), "--warmup", "50", "--threads", "2", "--json", "-q");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.leaked());
        Map<String, Object> j = run.json();
        assertEquals(10000.0, j.get("images"));
        assertEquals(50.0, j.get("warmup_images"));
        assertTrue((Double) j.get("images_per_second") > 0);
        // the timed pass is an ordinary verify pass: same accuracy as the library computes
        snn.data.Dataset.Split test = snn.data.DatasetResolver.standard(snn.data.FetchLog.silent()).load("mnist", null).test();
        double want = Verifier.pass("check", ImageNetworks.parse(image, "bench.img"), test.pixels(), test.labels(),
                test.count(), 1, false, null).accuracy();
        assertEquals(want, (Double) j.get("accuracy"));
    }
}
