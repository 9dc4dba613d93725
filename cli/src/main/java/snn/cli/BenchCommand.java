package snn.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.cli.json.BenchJson;
import snn.data.Dataset;
import snn.support.Json;
import snn.trainer.TrainData;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;

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

        @Option(names = "--images", paramLabel = "N", description = "Timed training images.")
        int images = 5000;

        @Option(names = "--warmup", paramLabel = "N", description = "Untimed images first, for the JIT.")
        int warmup = 1000;

        @Option(names = "--neurons", paramLabel = "N", description = "Excitatory neurons.")
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
            BenchJson.Train j = new BenchJson.Train("train", ds.name(), p.neurons, p.norm.name().toLowerCase(Locale.ROOT),
                    p.presentationMs, p.dtMs, images, warmup, r.trainSeconds(), r.imagesPerSecond(),
                    r.imagesPerSecond() * p.presentationMs, Runtime.getRuntime().availableProcessors());
            if (common.json) {
                common.out().println(Json.pretty(j));
            } else {
                common.out().printf(Locale.ROOT, "train: %.0f images/s (%d neurons, %.0f ms per image, %d images in %.2f s)%n",
                        r.imagesPerSecond(), p.neurons, p.presentationMs, images, r.trainSeconds());
            }
            return 0;
        }

        private Trainer.Result run(TrainParams p, TrainData td, int count) {
            Trainer t = new Trainer(p);
            t.progress = common.err();
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

        @Option(names = "--warmup", paramLabel = "N", description = "Untimed images first, for the JIT.")
        int warmup = 2000;

        @Option(names = "--threads", paramLabel = "N", showDefaultValue = picocli.CommandLine.Help.Visibility.NEVER,
                description = "Threads (default: all cores).")
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
                snn.sim.verify.Verifier.pass("warm-up", net, test.pixels(), test.labels(), warmup, threads, false, null);
            }
            snn.sim.verify.Verifier.Pass p = snn.sim.verify.Verifier.pass("device", net, test.pixels(), test.labels(),
                    test.count(), threads, false, common.progress());
            BenchJson.Verify j = new BenchJson.Verify("verify", image.toString(), net.neurons, net.weightMax, test.count(),
                    warmup, threads, p.seconds, test.count() / p.seconds, p.accuracy(), (double) p.steps / test.count(),
                    (double) p.synapticEvents / test.count());
            if (common.json) {
                common.out().println(Json.pretty(j));
            } else {
                common.out().printf(Locale.ROOT, "verify: %.0f images/s (%d threads, %d images in %.2f s, accuracy %.2f%%)%n",
                        test.count() / p.seconds, threads, test.count(), p.seconds, p.accuracy() * 100);
            }
            return 0;
        }
    }
}
