package snn.sim.golden;

import snn.core.RandomNetworks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageWriter;
import snn.sim.image.ImageNetworks;
import snn.core.LifLoop;
import snn.support.AtomicFiles;

/**
 * Cross-check vectors for other implementations of the device spec (docs/device-spec.md, "Golden
 * vectors"). Each case is a device image {@code NAME.img}, whose self-test holds the case's input,
 * seed and final answer, and a trace {@code NAME.trace} with every step's state:
 * <pre>
 * trace file, little-endian:
 *    0 u32 magic "SNNT" (bytes 53 4E 4E 54)    4 u32 version = 1
 *    8 u32 inputs       12 u32 neurons          16 u32 image_seed
 *   20 u32 records (steps over all presentations)   24 u32 presentations
 *   28 u32 label (255 = no spike)               32 u32 total_spikes (last presentation)   36 u32 reserved 0
 *   40 u8 pixels[inputs], zero padded to a multiple of 4
 *   then records x { u32 presentation, u32 t, i32 v[n], i32 v_inh[n],
 *                    u8 exc_spiked[n] padded to 4, u8 inh_spiked[n] padded to 4 }
 *   then u32 counts[n] (last presentation)
 * </pre>
 * State is recorded after step 4 of each time step. Thresholds are constant, so they are not traced.
 * {@code index.txt} lists one case per line: name, inputs, neurons, weight bits, records, label, description.
 */
public final class GoldenVectors {
    public static final int TRACE_MAGIC = 0x544E4E53;
    public static final int TRACE_VERSION = 1;

    private GoldenVectors() {
    }

    /** The standard set: random configurations, edge cases and one MNIST-shaped network. */
    public static List<RandomNetworks.Case> standardCases(long seed, int randomCount) {
        List<RandomNetworks.Case> cases = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < randomCount; k++) {
            cases.add(RandomNetworks.randomCase(String.format("random_%03d", k), r.nextLong(), 64, 24, 80));
        }
        cases.addAll(RandomNetworks.edgeCases(r.nextLong()));
        cases.add(mnistShaped(r.nextLong()));
        return cases;
    }

    /** 784 inputs, 400 neurons, 8-bit: the production shape, so row padding and sizes are exercised too. */
    static RandomNetworks.Case mnistShaped(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        RandomNetworks.Spec s = RandomNetworks.random(r, 1, 1, 1);
        s.inputs = 784;
        s.neurons = 400;
        s.bits = 8;
        s.steps = 60;
        s.vShift = 10;
        s.weights = new int[784 * 400];
        for (int k = 0; k < s.weights.length; k++) {
            s.weights[k] = r.nextInt(4) == 0 ? r.nextInt(256) : 0;
        }
        s.threshold = new int[400];
        s.inhibition = new int[400];
        s.vFloor = new int[400];
        s.labels = new int[400];
        s.classes = 10;
        for (int j = 0; j < 400; j++) {
            s.threshold[j] = (3000 + r.nextInt(3000)) << 10;
            s.inhibition[j] = 2000 << 10;
            s.vFloor[j] = -(6000 << 10);
            s.labels[j] = r.nextInt(10);
        }
        s.leakExc = 645;
        s.leakInh = 6237;
        s.refExc = 5;
        s.refInh = 2;
        s.thresholdInh = 20000;
        s.wExcToInh = 62000;
        for (int p = 0; p < 256; p++) {
            s.rate[p] = (int) Math.round(p / 255.0 * 31.875 / 1000.0 * 65536);
        }
        s.intensity = 2;
        s.intensityMax = 4;
        s.minSpikes = 5;
        s.decision = 0;
        byte[] px = new byte[784];
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                double d = Math.hypot(x - 14, y - 14);
                px[y * 28 + x] = (byte) (Math.abs(d - 8) < 2.5 ? 255 - (int) (Math.abs(d - 8) * 60) : 0);
            }
        }
        return new RandomNetworks.Case("mnist_shape", "784 x 400, 8-bit, a ring-shaped input", s.build(), 8, px, 7);
    }

    /** Writes every case into {@code dir}; returns the number of trace records written. */
    public static long write(Path dir, List<RandomNetworks.Case> cases) throws IOException {
        StringBuilder index = new StringBuilder("# name inputs neurons bits records label description\n");
        long records = 0;
        for (RandomNetworks.Case c : cases) {
            DeviceImage img = ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed);
            AtomicFiles.write(dir.resolve(c.name + ".img"), ImageWriter.write(img));
            byte[] trace = trace(c);
            AtomicFiles.write(dir.resolve(c.name + ".trace"), trace);
            int n = ByteBuffer.wrap(trace).order(ByteOrder.LITTLE_ENDIAN).getInt(20);
            records += n;
            index.append(c.name).append(' ').append(c.net.inputs).append(' ').append(c.net.neurons).append(' ')
                    .append(c.bits).append(' ').append(n).append(' ').append(img.selfTest.expectedLabel).append(' ')
                    .append(c.about).append('\n');
        }
        AtomicFiles.write(dir.resolve("index.txt"), index.toString().getBytes(StandardCharsets.UTF_8));
        return records;
    }

    /** The trace file of one case. */
    public static byte[] trace(RandomNetworks.Case c) {
        int n = c.net.neurons;
        int inputs = c.net.inputs;
        int recordBytes = 8 + 8 * n + 2 * align4(n);
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        ByteBuffer rec = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] count = new int[1];
        LifLoop.Result r = new LifLoop(c.net).run(c.pixels, 0, c.seed, (p, t, v, vInh, exc, inh) -> {
            rec.clear();
            java.util.Arrays.fill(rec.array(), (byte) 0);
            rec.putInt(p).putInt(t);
            for (int j = 0; j < n; j++) {
                rec.putInt(v[j]);
            }
            for (int j = 0; j < n; j++) {
                rec.putInt(vInh[j]);
            }
            int at = 8 + 8 * n;
            for (int j = 0; j < n; j++) {
                rec.put(at + j, (byte) (exc[j] ? 1 : 0));
                rec.put(at + align4(n) + j, (byte) (inh[j] ? 1 : 0));
            }
            body.write(rec.array(), 0, recordBytes);
            count[0]++;
        });
        ByteBuffer head = ByteBuffer.allocate(40 + align4(inputs)).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(TRACE_MAGIC).putInt(TRACE_VERSION).putInt(inputs).putInt(n).putInt(c.seed).putInt(count[0])
                .putInt(r.presentations).putInt(r.label).putInt(r.totalSpikes).putInt(0);
        head.put(c.pixels);
        ByteBuffer tail = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < n; j++) {
            tail.putInt(r.counts[j]);
        }
        byte[] out = new byte[head.capacity() + body.size() + tail.capacity()];
        System.arraycopy(head.array(), 0, out, 0, head.capacity());
        System.arraycopy(body.toByteArray(), 0, out, head.capacity(), body.size());
        System.arraycopy(tail.array(), 0, out, head.capacity() + body.size(), tail.capacity());
        return out;
    }

    static int align4(int x) {
        return (x + 3) & ~3;
    }
}
