package snn.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Help.Visibility;
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

    /** Defaults come from here, so that the options and {@link TrainParams} cannot drift apart. */
    private static final TrainParams D = new TrainParams();

    @ArgGroup(validate = false, heading = "Network (excitatory and inhibitory layers):%n", order = 1)
    public Network network = new Network();

    @ArgGroup(validate = false, heading = "Input encoding (Poisson spike trains):%n", order = 2)
    public Input input = new Input();

    @ArgGroup(validate = false, heading = "Plasticity (STDP):%n", order = 3)
    public Plasticity plasticity = new Plasticity();

    @ArgGroup(validate = false, heading = "Homeostasis (adaptive threshold):%n", order = 4)
    public Homeostasis homeostasis = new Homeostasis();

    @ArgGroup(validate = false, heading = "Run (images, seed, labelling, test):%n", order = 5)
    public Run run = new Run();

    /** The network: its size, synaptic scaling and the excitatory neurons' dynamics. */
    public static final class Network {
        @Option(names = "--neurons", paramLabel = "N", description = "Excitatory (= inhibitory) neurons.")
        public int neurons = D.neurons;

        @Option(names = "--norm", paramLabel = "NORM", description = "Synaptic scaling: l1, l2 or none.")
        public String norm = "l2";

        @Option(names = "--target-norm", paramLabel = "WT",
                description = "Target norm Wt of each neuron's input weights (weights in [0,1]); default 78 for l1, "
                        + "the documented L2 default for l2.")
        public Double targetNorm;

        @Option(names = "--dt-ms", paramLabel = "<ms>", description = "Time step.")
        public double dtMs = D.dtMs;

        @Option(names = "--tau-exc-ms", paramLabel = "<ms>", description = "Excitatory membrane time constant.")
        public double tauExcMs = D.tauExcMs;

        @Option(names = "--threshold-exc-mv", paramLabel = "<mV>", description = "Excitatory threshold above rest before theta.")
        public double thresholdExcMv = D.thresholdExcMv;

        @Option(names = "--refractory-exc-ms", paramLabel = "<ms>", description = "Excitatory refractory period.")
        public double refractoryExcMs = D.refractoryExcMs;

        @Option(names = "--epsp-mv", paramLabel = "<mV>", description = "Membrane jump for one input spike through weight 1.0.")
        public double epspMv = D.epspMv;

        @Option(names = "--inhibition-mv", paramLabel = "<mV>", description = "Drop of every other excitatory neuron per inhibitory spike.")
        public double inhibitionMv = D.inhibitionMv;

        @Option(names = "--v-floor-mv", paramLabel = "<mV>", description = "Lowest excitatory membrane potential relative to rest.")
        public double vFloorMv = D.vFloorMv;
    }

    /** How an image becomes input spikes. */
    public static final class Input {
        @Option(names = "--presentation-ms", paramLabel = "<ms>", description = "Time each image is shown.")
        public double presentationMs = D.presentationMs;

        @Option(names = "--rate-hz", paramLabel = "<Hz>", description = "Poisson rate of a 255 pixel at intensity 1.")
        public double rateHz = D.rateAtIntensity1Hz;

        @Option(names = "--intensity", paramLabel = "N", description = "Starting input intensity.")
        public int intensity = D.intensity;

        @Option(names = "--intensity-max", paramLabel = "N", description = "Highest intensity tried when too few spikes.")
        public int intensityMax = D.intensityMax;

        @Option(names = "--min-spikes", paramLabel = "N", description = "Show the image again, brighter, while fewer spikes than this.")
        public int minSpikes = D.minSpikes;
    }

    /** The learning rule on the input weights. */
    public static final class Plasticity {
        @Option(names = "--nu-post", paramLabel = "RATE", description = "LTP learning rate.")
        public double nuPost = D.nuPost;

        @Option(names = "--nu-post-final", paramLabel = "RATE", description = "LTP rate at the last image; falls linearly from --nu-post (default: constant).")
        public Double nuPostFinal;

        @Option(names = "--nu-pre", paramLabel = "RATE", description = "LTD learning rate.")
        public double nuPre = D.nuPre;

        @Option(names = "--tau-pre-ms", paramLabel = "<ms>", description = "Presynaptic trace time constant.")
        public double tauPreMs = D.tauPreMs;

        @Option(names = "--tau-post1-ms", paramLabel = "<ms>", description = "Postsynaptic (LTD) trace time constant.")
        public double tauPost1Ms = D.tauPost1Ms;

        @Option(names = "--tau-post2-ms", paramLabel = "<ms>", description = "Slow postsynaptic (triplet) trace time constant.")
        public double tauPost2Ms = D.tauPost2Ms;

        @Option(names = "--triplet", description = "Scale LTP by the slow post trace before the spike (Diehl and Cook's rule).")
        public boolean triplet = D.tripletLtp;
    }

    /** The adaptive threshold theta. */
    public static final class Homeostasis {
        @Option(names = "--theta-plus", paramLabel = "<mV>", description = "Adaptive threshold rise per spike, mV.")
        public double thetaPlusMv = D.thetaPlusMv;

        @Option(names = "--no-adaptive-threshold", description = "Turn the adaptive threshold off.")
        public boolean noAdaptiveThreshold;

        @Option(names = "--tau-theta-ms", paramLabel = "<ms>", description = "Adaptive threshold decay time constant.")
        public double tauThetaMs = D.tauThetaMs;

        @Option(names = "--theta-inference", paramLabel = "A",
                description = "Share of each neuron's own theta kept at inference; the rest is the mean theta.")
        public double thetaInference = D.thetaInference;
    }

    /** How long to train, and how the neurons are labelled and tested. */
    public static final class Run {
        @Option(names = "--train-images", paramLabel = "N", description = "Training images per epoch.")
        public int trainImages = 40_000;

        @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training images.")
        public int epochs = 1;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights and the training spike trains.")
        public long seed = 1;

        @Option(names = "--label-images", paramLabel = "N", description = "Training images used to label the neurons.")
        public int labelImages = 10_000;

        @Option(names = "--test-images", paramLabel = "N", showDefaultValue = Visibility.NEVER,
                description = "Test images evaluated (default: the whole test split).")
        public int testImages = -1;

        @Option(names = "--decision", paramLabel = "RULE", defaultValue = "max-neuron",
                description = "Default decision rule: max-neuron (the paper's) or vote.",
                converter = RuleConverter.class)
        public Rule decision = Rule.MAX_NEURON;

        @Option(names = "--threads", paramLabel = "N", showDefaultValue = Visibility.NEVER,
                description = "Threads for evaluation (default: all cores). Training itself is sequential.")
        public int threads = Runtime.getRuntime().availableProcessors();
    }

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
        p.neurons = check("--neurons", network.neurons, 1, 65535);
        p.norm = switch (network.norm.toLowerCase(java.util.Locale.ROOT)) {
            case "l1" -> TrainParams.Norm.L1;
            case "l2" -> TrainParams.Norm.L2;
            case "none" -> TrainParams.Norm.NONE;
            default -> throw snn.support.SnnException.badInput("--norm " + network.norm + ": use l1, l2 or none");
        };
        if (network.targetNorm != null) {
            if (!(network.targetNorm > 0)) {
                throw snn.support.SnnException.badInput("--target-norm " + network.targetNorm + " must be > 0");
            }
            p.targetNorm = network.targetNorm;
        }
        p.adaptiveThreshold = !homeostasis.noAdaptiveThreshold;
        p.thetaPlusMv = homeostasis.thetaPlusMv;
        p.tauThetaMs = homeostasis.tauThetaMs;
        p.dtMs = positive("--dt-ms", network.dtMs);
        p.presentationMs = positive("--presentation-ms", input.presentationMs);
        p.tauExcMs = positive("--tau-exc-ms", network.tauExcMs);
        p.thresholdExcMv = positive("--threshold-exc-mv", network.thresholdExcMv);
        p.refractoryExcMs = network.refractoryExcMs;
        p.epspMv = positive("--epsp-mv", network.epspMv);
        p.inhibitionMv = network.inhibitionMv;
        p.vFloorMv = network.vFloorMv;
        p.nuPost = plasticity.nuPost;
        p.nuPre = plasticity.nuPre;
        if (plasticity.nuPostFinal != null) {
            p.nuPostFinal = plasticity.nuPostFinal;
        }
        if (!(homeostasis.thetaInference >= 0 && homeostasis.thetaInference <= 1)) {
            throw snn.support.SnnException.badInput("--theta-inference " + homeostasis.thetaInference + " is outside 0..1");
        }
        p.thetaInference = homeostasis.thetaInference;
        p.tauPreMs = positive("--tau-pre-ms", plasticity.tauPreMs);
        p.tauPost1Ms = positive("--tau-post1-ms", plasticity.tauPost1Ms);
        p.tauPost2Ms = positive("--tau-post2-ms", plasticity.tauPost2Ms);
        p.tripletLtp = plasticity.triplet;
        p.rateAtIntensity1Hz = positive("--rate-hz", input.rateHz);
        p.intensity = check("--intensity", input.intensity, 1, 255);
        p.intensityMax = check("--intensity-max", input.intensityMax, input.intensity, 255);
        p.minSpikes = check("--min-spikes", input.minSpikes, 0, 1_000_000);
        p.seed = run.seed;
        return p;
    }

    public Trainer trainer(TrainParams p, boolean quiet) {
        Trainer t = new Trainer(p);
        t.trainImages = check("--train-images", run.trainImages, 1, Integer.MAX_VALUE);
        t.epochs = check("--epochs", run.epochs, 1, 1000);
        t.labelImages = check("--label-images", run.labelImages, 1, Integer.MAX_VALUE);
        t.testImages = run.testImages;
        t.threads = check("--threads", run.threads, 1, 1024);
        t.decision = run.decision == Rule.VOTE ? DeviceNetwork.DECISION_VOTE : DeviceNetwork.DECISION_MAX_NEURON;
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
