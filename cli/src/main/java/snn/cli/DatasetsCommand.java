package snn.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import snn.support.SnnException;

/** {@code snn datasets}: the group of dataset commands; on its own it prints its usage. */
@Command(name = "datasets", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Fetch, verify and list the image datasets (MNIST, Fashion-MNIST, or any folder of IDX files).",
        subcommands = {DatasetsFetchCommand.class, DatasetsVerifyCommand.class, DatasetsListCommand.class})
public final class DatasetsCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return SnnException.USAGE;
    }
}
