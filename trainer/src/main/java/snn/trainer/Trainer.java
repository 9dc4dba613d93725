package snn.trainer;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import snn.protocol.model.AccuracyPoint;
import snn.protocol.model.TrainConfig;
import snn.protocol.model.TrainSummary;
import snn.protocol.model.TrainedModel;
import snn.core.DeviceNetwork;
import snn.protocol.model.ModelNetwork;
import snn.core.Xorshift32;
import snn.support.Progress;

/**
 * Trains the network: initial weights, one pass of STDP over the training images per epoch, labels
 * from the frozen network's answers to training images, then the test evaluation with both decision
 * rules. The same seed gives the same model bytes on every run and at any thread count: training
 * is sequential, and every parallel evaluation seeds each image by its index.
 */
public final class Trainer {
    /** Test-image seeds start at 0 (seed = index), as the device does; labelling images use their own range. */
    public static final int LABEL_SEED_BASE = 0x4C000000;
    public static final int CURVE_SEED_BASE = 0x43000000;

    /** Training images per epoch; -1 derives it from the dataset ({@link Defaults}). */
    public int trainImages = -1;
    public int epochs = 1;
    /** Labelling images (the last ones trained on); -1 derives it from the train images ({@link Defaults}). */
    public int labelImages = -1;
    /** Test images evaluated at the end (0 = none, -1 = the whole test split). */
    public int testImages = -1;
    public int threads = Runtime.getRuntime().availableProcessors();
    /** Points of the accuracy-against-images curve (0 = none). */
    public int curvePoints = 8;
    public int curveImages = 1000;
    public int decision = DeviceNetwork.DECISION_MAX_NEURON;
    public boolean quiet;
    /** Where the progress bar goes unless {@link #quiet}; null: the process's stderr. */
    public java.io.PrintWriter progress;
    public Consumer<String> log = s -> { };

    private final TrainParams p;

    public Trainer(TrainParams p) {
        this.p = p;
    }

    /**
     * The model (byte-identical for a seed), the timings (which are not stored in it) and the test
     * pass with each test image's predictions under both rules (null when no test image was run).
     */
    public record Result(TrainedModel model, double trainSeconds, double imagesPerSecond, double totalSeconds,
                         Evaluator.Pass test) {
    }

    /** Fills in the defaults left to the dataset (idempotent); the choices are also kept in the params. */
    public java.util.List<Defaults.Choice> resolveDefaults(TrainData data) {
        if (p.choices == null) {
            // the values as given, before any is derived from the dataset
            ParamLimits.checkGiven(p);
        }
        java.util.List<Defaults.Choice> choices = Defaults.resolve(p, this, DataStats.of(data));
        ParamLimits.checkResolved(p, data);
        return choices;
    }

