package snn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.sim.golden.GoldenVectors;
import snn.core.RandomNetworks;
import snn.support.Json;

/** {@code snn golden}: cross-check vectors for other implementations of the device spec. */
@Command(name = "golden", description = "Write golden vectors (device images + per-step state traces) that another"
        + " implementation of docs/device-spec.md must reproduce exactly.")
public final class GoldenCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Option(names = "--out", required = true, description = "Directory to write NAME.img, NAME.trace and index.txt into.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the random configurations (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--random", defaultValue = "24", description = "Number of random configurations (default ${DEFAULT-VALUE}).")
    int random;

    @Override
    public Integer call() throws Exception {
        snn.support.AtomicFiles.checkWritableDir("--out", out);
        List<RandomNetworks.Case> cases = GoldenVectors.standardCases(seed, random);
        long records = GoldenVectors.write(out, cases);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("out", out.toString());
        j.put("cases", cases.size());
        j.put("records", records);
        j.put("seed", seed);
        if (common.json) {
            out().println(Json.pretty(j));
        } else {
            out().printf("%s: %d cases, %d step records%n", out, cases.size(), records);
        }
        out().flush();
        return 0;
    }
}
