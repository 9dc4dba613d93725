package snn.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.cli.json.TrainJson;
import snn.data.Dataset;
import snn.protocol.model.TrainSummary;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.trainer.TrainData;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;

/** {@code snn train}: learn weights and thresholds in fixed point, label the neurons, test, save the model. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        optionListHeading = "Data, output and general options:%n",
        description = "Train the spiking WTA network with STDP and homeostasis (integer arithmetic), then test it.")
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DatasetOptions data;

    @Mixin
    TrainOptions train;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "FILE", description = "Model file to write.")
    Path out = Path.of("run", "model.snn");

    @Option(names = "--no-report", description = "Do not write the report (figures, index.html) beside the model.")
    boolean noReport;

    @Option(names = Predictions.OPTION, paramLabel = "FILE", description = Predictions.DESCRIPTION
            + " The trained model's answers on the test images.")
    Path predictions;

    @Override
    public Integer call() throws Exception {
        AtomicFiles.checkWritableFile("--out", out); // before the data and the training, not after
        Predictions.check(predictions);
        TrainParams p = train.params();
        Dataset ds = data.load(common);
        TrainData td = TrainData.of(ds);
        Trainer t = train.trainer(p, common.quiet);
        t.progress = common.err();
        java.util.List<snn.trainer.Defaults.Choice> choices = t.resolveDefaults(td);
        printChoices(choices, common, common.err());
        if (t.trainImages > td.trainCount()) {
            throw snn.support.SnnException.badInput("--train-images " + t.trainImages + " exceeds the " + td.trainCount()
                    + " training images of " + ds.name() + " (" + ds.location() + ")");
        }
        if (!common.quiet) {
            common.err().printf(Locale.ROOT, "train: %s on %s (%d train / %d test images of %dx%d, %d classes)%n",
                    p.describe(), ds.name(), t.trainImages, td.testCount(), td.rows(), td.cols(), td.classes());
            t.log = s -> common.err().println("train: " + s);
        }
        Trainer.Result r = t.train(td);
        snn.deploy.quant.ModelFiles.write(out, r.model());
        if (predictions != null) {
            writePredictions(td, t, r);
        }
        TrainJson j = report(ds.name(), p, t, r, out);
        if (!noReport) {
            Path dir = out.toAbsolutePath().getParent();
            ReportCommand.write(dir, r.model(), out, common);
            j = j.withReport(dir.resolve("index.html").toString());
        }
        if (common.json) {
            common.out().println(Json.pretty(j));
        } else {
            TrainSummary s = r.model().getSummary();
            common.out().printf(Locale.ROOT, "test accuracy %.2f%% (max-neuron) / %.2f%% (vote) on %d images; "
                            + "%.0f training images/s; model %s%n", s.getTestAccuracyMaxNeuron() * 100,
                    s.getTestAccuracyVote() * 100, s.getTestImages(), r.imagesPerSecond(), out);
            if (!noReport) {
                common.out().println("report: " + j.report());
            }
        }
        return 0;
    }

    /** The test pass's answers; an empty file when no test images were run (--test-images 0). */
    private void writePredictions(TrainData td, Trainer t, Trainer.Result r) throws java.io.IOException {
        snn.trainer.Evaluator.Pass test = r.test();
        if (test == null) {
            AtomicFiles.write(predictions, new byte[0]);
            return;
        }
        int[] own = t.decision == snn.core.DeviceNetwork.DECISION_VOTE ? test.predVote : test.predMaxNeuron;
        Predictions.write(predictions, 0, td.testLabels(), own, test.answers, null, null, null);
    }

    static TrainJson report(String dataset, TrainParams p, Trainer t, Trainer.Result r, Path out) {
        TrainSummary s = r.model().getSummary();
        return new TrainJson(dataset, p.neurons, p.norm.name().toLowerCase(Locale.ROOT), p.effectiveTargetNorm(),
                p.adaptiveThreshold, t.trainImages, t.epochs, p.seed, t.decision == 1 ? "vote" : "max-neuron",
                s.getTestImages(), t.decision == 1 ? s.getTestAccuracyVote() : s.getTestAccuracyMaxNeuron(),
                s.getTestAccuracyMaxNeuron(), s.getTestAccuracyVote(), r.trainSeconds(), r.imagesPerSecond(),
                r.totalSeconds(), out.toString(), p.values(),
                p.choices == null ? java.util.List.of() : p.choices, null);
    }

    /**
     * On stderr: with -v every derived default and its reason; otherwise only a note when the image
     * counts fall short of the paper's (a small dataset), so that the user knows why.
     */
    static void printChoices(java.util.List<snn.trainer.Defaults.Choice> choices, CommonOptions common,
                             java.io.PrintWriter err) {
        if (common.quiet) {
            return;
        }
        for (snn.trainer.Defaults.Choice c : choices) {
            boolean shortfall = c.derived() && (c.name().equals("train_images")
                    && c.value() < snn.trainer.Defaults.PAPER_TRAIN_IMAGES
                    || c.name().equals("label_images") && c.value() < snn.trainer.Defaults.MAX_LABEL_IMAGES);
            if (common.verbose && c.derived()) {
                err.println("train: default " + c.describe());
            } else if (shortfall) {
                err.println("train: note: " + c.describe());
            }
        }
        err.flush();
    }
}
