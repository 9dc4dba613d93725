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

    @Option(names = "--target-norm", paramLabel = "WT|auto",
            description = "Target norm Wt of each neuron's input weights (weights in [0,1]); default derived from the"
                    + " dataset: 6 x sqrt(N/784) for l2, 156 x N/784 for l1 (snn train -v shows the reasons). auto: start"
                    + " there and let a rule move Wt to hold --auto-target-spikes spikes per image.")
    public String targetNorm;

    @Option(names = "--auto-target-spikes", paramLabel = "S",
            description = "With --target-norm auto: excitatory spikes per training image to hold (default: ${DEFAULT-VALUE}).")
    public double autoTargetSpikes = TrainParams.AUTO_TARGET_SPIKES;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "paper: every value arXiv 2601.11261 states (theta+ 0.11 mV, 150 ms, 40,000 images, one epoch,"
                    + " 400 neurons, L1 Wt 78 as Diehl and Cook), the trainer's tuned values for what it leaves open;"
                    + " options given explicitly still win.")
    public String preset;

    @Option(names = "--train-images", description = "Training images per epoch (default: the paper's 40,000,"
            + " or all the dataset has when fewer).")
    public Integer trainImages;

    @Option(names = "--epochs", description = "Passes over the training images (default: ${DEFAULT-VALUE}).")
    public int epochs = 1;

    @Option(names = "--seed", description = "Seed of the initial weights and the training spike trains (default: ${DEFAULT-VALUE}).")
    public long seed = 1;

    @Option(names = "--theta-plus", paramLabel = "MV", description = "Adaptive threshold rise per spike, mV (default: 0.05,"
            + " the norm's tuned value).")
    public Double thetaPlusMv;

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

    @Option(names = "--inhibition-mv", description = "Drop of every other excitatory neuron per inhibitory spike"
            + " (default: 60, the norm's tuned value).")
    public Double inhibitionMv;

    @Option(names = "--v-floor-mv", description = "Lowest excitatory membrane potential relative to rest (default: ${DEFAULT-VALUE}).")
    public double vFloorMv = d.vFloorMv;

    @Option(names = "--nu-post", description = "LTP learning rate (default: 0.02 for l2, 0.01 for l1).")
    public Double nuPost;

    @Option(names = "--nu-post-final", description = "LTP rate at the last image; falls linearly from --nu-post (default: constant).")
    public Double nuPostFinal;

    @Option(names = "--theta-inference", paramLabel = "A",
            description = "Share of each neuron's own theta kept at inference; the rest is the mean theta"
                    + " (default: 0 for l2, 1 for l1).")
    public Double thetaInference;

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

    @Option(names = "--rate-hz", description = "Poisson rate of a 255 pixel at intensity 1 (default: derived from the"
            + " dataset's mean ink so that an image sends as many spikes as an MNIST image; 31.875 on MNIST).")
    public Double rateHz;

    @Option(names = "--intensity", description = "Starting input intensity (default: ${DEFAULT-VALUE}).")
    public int intensity = d.intensity;

    @Option(names = "--intensity-max", description = "Highest intensity tried when too few spikes (default: ${DEFAULT-VALUE}).")
    public int intensityMax = d.intensityMax;

    @Option(names = "--min-spikes", description = "Show the image again, brighter, while fewer spikes than this (default: ${DEFAULT-VALUE}).")
    public int minSpikes = d.minSpikes;

    @Option(names = "--label-images", description = "Training images used to label the neurons, the last ones trained on"
            + " (default: 10,000, or all the trained images when fewer).")
    public Integer labelImages;

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
        boolean paper = false;
        if (preset != null) {
            if (!preset.equalsIgnoreCase("paper")) {
                throw snn.support.SnnException.badInput("--preset " + preset + ": the only preset is paper");
            }
            paper = true;
        }
        if (targetNorm != null) {
            if (targetNorm.equalsIgnoreCase("auto")) {
                p.autoTargetNorm = true;
                if (!(autoTargetSpikes > 0) || Double.isInfinite(autoTargetSpikes)) {
                    throw snn.support.SnnException.badInput("--auto-target-spikes " + autoTargetSpikes + " must be > 0");
                }
                p.autoTargetSpikes = autoTargetSpikes;
            } else {
                double wt;
                try {
                    wt = Double.parseDouble(targetNorm);
                } catch (NumberFormatException e) {
                    throw snn.support.SnnException.badInput("--target-norm " + targetNorm + ": give a number > 0 or auto");
                }
                if (!(wt > 0) || Double.isInfinite(wt)) {
                    throw snn.support.SnnException.badInput("--target-norm " + targetNorm + " must be > 0");
                }
                p.targetNorm = wt;
            }
        } else if (paper && p.norm == TrainParams.Norm.L1) {
            p.targetNorm = PAPER_L1_WT;
        }
        if (paper) {
            if (thetaPlusMv == null) {
                p.thetaPlusMv = PAPER_THETA_PLUS_MV;
            }
        }
        p.adaptiveThreshold = !noAdaptiveThreshold;
        if (thetaPlusMv != null) {
            p.thetaPlusMv = thetaPlusMv;
        }
        p.tauThetaMs = tauThetaMs;
        p.dtMs = positive("--dt-ms", dtMs);
        p.presentationMs = positive("--presentation-ms", presentationMs);
        p.tauExcMs = positive("--tau-exc-ms", tauExcMs);
        p.thresholdExcMv = positive("--threshold-exc-mv", thresholdExcMv);
        p.refractoryExcMs = refractoryExcMs;
        p.epspMv = positive("--epsp-mv", epspMv);
        if (inhibitionMv != null) {
            p.inhibitionMv = inhibitionMv;
        }
        p.vFloorMv = vFloorMv;
        if (nuPost != null) {
            p.nuPost = nuPost;
        }
        p.nuPre = nuPre;
        if (nuPostFinal != null) {
            p.nuPostFinal = nuPostFinal;
        }
        if (thetaInference != null) {
            if (!(thetaInference >= 0 && thetaInference <= 1)) {
                throw snn.support.SnnException.badInput("--theta-inference " + thetaInference + " is outside 0..1");
            }
            p.thetaInference = thetaInference;
        }
        p.tauPreMs = positive("--tau-pre-ms", tauPreMs);
        p.tauPost1Ms = positive("--tau-post1-ms", tauPost1Ms);
        p.tauPost2Ms = positive("--tau-post2-ms", tauPost2Ms);
        p.tripletLtp = triplet;
        if (rateHz != null) {
            p.rateAtIntensity1Hz = positive("--rate-hz", rateHz);
        }
        p.intensity = check("--intensity", intensity, 1, 255);
        p.intensityMax = check("--intensity-max", intensityMax, intensity, 255);
        p.minSpikes = check("--min-spikes", minSpikes, 0, 1_000_000);
        p.seed = seed;
        return p;
    }

    /** The paper's stated values (arXiv 2601.11261) that --preset paper sets. */
    public static final double PAPER_THETA_PLUS_MV = 0.11;
    public static final double PAPER_L1_WT = 78.0;
    public static final int PAPER_TRAIN_IMAGES = 40_000;

    public Trainer trainer(TrainParams p, boolean quiet) {
        Trainer t = new Trainer(p);
        t.trainImages = trainImages == null ? -1 : check("--train-images", trainImages, 1, Integer.MAX_VALUE);
        if (preset != null && trainImages == null) {
            t.trainImages = PAPER_TRAIN_IMAGES; // the paper's protocol: an error on a smaller dataset, not fewer images
        }
        t.epochs = check("--epochs", epochs, 1, 1000);
        t.labelImages = labelImages == null ? -1 : check("--label-images", labelImages, 1, Integer.MAX_VALUE);
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
