package snn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.data.Dataset;
import snn.protocol.model.TrainSummary;
import snn.trainer.TrainData;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;
import snn.support.AtomicFiles;
import snn.support.Json;

/** {@code snn train}: learn weights and thresholds in fixed point, label the neurons, test, save the model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train the spiking WTA network with STDP and homeostasis (integer arithmetic), then test it.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DatasetOptions data;

    @Mixin
    TrainOptions train;

    @Option(names = "--out", paramLabel = "FILE", description = "Model file to write (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("run", "model.snn");

    @Option(names = "--no-report", description = "Do not write the report (figures, index.html) beside the model.")
    boolean noReport;

    @Override
    public Integer call() throws Exception {
        AtomicFiles.checkWritableFile("--out", out); // before the data and the training, not after
        TrainParams p = train.params();
        Dataset ds = data.load(common);
        TrainData td = TrainData.of(ds);
        Trainer t = train.trainer(p, common.quiet);
        if (t.trainImages > td.trainCount()) {
            throw snn.support.SnnException.badInput("--train-images " + t.trainImages + " exceeds the " + td.trainCount()
                    + " training images of " + ds.name() + " (" + ds.location() + ")");
        }
        if (!common.quiet) {
            System.err.printf(Locale.ROOT, "train: %s on %s (%d train / %d test images of %dx%d, %d classes)%n",
                    p.describe(), ds.name(), t.trainImages, td.testCount(), td.rows(), td.cols(), td.classes());
            t.log = s -> System.err.println("train: " + s);
        }
        Trainer.Result r = t.train(td);
        AtomicFiles.write(out, r.model().toByteArray());
        Map<String, Object> j = report(ds.name(), p, t, r, out);
        if (!noReport) {
            Path dir = out.toAbsolutePath().getParent();
            ReportCommand.write(dir, r.model(), out, common.quiet);
            j.put("report", dir.resolve("index.html").toString());
        }
        if (common.json) {
            System.out.println(Json.pretty(j));
        } else {
            TrainSummary s = r.model().getSummary();
            System.out.printf(Locale.ROOT, "test accuracy %.2f%% (max-neuron) / %.2f%% (vote) on %d images; "
                            + "%.0f training images/s; model %s%n", s.getTestAccuracyMaxNeuron() * 100,
                    s.getTestAccuracyVote() * 100, s.getTestImages(), r.imagesPerSecond(), out);
            if (!noReport) {
                System.out.println("report: " + j.get("report"));
            }
        }
        return 0;
    }

    static Map<String, Object> report(String dataset, TrainParams p, Trainer t, Trainer.Result r, Path out) {
        TrainSummary s = r.model().getSummary();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dataset", dataset);
        j.put("neurons", p.neurons);
        j.put("norm", p.norm.name().toLowerCase(Locale.ROOT));
        j.put("target_norm", p.effectiveTargetNorm());
        j.put("adaptive_threshold", p.adaptiveThreshold);
        j.put("train_images", t.trainImages);
        j.put("epochs", t.epochs);
        j.put("seed", p.seed);
        j.put("decision", t.decision == 1 ? "vote" : "max-neuron");
        j.put("test_images", s.getTestImages());
        j.put("test_accuracy", t.decision == 1 ? s.getTestAccuracyVote() : s.getTestAccuracyMaxNeuron());
        j.put("test_accuracy_max_neuron", s.getTestAccuracyMaxNeuron());
        j.put("test_accuracy_vote", s.getTestAccuracyVote());
        j.put("train_seconds", r.trainSeconds());
        j.put("images_per_second", r.imagesPerSecond());
        j.put("total_seconds", r.totalSeconds());
        j.put("model", out.toString());
        j.put("params", p.values());
        return j;
    }
}
