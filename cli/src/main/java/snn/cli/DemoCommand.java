package snn.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.cli.json.DemoJson;
import snn.data.Dataset;
import snn.deploy.eval.DeviceEval;
import snn.deploy.link.Links;
import snn.deploy.profile.DeviceProfile;
import snn.deploy.profile.Profiles;
import snn.deploy.quant.ImageBuilder;
import snn.deploy.upload.BoardProgress;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.model.ModelNetwork;
import snn.protocol.model.TrainedModel;
import snn.sim.board.BoardProfile;
import snn.sim.board.FaultSpec;
import snn.sim.emulator.Emulator;
import snn.sim.image.ImageNetworks;
import snn.sim.verify.Verifier;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.Progress;
import snn.support.SnnException;
import snn.trainer.TrainData;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;

/**
 * {@code snn demo}: the whole promise in one command. Data, training, quantizing, flashing a board over a
 * real serial line (the built-in emulated board behind a pseudo-terminal, or {@code --port}), and
 * accuracy proven on the device: the full test set through the emulator, and a sample over the
 * serial link, where every answer must equal the emulator's.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Train, quantize, flash the emulated board over a serial line and prove on-device accuracy.")
public final class DemoCommand implements Callable<Integer> {
    static final Map<String, Double> PAPER_L2 = Map.of("mnist", 0.8884, "fashion-mnist", 0.6801);

    @Mixin
    CommonOptions common;

    @Mixin
    DatasetOptions data;

    @Option(names = "--quick", description = "A smaller run in under a minute: 100 neurons, 5,000 training images, 2,000 test images.")
    boolean quick;

    @Option(names = "--port", paramLabel = "PORT", description = "Flash and evaluate a real board on this serial port instead of the emulated one.")
    String port;

    @Mixin
    BaudOption line;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "mps2-an385", description = "Device profile to quantize for.")
    String profile;

    @Option(names = "--bits", paramLabel = "BITS", defaultValue = "8", description = "Weight bits of the image flashed; 4 is verified too.")
    int bits;

    @Option(names = "--sample", paramLabel = "N", description = "Test images sent over the serial link (default: 100, 20 with --quick).")
    Integer sample;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "run/demo", description = "Run folder for the model, images and report.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Training seed.")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (bits != 8 && bits != 4 && bits != 2) {
            throw SnnException.badInput("--bits " + bits + ": use 8, 4 or 2");
        }
        AtomicFiles.checkWritableDir("--out", out);
        DeviceProfile devProfile = Profiles.resolve(profile, null);
        PrintWriter log = common.err();
        int samples = sample != null ? sample : quick ? 20 : 100;

        step(1, "data");
        Dataset ds = data.load(common);
        TrainData td = TrainData.of(ds);
        int tests = quick ? Math.min(2000, td.testCount()) : td.testCount();
        if (samples < 1 || samples > tests) {
            throw SnnException.badInput("--sample " + samples + " must be within 1.." + tests);
        }
        say(String.format(Locale.ROOT, "%s: %d training / %d test images of %dx%d, %d classes (%s)", ds.name(),
                td.trainCount(), td.testCount(), td.rows(), td.cols(), td.classes(), ds.location()));

        step(2, "training");
        TrainParams p = new TrainParams();
        p.seed = seed;
        Trainer t = new Trainer(p);
        t.progress = common.err();
        if (quick) {
            p.neurons = 100;
            t.trainImages = Math.min(5000, td.trainCount());
            t.labelImages = Math.min(2000, t.trainImages);
        }
        t.resolveDefaults(td); // the dataset-derived defaults (docs/trainer.md); MNIST: today's values
        t.testImages = tests;
        t.quiet = common.quiet;
        t.log = common.quiet ? s -> { } : s -> log.println("  " + s);
        say(p.describe() + ", " + t.trainImages + " images");
        Trainer.Result tr = t.train(td);
        TrainedModel model = tr.model();
        Path modelFile = out.resolve("model.snn");
        snn.deploy.quant.ModelFiles.write(modelFile, model);
        double trainerAcc = model.getSummary().getTestAccuracyMaxNeuron();

        step(3, "quantizing for " + devProfile.name());
        byte[] selfTest = Arrays.copyOfRange(td.testPixels(), 0, td.inputs());
        Map<Integer, Double> deviceAcc = new LinkedHashMap<>();
        Map<Integer, byte[]> images = new LinkedHashMap<>();
        for (int b : bits == 4 ? new int[] {4, 8} : new int[] {bits, 4}) {
            ImageBuilder.Built built = ImageBuilder.build(model, b, devProfile, selfTest, 0);
            images.put(b, built.image);
            AtomicFiles.write(out.resolve("model-" + b + "bit.img"), built.image);
            Verifier.Report v = Verifier.run(ImageNetworks.parse(built.image, "model-" + b + "bit.img"),
                    ModelNetwork.fromModel(model), td.testPixels(), td.testLabels(), tests,
                    Runtime.getRuntime().availableProcessors(), false, common.progress());
            deviceAcc.put(b, v.device.accuracy());
            DemoJson.Verified vj = new DemoJson.Verified(b, v.device.accuracy(), v.trainer.accuracy(), tests,
                    built.image.length, built.flashBytes, built.ramBytes);
            AtomicFiles.write(out.resolve("verify-" + b + ".json"), (Json.pretty(vj) + "\n").getBytes(StandardCharsets.UTF_8));
            say(String.format(Locale.ROOT, "%d-bit: %d bytes, flash %d / RAM %d bytes; emulator %.2f%% vs trainer %.2f%% on %d test images",
                    b, built.image.length, built.flashBytes, built.ramBytes, v.device.accuracy() * 100,
                    v.trainer.accuracy() * 100, tests));
        }
        byte[] image = images.get(bits);

        step(4, "flashing over a serial line");
        String target = port;
        if (target == null) {
            target = startEmulatedBoard(Profiles.board(devProfile), log);
            say("emulated board '" + devProfile.name() + "' on " + target + " (pseudo-terminal, paced at " + line.baud + " baud)");
        }
        BoardProgress progress = new BoardProgress(common.err(), new String[] {target}, image.length, common.quiet);
        UploadResult up = new Uploader(Links.connector(target, line.baud), Uploader.Options.DEFAULT, null, progress.listener(0))
                .upload(image);
        progress.finish(0, String.format(Locale.ROOT, "done in %.1f s, %s%s", up.seconds(), up.speed(),
                up.encoding().equals("snz1") && !up.alreadyActive() ? String.format(Locale.ROOT,
                        ", SNZ1 stream %d bytes (%.3f of the image)", up.streamBytes(), (double) up.streamBytes() / up.bytes()) : ""));

        step(5, "accuracy on the device");
        DeviceEval.Result ev;
        try (DeviceClient c = new DeviceClient(Links.connector(target, line.baud).open(), null);
             Progress bar = new Progress(common.err(), "  serial sample", samples, "img", common.quiet)) {
            c.hello();
            ev = DeviceEval.run(c, image, td.testPixels(), td.testLabels(), 0, samples, bar);
        }
        say(String.format(Locale.ROOT, "%d images over %s: %.2f%%, %d mismatches against the emulator",
                ev.images, target, ev.accuracy() * 100, ev.mismatches));

        Path index = out.resolve("index.html");
        DemoJson j = summary(ds.name(), p, t, tr, deviceAcc, up, ev, index, trainerAcc, tests);
        AtomicFiles.write(out.resolve("demo.json"), (Json.pretty(j) + "\n").getBytes(StandardCharsets.UTF_8));
        snn.report.Report.write(out, model, "model.snn"); // after demo.json: the page shows it
        if (common.json) {
            common.out().println(Json.pretty(j));
        } else {
            printTable(ds.name(), trainerAcc, deviceAcc, ev, tests, index);
        }
        if (ev.mismatches != 0) {
            throw SnnException.checkFailed(ev.mismatches + " of " + ev.images + " device answers differ from the emulator: "
                    + ev.firstMismatches.get(0));
        }
        return 0;
    }

    private DemoJson summary(String dataset, TrainParams p, Trainer t, Trainer.Result tr, Map<Integer, Double> deviceAcc,
                                        UploadResult up, DeviceEval.Result ev, Path report, double trainerAcc, int tests) {
        return new DemoJson(dataset, quick, p.neurons, t.trainImages, tests, PAPER_L2.get(dataset), trainerAcc,
                tr.model().getSummary().getTestAccuracyVote(), tr.imagesPerSecond(), deviceAcc.get(8), deviceAcc.get(4),
                deviceAcc.get(2), bits, deviceAcc.get(bits), up.port(), up.baud(), up.bytes(), up.seconds(), up.encoding(),
                up.streamBytes(), up.paced(), finite(up.bytesPerSecond()), finite(up.linkEfficiency()), ev.images,
                ev.accuracy(), ev.mismatches, report.toString());
    }

    private void printTable(String dataset, double trainerAcc, Map<Integer, Double> deviceAcc, DeviceEval.Result ev,
                            int tests, Path report) {
        Double paper = PAPER_L2.get(dataset);
        common.out().println();
        common.out().printf(Locale.ROOT, "%-34s %10s%n", "", "accuracy");
        common.out().printf(Locale.ROOT, "%-34s %10s%n", "paper (L2, 400 neurons)", paper == null ? "-" : pct(paper));
        common.out().printf(Locale.ROOT, "%-34s %10s%n", "trainer (" + tests + " test images)", pct(trainerAcc));
        deviceAcc.forEach((b, a) -> common.out().printf(Locale.ROOT, "%-34s %10s%n", "device, " + b + "-bit (emulator)", pct(a)));
        common.out().printf(Locale.ROOT, "%-34s %10s   %d mismatches%n", "device over serial (" + ev.images + " images)",
                pct(ev.accuracy()), ev.mismatches);
        common.out().println();
        common.out().println("report: " + report);
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String pct(double a) {
        return String.format(Locale.ROOT, "%.2f%%", a * 100);
    }

    /** Starts the built-in emulated board behind a new pty in this process; returns the pty's path. */
    private String startEmulatedBoard(BoardProfile boardProfile, PrintWriter log) throws Exception {
        String why = snn.sim.board.Pty.unavailableReason();
        if (why != null) {
            throw SnnException.checkFailed("cannot open a pseudo-terminal for the emulated board: " + why
                    + "; use --port to flash a real board");
        }
        Emulator emu = new Emulator(boardProfile, out.resolve("board-flash.bin"), line.baud, FaultSpec.NONE, 1,
                common.verbose ? log : null);
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
        PrintWriter capture = new PrintWriter(new java.io.OutputStreamWriter(new LineSink(lines), StandardCharsets.UTF_8), true);
        Thread th = new Thread(() -> {
            try {
                emu.runPty(capture);
            } catch (Exception e) {
                lines.offer("error: " + e.getMessage());
            }
        }, "emulated-board");
        th.setDaemon(true);
        th.start();
        String first = lines.poll(20, TimeUnit.SECONDS);
        if (first == null || !first.startsWith("pty: ")) {
            throw SnnException.checkFailed("the emulated board did not start: " + first);
        }
        return first.substring(5).trim();
    }

    private void step(int n, String what) {
        if (!common.quiet) {
            common.err().println("[" + n + "/5] " + what);
        }
    }

    private void say(String s) {
        if (!common.quiet) {
            common.err().println("  " + s);
        }
    }

    /** Collects printed lines into a queue. */
    private static final class LineSink extends OutputStream {
        private final BlockingQueue<String> lines;
        private final StringBuilder sb = new StringBuilder();

        LineSink(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines.offer(sb.toString());
                sb.setLength(0);
            } else {
                sb.append((char) b);
            }
        }
    }
}
