package snn.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.data.Dataset;
import snn.trainer.TrainData;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;
import snn.support.Json;

/** {@code snn bench}: figures of speed, measured on real images. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Measure speed on real data.",
        subcommands = {BenchCommand.Train.class, BenchCommand.Verify.class})
public final class BenchCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** {@code snn bench train}: training images per second of the default network. */
    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Train the default network on real images for a fixed count and print images/s.")
    static final class Train implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        DatasetOptions data;

        @Option(names = "--images", description = "Timed training images (default: ${DEFAULT-VALUE}).")
        int images = 5000;

        @Option(names = "--warmup", description = "Untimed images first, for the JIT (default: ${DEFAULT-VALUE}).")
        int warmup = 1000;

        @Option(names = "--neurons", description = "Excitatory neurons (default: ${DEFAULT-VALUE}).")
        int neurons = 400;

        @Override
        public Integer call() throws Exception {
            Dataset ds = data.load(common);
            TrainData td = TrainData.of(ds);
            if (images + warmup > td.trainCount() || images < 1 || warmup < 0) {
                throw snn.support.SnnException.badInput("--images " + images + " + --warmup " + warmup
                        + " must be positive and at most the " + td.trainCount() + " training images");
            }
            TrainParams p = new TrainParams();
            p.neurons = neurons;
            if (warmup > 0) {
                run(p, td, warmup);
            }
            Trainer.Result r = run(p, td, images);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("benchmark", "train");
            j.put("dataset", ds.name());
            j.put("neurons", p.neurons);
            j.put("norm", p.norm.name().toLowerCase(Locale.ROOT));
            j.put("presentation_ms", p.presentationMs);
            j.put("dt_ms", p.dtMs);
            j.put("images", images);
            j.put("warmup_images", warmup);
            j.put("seconds", r.trainSeconds());
            j.put("images_per_second", r.imagesPerSecond());
            j.put("simulated_ms_per_second", r.imagesPerSecond() * p.presentationMs);
            j.put("cores", Runtime.getRuntime().availableProcessors());
            if (common.json) {
                System.out.println(Json.pretty(j));
            } else {
                System.out.printf(Locale.ROOT, "train: %.0f images/s (%d neurons, %.0f ms per image, %d images in %.2f s)%n",
                        r.imagesPerSecond(), p.neurons, p.presentationMs, images, r.trainSeconds());
            }
            return 0;
        }

        private Trainer.Result run(TrainParams p, TrainData td, int count) {
            Trainer t = new Trainer(p);
            t.trainImages = count;
            t.testImages = 0;
            t.labelImages = 1;
            t.curvePoints = 0;
            t.quiet = common.quiet;
            return t.train(td);
        }
    }

    /** {@code snn bench verify}: the emulator's steady-state speed on a device image. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Run the device loop over the test set after a JIT warm-up and print images/s.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Mixin
        DatasetOptions data;

        @picocli.CommandLine.Parameters(paramLabel = "IMAGE", description = "Device image (snn quantize --out).")
        java.nio.file.Path image;

        @Option(names = "--warmup", description = "Untimed images first, for the JIT (default: ${DEFAULT-VALUE}).")
        int warmup = 2000;

        @Option(names = "--threads", description = "Threads (default: all cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(image)) {
                throw snn.support.SnnException.badInput(image + ": no such file");
            }
            snn.core.DeviceNetwork net = snn.sim.image.ImageNetworks.parse(java.nio.file.Files.readAllBytes(image),
                    image.toString());
            Dataset.Split test = data.load(common).test();
            if (warmup < 0 || warmup > test.count() || threads < 1) {
                throw snn.support.SnnException.badInput("--warmup " + warmup + " must be within 0.." + test.count()
                        + " and --threads " + threads + " at least 1");
            }
            if (warmup > 0) {
                snn.sim.verify.Verifier.pass("warm-up", net, test.pixels(), test.labels(), warmup, threads, false, true);
            }
            snn.sim.verify.Verifier.Pass p = snn.sim.verify.Verifier.pass("device", net, test.pixels(), test.labels(),
                    test.count(), threads, false, common.quiet);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("benchmark", "verify");
            j.put("image", image.toString());
            j.put("neurons", net.neurons);
            j.put("weight_max", net.weightMax);
            j.put("images", test.count());
            j.put("warmup_images", warmup);
            j.put("threads", threads);
            j.put("seconds", p.seconds);
            j.put("images_per_second", test.count() / p.seconds);
            j.put("accuracy", p.accuracy());
            j.put("steps_per_image", (double) p.steps / test.count());
            j.put("synaptic_events_per_image", (double) p.synapticEvents / test.count());
            if (common.json) {
                System.out.println(Json.pretty(j));
            } else {
                System.out.printf(Locale.ROOT, "verify: %.0f images/s (%d threads, %d images in %.2f s, accuracy %.2f%%)%n",
                        test.count() / p.seconds, threads, test.count(), p.seconds, p.accuracy() * 100);
            }
            return 0;
        }
    }
}
