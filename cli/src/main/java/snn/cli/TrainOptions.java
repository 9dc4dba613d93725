package snn.cli;

import picocli.CommandLine.Option;
import snn.core.DeviceNetwork;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;

/**
 * The network and learning parameters as command-line options (shared by train, bench, demo and sweep).
 * Defaults are those of {@link TrainParams}; docs/trainer.md explains each choice.
 */
public final class TrainOptions {
    /** Decision rules by their documented names. */
    public enum Rule { MAX_NEURON, VOTE }

    private final TrainParams d = new TrainParams();

    @Option(names = "--neurons", description = "Excitatory (= inhibitory) neurons (default: ${DEFAULT-VALUE}).")
    public int neurons = d.neurons;

    @Option(names = "--norm", description = "Synaptic scaling: l1, l2 or none (default: ${DEFAULT-VALUE}).")
    public String norm = "l2";

    @Option(names = "--target-norm", paramLabel = "WT",
            description = "Target norm Wt of each neuron's input weights (weights in [0,1]); default 78 for l1, "
                    + "the documented L2 default for l2.")
    public Double targetNorm;

    @Option(names = "--train-images", description = "Training images per epoch (default: ${DEFAULT-VALUE}).")
    public int trainImages = 40_000;

    @Option(names = "--epochs", description = "Passes over the training images (default: ${DEFAULT-VALUE}).")
    public int epochs = 1;

    @Option(names = "--seed", description = "Seed of the initial weights and the training spike trains (default: ${DEFAULT-VALUE}).")
    public long seed = 1;

    @Option(names = "--theta-plus", paramLabel = "MV", description = "Adaptive threshold rise per spike, mV (default: ${DEFAULT-VALUE}).")
    public double thetaPlusMv = d.thetaPlusMv;

    @Option(names = "--no-adaptive-threshold", description = "Turn the adaptive threshold off.")
    public boolean noAdaptiveThreshold;

    @Option(names = "--tau-theta-ms", description = "Adaptive threshold decay time constant (default: ${DEFAULT-VALUE}).")
    public double tauThetaMs = d.tauThetaMs;

    @Option(names = "--dt-ms", description = "Time step (default: ${DEFAULT-VALUE}).")
    public double dtMs = d.dtMs;

    @Option(names = "--presentation-ms", description = "Time each image is shown (default: ${DEFAULT-VALUE}).")
    public double presentationMs = d.presentationMs;

    @Option(names = "--tau-exc-ms", description = "Excitatory membrane time constant (default: ${DEFAULT-VALUE}).")
    public double tauExcMs = d.tauExcMs;

    @Option(names = "--threshold-exc-mv", description = "Excitatory threshold above rest before theta (default: ${DEFAULT-VALUE}).")
    public double thresholdExcMv = d.thresholdExcMv;

    @Option(names = "--refractory-exc-ms", description = "Excitatory refractory period (default: ${DEFAULT-VALUE}).")
    public double refractoryExcMs = d.refractoryExcMs;

    @Option(names = "--epsp-mv", description = "Membrane jump for one input spike through weight 1.0 (default: ${DEFAULT-VALUE}).")
    public double epspMv = d.epspMv;

    @Option(names = "--inhibition-mv", description = "Drop of every other excitatory neuron per inhibitory spike (default: ${DEFAULT-VALUE}).")
    public double inhibitionMv = d.inhibitionMv;

    @Option(names = "--v-floor-mv", description = "Lowest excitatory membrane potential relative to rest (default: ${DEFAULT-VALUE}).")
    public double vFloorMv = d.vFloorMv;

    @Option(names = "--nu-post", description = "LTP learning rate (default: ${DEFAULT-VALUE}).")
    public double nuPost = d.nuPost;

    @Option(names = "--nu-post-final", description = "LTP rate at the last image; falls linearly from --nu-post (default: constant).")
    public Double nuPostFinal;

    @Option(names = "--theta-inference", paramLabel = "A",
            description = "Share of each neuron's own theta kept at inference; the rest is the mean theta (default: ${DEFAULT-VALUE}).")
    public double thetaInference = d.thetaInference;

    @Option(names = "--nu-pre", description = "LTD learning rate (default: ${DEFAULT-VALUE}).")
    public double nuPre = d.nuPre;

    @Option(names = "--tau-pre-ms", description = "Presynaptic trace time constant (default: ${DEFAULT-VALUE}).")
    public double tauPreMs = d.tauPreMs;

    @Option(names = "--tau-post1-ms", description = "Postsynaptic (LTD) trace time constant (default: ${DEFAULT-VALUE}).")
    public double tauPost1Ms = d.tauPost1Ms;

    @Option(names = "--tau-post2-ms", description = "Slow postsynaptic (triplet) trace time constant (default: ${DEFAULT-VALUE}).")
    public double tauPost2Ms = d.tauPost2Ms;

    @Option(names = "--triplet", description = "Scale LTP by the slow post trace before the spike (Diehl and Cook's rule).")
    public boolean triplet = d.tripletLtp;

