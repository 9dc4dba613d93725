package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.protocol.image.ImageWriter;
import snn.core.RandomNetworks;
import snn.sim.image.ImageNetworks;
import snn.core.DeviceNetwork;
import snn.sim.verify.Verifier;
import snn.support.Json;

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
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(err, true));
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        int code;
        try {
            code = cl.execute("bench", "verify", img.toString(), "--warmup", "50", "--threads", "2", "--json", "-q");
        } finally {
            System.setOut(old);
        }
        assertEquals(0, code, err.toString());
        Map<String, Object> j = Json.parseObject(out.toString());
        assertEquals(10000.0, j.get("images"));
        assertEquals(50.0, j.get("warmup_images"));
        assertTrue((Double) j.get("images_per_second") > 0);
        // the timed pass is an ordinary verify pass: same accuracy as the library computes
        snn.data.Dataset.Split test = snn.data.DatasetResolver.standard(snn.data.FetchLog.silent()).load("mnist", null).test();
        double want = Verifier.pass("check", ImageNetworks.parse(image, "bench.img"), test.pixels(), test.labels(),
                test.count(), 1, false, true).accuracy();
        assertEquals(want, (Double) j.get("accuracy"));
    }
}