    public Result train(TrainData data) {
        resolveDefaults(data);
        if (trainImages > data.trainCount()) {
            throw new IllegalArgumentException("--train-images " + trainImages + " exceeds the " + data.trainCount()
                    + " training images of " + data.name());
        }
        Derived d = new Derived(p);
        int n = p.neurons;
        int inputs = data.inputs();
        int[][] w = initialWeights(inputs, n, d);
        int[] theta = new int[n];
        TrainLoop loop = new TrainLoop(p, d, inputs, w, theta);
        AutoTargetNorm auto = p.autoTargetNorm && p.norm != TrainParams.Norm.NONE ? new AutoTargetNorm(p, inputs) : null;
        long wtStart = d.targetNorm;
        TrainSummary.Builder summary = TrainSummary.newBuilder().setTrainImages(trainImages).setEpochs(epochs);
        int total = trainImages * epochs;
        int curveEvery = curvePoints > 0 ? Math.max(1, total / curvePoints) : Integer.MAX_VALUE;
        long startNs = System.nanoTime();
        long trainNs = 0;
        long spikes = 0;
        int seen = 0;
        try (Progress bar = progress == null ? new Progress("train", total, "img", quiet)
                : new Progress(progress, "train", total, "img", quiet)) {
            for (int e = 0; e < epochs; e++) {
                for (int k = 0; k < trainImages; k++) {
                    loop.nuPostW = nuPostAt(d, seen, total);
                    long t0 = System.nanoTime();
                    loop.train(data.trainPixels(), k * inputs, trainSeed(p.seed, e, k));
                    trainNs += System.nanoTime() - t0;
                    spikes += loop.lastSpikes;
                    if (auto != null) {
                        auto.observe(loop.lastSpikes, d, w, n);
                    }
                    seen++;
                    if (seen % curveEvery == 0 && curveImages > 0) {
                        double acc = curveAccuracy(data, d, w, theta);
                        summary.addCurve(AccuracyPoint.newBuilder().setImagesSeen(seen).setAccuracy(acc));
                        log.accept(String.format(Locale.ROOT, "after %d images: accuracy %.2f%% on %d held-out"
                                + " training images", seen, acc * 100, curveImages));
                    }
                    if ((seen & 63) == 0) {
                        bar.detail(String.format(Locale.ROOT, "%.1f spikes/img", spikes / (double) seen));
                    }
                    bar.update(seen);
                }
            }
        }
        double trainSeconds = trainNs / 1e9;
        if (auto != null) {
            log.accept("auto Wt: " + AutoTargetNorm.describe(wtStart) + " at the start, " + AutoTargetNorm.describe(d.targetNorm)
                    + " at the end (" + auto.updates() + " moves)");
        }

        TrainedModel.Builder model = baseModel(data, d, w, theta);
        int lab = Math.min(labelImages, trainImages);
        int labFirst = trainImages - lab;
        DeviceNetwork frozen = ModelNetwork.fromModel(model.build());
        Evaluator.Pass labelling = Evaluator.run(frozen, data.trainPixels(), data.trainLabels(), labFirst, lab,
                LABEL_SEED_BASE, true, threads);
        int[] labels = Evaluator.assignLabels(labelling.response, n, data.classes(), data.trainLabels(), labFirst, lab);
        model.clearLabels();
        for (int j = 0; j < n; j++) {
            model.addLabels(labels[j]);
        }
        long[] perClass = new long[data.classes()];
        for (int k = labFirst; k < labFirst + lab; k++) {
            perClass[data.trainLabels()[k] & 0xFF]++;
        }
        for (int j = 0; j < n; j++) {
            for (int c = 0; c < data.classes(); c++) {
                model.addClassResponse(perClass[c] == 0 ? 0f
                        : (float) (labelling.response[j * data.classes() + c] / (double) perClass[c]));
            }
        }
        int tests = testImages < 0 ? data.testCount() : Math.min(testImages, data.testCount());
        Evaluator.Pass test = null;
        if (tests > 0) {
            DeviceNetwork net = ModelNetwork.fromModel(model.build());
            test = Evaluator.run(net, data.testPixels(), data.testLabels(), 0, tests, 0, false, threads);
            summary.setTestImages(tests)
                    .setTestAccuracyMaxNeuron(test.accuracy(test.predMaxNeuron, data.testLabels(), 0))
                    .setTestAccuracyVote(test.accuracy(test.predVote, data.testLabels(), 0));
            int[] pred = decision == DeviceNetwork.DECISION_VOTE ? test.predVote : test.predMaxNeuron;
            int c = data.classes();
            int[] confusion = new int[c * c];
            for (int k = 0; k < tests; k++) {
                int pk = pred[k];
                if (pk < c) {
                    confusion[(data.testLabels()[k] & 0xFF) * c + pk]++;
                }
            }
            for (int v : confusion) {
                summary.addConfusion(v);
            }
            log.accept(String.format(Locale.ROOT, "test: %.2f%% (max-neuron), %.2f%% (vote) on %d images in %.1f s",
                    summary.getTestAccuracyMaxNeuron() * 100, summary.getTestAccuracyVote() * 100, tests, test.seconds));
        }
        double totalSeconds = (System.nanoTime() - startNs) / 1e9;
        log.accept(String.format(Locale.ROOT, "total %.1f s", totalSeconds));
        return new Result(model.setSummary(summary).build(), trainSeconds, total / Math.max(trainSeconds, 1e-9),
                totalSeconds, test);
    }

    /** Linear schedule from nu_post (first image) to nu_post_final (last image), exact in integers. */
    static long nuPostAt(Derived d, int seen, int total) {
        if (total <= 1 || d.nuPostFinalW == d.nuPostW) {
            return d.nuPostW;
        }
        return d.nuPostW + (d.nuPostFinalW - d.nuPostW) * seen / (total - 1);
    }

