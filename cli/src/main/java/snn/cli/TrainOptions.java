package snn.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;
import snn.core.DeviceNetwork;
import snn.trainer.ParamLimits;
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

        @Option(names = "--target-norm", paramLabel = "WT|auto", showDefaultValue = Visibility.NEVER,
                description = "Target norm Wt of each neuron's input weights (weights in [0,1]); default derived from the"
                        + " dataset: 6 x sqrt(N/784) for l2, 78 x N/784 for l1 (snn train -v shows the reasons). auto: start"
                        + " there and let a rule move Wt to hold --auto-target-spikes spikes per image.")
        public String targetNorm;

        @Option(names = "--auto-target-spikes", paramLabel = "S",
                description = "With --target-norm auto: excitatory spikes per training image to hold.")
        public double autoTargetSpikes = TrainParams.AUTO_TARGET_SPIKES;

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

        @Option(names = "--inhibition-mv", paramLabel = "<mV>", showDefaultValue = Visibility.NEVER,
                description = "Drop of every other excitatory neuron per inhibitory spike (default: for l2 60 x the share of the inputs an image"
                        + " covers / MNIST's, within 60..120, so 60 on MNIST; 120 for l1).")
        public Double inhibitionMv;

        @Option(names = "--v-floor-mv", paramLabel = "<mV>", description = "Lowest excitatory membrane potential relative to rest.")
        public double vFloorMv = D.vFloorMv;
    }

    /** How an image becomes input spikes. */
    public static final class Input {
        @Option(names = "--presentation-ms", paramLabel = "<ms>", description = "Time each image is shown.")
        public double presentationMs = D.presentationMs;

        @Option(names = "--rate-hz", paramLabel = "<Hz>", showDefaultValue = Visibility.NEVER,
                description = "Poisson rate of a 255 pixel at intensity 1 (default: derived from the dataset's mean ink so"
                        + " that an image sends as many spikes as an MNIST image; 31.875 on MNIST).")
        public Double rateHz;

        @Option(names = "--intensity", paramLabel = "N", showDefaultValue = Visibility.NEVER,
                description = "Starting input intensity (default: 2 for l2, 1 for l1, the norm's tuned value).")
        public Integer intensity;

        @Option(names = "--intensity-max", paramLabel = "N", description = "Highest intensity tried when too few spikes.")
        public int intensityMax = D.intensityMax;

        @Option(names = "--min-spikes", paramLabel = "N", description = "Show the image again, brighter, while fewer spikes than this.")
        public int minSpikes = D.minSpikes;
    }

    /** The learning rule on the input weights. */
    public static final class Plasticity {
        @Option(names = "--nu-post", paramLabel = "RATE", showDefaultValue = Visibility.NEVER,
                description = "LTP learning rate (default: 0.02 for l2, 0.005 for l1).")
        public Double nuPost;

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
        @Option(names = "--theta-plus", paramLabel = "<mV>", showDefaultValue = Visibility.NEVER,
                description = "Adaptive threshold rise per spike (default: 0.05 for l2, 0.08 for l1, the norm's tuned value).")
        public Double thetaPlusMv;

        @Option(names = "--no-adaptive-threshold", description = "Turn the adaptive threshold off.")
        public boolean noAdaptiveThreshold;

        @Option(names = "--tau-theta-ms", paramLabel = "<ms>", description = "Adaptive threshold decay time constant.")
        public double tauThetaMs = D.tauThetaMs;

        @Option(names = "--theta-inference", paramLabel = "A", showDefaultValue = Visibility.NEVER,
                description = "Share of each neuron's own theta kept at inference; the rest is the mean theta"
                        + " (default: 0 for l2, 1 for l1).")
        public Double thetaInference;
    }

    /** How long to train, and how the neurons are labelled and tested. */
    public static final class Run {
        @Option(names = "--preset", paramLabel = "NAME",
                description = "paper: every value arXiv 2601.11261 states (theta+ 0.11 mV, 150 ms, 40,000 images, one epoch,"
                        + " 400 neurons, L1 Wt 78 as Diehl and Cook), the trainer's tuned values for what it leaves open;"
                        + " options given explicitly still win.")
        public String preset;

        @Option(names = "--train-images", paramLabel = "N", showDefaultValue = Visibility.NEVER,
                description = "Training images per epoch (default: the paper's 40,000, or all the dataset has when fewer).")
        public Integer trainImages;

        @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training images.")
        public int epochs = 1;

        @Option(names = "--seed", paramLabel = "N", description = "Seed of the initial weights and the training spike trains.")
        public long seed = 1;

        @Option(names = "--label-images", paramLabel = "N", showDefaultValue = Visibility.NEVER,
                description = "Training images used to label the neurons, the last ones trained on (default: 10,000, or all"
                        + " the trained images when fewer).")
        public Integer labelImages;

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
        p.neurons = network.neurons;
        p.norm = switch (network.norm.toLowerCase(java.util.Locale.ROOT)) {
            case "l1" -> TrainParams.Norm.L1;
            case "l2" -> TrainParams.Norm.L2;
            case "none" -> TrainParams.Norm.NONE;
            default -> throw snn.support.SnnException.badInput("--norm " + network.norm + ": use l1, l2 or none");
        };
        boolean paper = false;
        if (run.preset != null) {
            if (!run.preset.equalsIgnoreCase("paper")) {
                throw snn.support.SnnException.badInput("--preset " + run.preset + ": the only preset is paper");
            }
            paper = true;
        }
        if (network.targetNorm != null) {
            if (network.targetNorm.equalsIgnoreCase("auto")) {
                p.autoTargetNorm = true;
                if (!(network.autoTargetSpikes > 0) || Double.isInfinite(network.autoTargetSpikes)) {
                    throw snn.support.SnnException.badInput("--auto-target-spikes " + network.autoTargetSpikes + " must be > 0");
                }
                p.autoTargetSpikes = network.autoTargetSpikes;
            } else {
                double wt;
                try {
                    wt = Double.parseDouble(network.targetNorm);
                } catch (NumberFormatException e) {
                    throw snn.support.SnnException.badInput("--target-norm " + network.targetNorm + ": give a number > 0 or auto");
                }
                if (!(wt > 0) || Double.isInfinite(wt)) {
                    throw snn.support.SnnException.badInput("--target-norm " + network.targetNorm + " must be > 0");
                }
                p.targetNorm = wt;
            }
        } else if (paper && p.norm == TrainParams.Norm.L1) {
            p.targetNorm = PAPER_L1_WT;
        }
        if (paper && homeostasis.thetaPlusMv == null) {
            p.thetaPlusMv = PAPER_THETA_PLUS_MV;
        }
        p.adaptiveThreshold = !homeostasis.noAdaptiveThreshold;
        p.thetaPlusMv = given("--theta-plus", homeostasis.thetaPlusMv, p.thetaPlusMv);
        p.tauThetaMs = homeostasis.tauThetaMs;
        p.dtMs = network.dtMs;
        p.presentationMs = input.presentationMs;
        p.tauExcMs = network.tauExcMs;
        p.thresholdExcMv = network.thresholdExcMv;
        p.refractoryExcMs = network.refractoryExcMs;
        p.epspMv = network.epspMv;
        p.inhibitionMv = given("--inhibition-mv", network.inhibitionMv, p.inhibitionMv);
        p.vFloorMv = network.vFloorMv;
        p.nuPost = given("--nu-post", plasticity.nuPost, p.nuPost);
        p.nuPre = plasticity.nuPre;
        p.nuPostFinal = given("--nu-post-final", plasticity.nuPostFinal, p.nuPostFinal);
        p.thetaInference = given("--theta-inference", homeostasis.thetaInference, p.thetaInference);
        p.tauPreMs = plasticity.tauPreMs;
        p.tauPost1Ms = plasticity.tauPost1Ms;
        p.tauPost2Ms = plasticity.tauPost2Ms;
        p.tripletLtp = plasticity.triplet;
        p.rateAtIntensity1Hz = given("--rate-hz", input.rateHz, p.rateAtIntensity1Hz);
        if (input.intensity != null) {
            p.intensity = input.intensity;
            if (p.intensity == 0) {
                throw snn.support.SnnException.badInput("--intensity 0 is outside 1..255");
            }
        }
        p.intensityMax = input.intensityMax;
        p.minSpikes = input.minSpikes;
        p.seed = run.seed;
        // every range at once (docs/trainer.md, "Limits"), before any data is read
        ParamLimits.checkGiven(p);
        return p;
    }

    /**
     * An optional value: {@code unset} (the field as it is: NaN = derive the default, or the preset's)
     * when the option was not given; a given NaN would read as "derive", so it is refused here.
     */
    private static double given(String name, Double v, double unset) {
        if (v == null) {
            return unset;
        }
        if (Double.isNaN(v)) {
            throw snn.support.SnnException.badInput(name + " NaN is not a number");
        }
        return v;
    }

    /** The paper's stated values (arXiv 2601.11261) that --preset paper sets. */
    public static final double PAPER_THETA_PLUS_MV = 0.11;
    public static final double PAPER_L1_WT = 78.0;
    public static final int PAPER_TRAIN_IMAGES = 40_000;

    public Trainer trainer(TrainParams p, boolean quiet) {
        Trainer t = new Trainer(p);
        t.trainImages = run.trainImages == null ? -1 : check("--train-images", run.trainImages, 1, Integer.MAX_VALUE);
        if (run.preset != null && run.trainImages == null) {
            t.trainImages = PAPER_TRAIN_IMAGES; // the paper's protocol: an error on a smaller dataset, not fewer images
        }
        t.epochs = check("--epochs", run.epochs, 1, 1000);
        t.labelImages = run.labelImages == null ? -1 : check("--label-images", run.labelImages, 1, Integer.MAX_VALUE);
        t.testImages = run.testImages == -1 ? -1 : check("--test-images", run.testImages, 0, Integer.MAX_VALUE);
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
}