    @Option(names = "--rate-hz", description = "Poisson rate of a 255 pixel at intensity 1 (default: ${DEFAULT-VALUE}).")
    public double rateHz = d.rateAtIntensity1Hz;

    @Option(names = "--intensity", description = "Starting input intensity (default: ${DEFAULT-VALUE}).")
    public int intensity = d.intensity;

    @Option(names = "--intensity-max", description = "Highest intensity tried when too few spikes (default: ${DEFAULT-VALUE}).")
    public int intensityMax = d.intensityMax;

    @Option(names = "--min-spikes", description = "Show the image again, brighter, while fewer spikes than this (default: ${DEFAULT-VALUE}).")
    public int minSpikes = d.minSpikes;

    @Option(names = "--label-images", description = "Training images used to label the neurons (default: ${DEFAULT-VALUE}).")
    public int labelImages = 10_000;

    @Option(names = "--test-images", description = "Test images evaluated (default: the whole test split).")
    public int testImages = -1;

    @Option(names = "--decision", description = "Default decision rule: max-neuron (the paper's) or vote (default: max-neuron).",
            converter = RuleConverter.class)
    public Rule decision = Rule.MAX_NEURON;

    @Option(names = "--threads", description = "Threads for evaluation (default: all cores). Training itself is sequential.")
    public int threads = Runtime.getRuntime().availableProcessors();

    static final class RuleConverter implements picocli.CommandLine.ITypeConverter<Rule> {
        @Override
        public Rule convert(String s) {
            return switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "max-neuron", "max_neuron" -> Rule.MAX_NEURON;
                case "vote" -> Rule.VOTE;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "'" + s + "' is not a decision rule; use max-neuron or vote");
            };
        }
    }

    public TrainParams params() {
        TrainParams p = new TrainParams();
        p.neurons = check("--neurons", neurons, 1, 65535);
        p.norm = switch (norm.toLowerCase(java.util.Locale.ROOT)) {
            case "l1" -> TrainParams.Norm.L1;
            case "l2" -> TrainParams.Norm.L2;
            case "none" -> TrainParams.Norm.NONE;
            default -> throw snn.support.SnnException.badInput("--norm " + norm + ": use l1, l2 or none");
        };
        if (targetNorm != null) {
            if (!(targetNorm > 0)) {
                throw snn.support.SnnException.badInput("--target-norm " + targetNorm + " must be > 0");
            }
            p.targetNorm = targetNorm;
        }
        p.adaptiveThreshold = !noAdaptiveThreshold;
        p.thetaPlusMv = thetaPlusMv;
        p.tauThetaMs = tauThetaMs;
        p.dtMs = positive("--dt-ms", dtMs);
        p.presentationMs = positive("--presentation-ms", presentationMs);
        p.tauExcMs = positive("--tau-exc-ms", tauExcMs);
        p.thresholdExcMv = positive("--threshold-exc-mv", thresholdExcMv);
        p.refractoryExcMs = refractoryExcMs;
        p.epspMv = positive("--epsp-mv", epspMv);
        p.inhibitionMv = inhibitionMv;
        p.vFloorMv = vFloorMv;
        p.nuPost = nuPost;
        p.nuPre = nuPre;
        if (nuPostFinal != null) {
            p.nuPostFinal = nuPostFinal;
        }
        if (!(thetaInference >= 0 && thetaInference <= 1)) {
            throw snn.support.SnnException.badInput("--theta-inference " + thetaInference + " is outside 0..1");
        }
        p.thetaInference = thetaInference;
        p.tauPreMs = positive("--tau-pre-ms", tauPreMs);
        p.tauPost1Ms = positive("--tau-post1-ms", tauPost1Ms);
        p.tauPost2Ms = positive("--tau-post2-ms", tauPost2Ms);
        p.tripletLtp = triplet;
        p.rateAtIntensity1Hz = positive("--rate-hz", rateHz);
        p.intensity = check("--intensity", intensity, 1, 255);
        p.intensityMax = check("--intensity-max", intensityMax, intensity, 255);
        p.minSpikes = check("--min-spikes", minSpikes, 0, 1_000_000);
        p.seed = seed;
        return p;
    }

    public Trainer trainer(TrainParams p, boolean quiet) {
        Trainer t = new Trainer(p);
        t.trainImages = check("--train-images", trainImages, 1, Integer.MAX_VALUE);
        t.epochs = check("--epochs", epochs, 1, 1000);
        t.labelImages = check("--label-images", labelImages, 1, Integer.MAX_VALUE);
        t.testImages = testImages;
        t.threads = check("--threads", threads, 1, 1024);
        t.decision = decision == Rule.VOTE ? DeviceNetwork.DECISION_VOTE : DeviceNetwork.DECISION_MAX_NEURON;
        t.quiet = quiet;
        return t;
    }

    private static int check(String name, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw snn.support.SnnException.badInput(name + " " + v + " is outside " + lo + ".." + hi);
        }
        return v;
    }

    private static double positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw snn.support.SnnException.badInput(name + " " + v + " must be a positive number");
        }
        return v;
    }
}
