package snn.sweep;

import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Gives {@code snn sweep} one option per {@code snn train} option (read from the train option
 * classes themselves), each taking a list or range of values as a grid dimension: a new train
 * option can be swept the day it exists. Switches such as {@code --no-adaptive-threshold} take
 * {@code true,false}; alone, they mean true, as they do for train.
 */
public final class GridOptions implements CommandLine.IModelTransformer {
    /** The grid option names, with dashes; switches are in {@link #flags()} too. */
    static Set<String> names() {
        Set<String> s = new LinkedHashSet<>();
        for (OptionSpec o : TrainArgs.gridOptions()) {
            s.add(o.longestName());
        }
        return s;
    }

    static Set<String> flags() {
        Set<String> s = new LinkedHashSet<>();
        for (OptionSpec o : TrainArgs.gridOptions()) {
            if (o.arity().max() == 0) {
                s.add(o.longestName());
            }
        }
        return s;
    }

    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (OptionSpec o : TrainArgs.gridOptions()) {
            boolean flag = o.arity().max() == 0;
            String what = o.description().length > 0 ? o.description()[0] : "";
            String def = o.defaultValue() != null ? o.defaultValue() : o.initialValue() == null ? null
                    : String.valueOf(o.initialValue());
            if (!flag && def != null && o.showDefaultValue() != CommandLine.Help.Visibility.NEVER) {
                what = what + " (train's default: " + def + ")";
            }
            OptionSpec.Builder b = OptionSpec.builder(o.names()).type(String.class)
                    .paramLabel(flag ? "BOOLS" : "VALUES")
                    .description("[grid] " + what);
            if (flag) {
                b.arity("0..1").fallbackValue("true");
            } else {
                b.arity("1");
            }
            b.hidden(o.hidden());
            spec.addOption(b.build());
        }
        return spec;
    }
}
