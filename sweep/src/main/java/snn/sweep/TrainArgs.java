package snn.sweep;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import snn.cli.DatasetOptions;
import snn.cli.TrainOptions;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;
import snn.support.SnnException;

/**
 * The command line of one sweep point, read by the very option classes {@code snn train} uses, so
 * that a point means exactly what the same arguments mean to {@code snn train} and every train
 * option (present or future) can be swept without the sweep knowing it.
 */
@Command(name = "train")
public final class TrainArgs {
    @Mixin
    public TrainOptions train;

    @Mixin
    public DatasetOptions data;

    /** Train options that are not grid dimensions: the seed is {@code --seeds}; these two are sweep-wide. */
    static final List<String> NOT_GRID = List.of("--seed", "--threads", "--data-dir");

    /** Parses a point's arguments; a bad value is bad input naming the point. */
    public static TrainArgs parse(List<String> args) {
        TrainArgs a = new TrainArgs();
        try {
            new CommandLine(a).parseArgs(args.toArray(new String[0]));
        } catch (CommandLine.ParameterException e) {
            throw SnnException.badInput("point '" + String.join(" ", args) + "': " + e.getMessage());
        }
        return a;
    }

    /** The option specs a sweep can take a grid of. */
    static List<CommandLine.Model.OptionSpec> gridOptions() {
        return new CommandLine(new TrainArgs()).getCommandSpec().options().stream()
                .filter(o -> !NOT_GRID.contains(o.longestName())).toList();
    }

    /**
     * Everything that decides a point's result, as a sorted map: the dataset, the seed, the switches
     * and every number of {@link TrainParams#values()}, and the trainer's image counts. Two points
     * with the same map give the same model, so the map (as compact JSON) keys resume.
     */
    public Map<String, Object> identity(long seed) {
        TrainParams p = train.params();
        Trainer t = train.trainer(p, true);
        Map<String, Object> m = new TreeMap<>();
        m.put("dataset", data.dataset);
        m.put("seed", seed);
        m.put("norm", p.norm.name().toLowerCase(Locale.ROOT));
        m.put("adaptive_threshold", p.adaptiveThreshold);
        m.put("ltp", p.tripletLtp ? "triplet" : "pair");
        m.put("decision", t.decision == snn.core.DeviceNetwork.DECISION_VOTE ? "vote" : "max-neuron");
        m.put("train_images", t.trainImages);
        m.put("epochs", t.epochs);
        m.put("label_images", t.labelImages);
        m.put("test_images", t.testImages);
        m.putAll(p.values());
        return m;
    }
}
