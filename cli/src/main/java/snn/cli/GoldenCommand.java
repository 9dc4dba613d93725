package snn.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.cli.json.GoldenJson;
import snn.core.RandomNetworks;
import snn.sim.golden.GoldenVectors;
import snn.support.Json;

/** {@code snn golden}: cross-check vectors for other implementations of the device spec. */
@Command(name = "golden", description = "Write golden vectors (device images + per-step state traces) that another"
        + " implementation of docs/device-spec.md must reproduce exactly.")
public final class GoldenCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Directory to write NAME.img, NAME.trace and index.txt into.")
    Path out;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of the random configurations.")
    long seed;

    @Option(names = "--random", paramLabel = "N", defaultValue = "24", description = "Number of random configurations.")
    int random;

    /** The most random configurations: each writes an image and a per-step trace. */
    static final int MAX_RANDOM = 10_000;

    @Override
    public Integer call() throws Exception {
        if (random < 0 || random > MAX_RANDOM) {
            throw snn.support.SnnException.badInput("--random " + random + " is outside 0.." + MAX_RANDOM);
        }
        snn.support.AtomicFiles.checkWritableDir("--out", out);
        List<RandomNetworks.Case> cases = GoldenVectors.standardCases(seed, random);
        long records = GoldenVectors.write(out, cases);
        GoldenJson j = new GoldenJson(out.toString(), cases.size(), records, seed);
        if (common.json) {
            common.out().println(Json.pretty(j));
        } else {
            common.out().printf("%s: %d cases, %d step records%n", out, cases.size(), records);
        }
        common.out().flush();
        return 0;
    }
}
