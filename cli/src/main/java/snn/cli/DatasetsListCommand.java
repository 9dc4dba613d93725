package snn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.cli.json.DatasetsJson;
import snn.data.Dataset;
import snn.data.DatasetResolver;
import snn.support.Json;
import snn.support.SnnException;

/**
 * {@code snn datasets list [NAME|FOLDER...]}: for each dataset, where it was found, its counts, image
 * shape, class count and the SHA-256 of each file (verified against the table for known names).
 * Never downloads. Exit 1 when a dataset that was found fails its checksum, 2 when a file is malformed.
 */
@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Show each dataset found on this machine: counts, image shape, classes, where it was found and"
                + " the verified SHA-256 of its files. Does not download.")
public final class DatasetsListCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first (default: $SNN_DATA).")
    Path dataDir;

    @Parameters(arity = "0..*", paramLabel = "NAME|FOLDER",
            description = "Datasets to show (default: every known name).")
    List<String> names = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DatasetResolver resolver = DatasetOptions.resolver(common);
        List<String> todo = names.isEmpty() ? resolver.knownNames() : names;
        PrintWriter out = spec.commandLine().getOut();
        List<DatasetsJson.Found> rows = new ArrayList<>();
        int exit = 0;
        for (String name : todo) {
            DatasetResolver.Location loc = resolver.locate(name, dataDir);
            if (loc == null) {
                rows.add(new DatasetsJson.Found(name, false, "snn datasets fetch " + name, null, null, null, null, null,
                        null, null, null, null, null));
                if (!common.json) {
                    out.println(name + ": not on this machine (run: snn datasets fetch " + name + ")");
                }
                continue;
            }
            DatasetsJson.Found row;
            try {
                Dataset ds = resolver.read(loc);
                row = describe(ds, loc);
                if (!common.json) {
                    print(out, ds);
                }
            } catch (SnnException e) {
                row = new DatasetsJson.Found(name, true, null, loc.source().label(), loc.dir().toString(), null, null,
                        null, null, null, null, null, e.getMessage());
                exit = Math.max(exit, e.exitCode());
                if (!common.json) {
                    out.println(name + ": " + loc.source().label() + " " + loc.dir() + ": ERROR " + e.getMessage());
                }
            }
            rows.add(row);
        }
        if (common.json) {
            out.println(Json.pretty(new DatasetsJson.Listing(resolver.cache().root().toString(), rows)));
        }
        out.flush();
        return exit;
    }

    private static DatasetsJson.Found describe(Dataset ds, DatasetResolver.Location loc) {
        List<DatasetsJson.File> files = new ArrayList<>();
        for (Dataset.FileInfo f : ds.files()) {
            files.add(new DatasetsJson.File(f.role().key(), f.path().toString(), f.sha256(), f.verified()));
        }
        return new DatasetsJson.Found(ds.name(), true, null, loc.source().label(), loc.dir().toString(), ds.train().count(),
                ds.test().count(), ds.rows(), ds.cols(), ds.classes(), ds.verified(), files, null);
    }

    private static void print(PrintWriter out, Dataset ds) {
        out.printf("%s: %d train / %d test images, %dx%d, %d classes, %s %s%n", ds.name(), ds.train().count(),
                ds.test().count(), ds.rows(), ds.cols(), ds.classes(), ds.source().label(), ds.location());
        for (Dataset.FileInfo f : ds.files()) {
            out.printf("  %-12s %s  %s%n", f.role().key(), f.sha256(),
                    f.verified() ? "verified" : "not checked (no published sum for a folder dataset)");
        }
    }
}