    static int trainSeed(long seed, int epoch, int index) {
        return Xorshift32.fmix32((int) (seed * 0x9E3779B97F4A7C15L >>> 32) ^ (epoch * 0x01000193)) + index;
    }

    /** (U[0,1) + 0.01) * initWeightScale per weight, drawn input-major, then scaled to the target norm. */
    int[][] initialWeights(int inputs, int n, Derived d) {
        SplittableRandom rnd = new SplittableRandom(p.seed);
        int[][] w = new int[inputs][n];
        for (int i = 0; i < inputs; i++) {
            for (int j = 0; j < n; j++) {
                double x = (rnd.nextDouble() + 0.01) * p.initWeightScale;
                w[i][j] = (int) Math.min(Derived.WEIGHT_MAX, Math.round(x * Derived.WEIGHT_MAX));
            }
        }
        for (int j = 0; j < n; j++) {
            SynapticScaling.scale(p.norm, w, j, d.targetNorm);
        }
        return w;
    }

    private TrainedModel.Builder baseModel(TrainData data, Derived d, int[][] w, int[] theta) {
        TrainedModel.Builder m = TrainedModel.newBuilder().setFormatVersion(1).setDataset(data.name())
                .setInputs(data.inputs()).setImageRows(data.rows()).setImageCols(data.cols())
                .setNeurons(p.neurons).setClasses(data.classes()).setLoop(d.loopParams(p, decision));
        for (int[] row : w) {
            for (int x : row) {
                m.addWeights(x);
            }
        }
        for (int t : inferenceThresholds(d, theta)) {
            m.addThresholds(t);
            m.addLabels(0);
        }
        if (p.thetaInference != 1.0) {
            for (int t : theta) {
                m.addLearnedThresholds((int) Math.min(Integer.MAX_VALUE, (long) d.thresholdExc + t));
            }
        }
        TrainConfig.Builder cfg = TrainConfig.newBuilder().setSeed(p.seed).putAllValues(p.values())
                .putStrings("norm", p.norm.name().toLowerCase(Locale.ROOT))
                .putStrings("adaptive_threshold", Boolean.toString(p.adaptiveThreshold))
                .putStrings("ltp", p.tripletLtp ? "triplet" : "pair");
        if (p.autoTargetNorm) {
            cfg.putValues("target_norm_final", d.targetNorm / (double) Derived.WEIGHT_MAX);
        }
        return m.setConfig(cfg);
    }

    /** base + round(a * theta_j + (1 - a) * mean(theta)), with a = theta_inference in 1/1024 steps. */
    int[] inferenceThresholds(Derived d, int[] theta) {
        long sum = 0;
        for (int t : theta) {
            sum += t;
        }
        long mean = Math.round((double) sum / theta.length);
        long a = Math.round(p.thetaInference * 1024);
        int[] out = new int[theta.length];
        for (int j = 0; j < theta.length; j++) {
            long blended = (a * theta[j] + (1024 - a) * mean + 512) >> 10;
            out[j] = (int) Math.min(Integer.MAX_VALUE, d.thresholdExc + blended);
        }
        return out;
    }

    /** Accuracy on held-out training images (the split's tail), labelled from other training images. */
    private double curveAccuracy(TrainData data, Derived d, int[][] w, int[] theta) {
        int count = Math.min(curveImages, data.trainCount() / 4);
        int valFirst = data.trainCount() - count;
        int labFirst = valFirst - count;
        TrainedModel.Builder m = baseModel(data, d, w, theta);
        DeviceNetwork net = ModelNetwork.fromModel(m.build());
        Evaluator.Pass lab = Evaluator.run(net, data.trainPixels(), data.trainLabels(), labFirst, count,
                CURVE_SEED_BASE, true, threads);
        int[] labels = Evaluator.assignLabels(lab.response, p.neurons, data.classes(), data.trainLabels(), labFirst, count);
        m.clearLabels();
        for (int j : labels) {
            m.addLabels(j);
        }
        DeviceNetwork labelled = ModelNetwork.fromModel(m.build());
        Evaluator.Pass val = Evaluator.run(labelled, data.trainPixels(), data.trainLabels(), valFirst, count,
                CURVE_SEED_BASE + count, false, threads);
        return val.accuracy(decision == DeviceNetwork.DECISION_VOTE ? val.predVote : val.predMaxNeuron,
                data.trainLabels(), valFirst);
    }
}
