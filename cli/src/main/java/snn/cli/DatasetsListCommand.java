package snn.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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
        List<Map<String, Object>> rows = new ArrayList<>();
        int exit = 0;
        for (String name : todo) {
            DatasetResolver.Location loc = resolver.locate(name, dataDir);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            if (loc == null) {
                row.put("found", false);
                row.put("hint", "snn datasets fetch " + name);
                rows.add(row);
                if (!common.json) {
                    out.println(name + ": not on this machine (run: snn datasets fetch " + name + ")");
                }
                continue;
            }
            row.put("found", true);
            row.put("source", loc.source().label());
            row.put("path", loc.dir().toString());
            try {
                Dataset ds = resolver.read(loc);
                describe(ds, row);
                if (!common.json) {
                    print(out, ds);
                }
            } catch (SnnException e) {
                row.put("error", e.getMessage());
                exit = Math.max(exit, e.exitCode());
                if (!common.json) {
                    out.println(name + ": " + loc.source().label() + " " + loc.dir() + ": ERROR " + e.getMessage());
                }
            }
            rows.add(row);
        }
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cache", resolver.cache().root().toString());
            json.put("datasets", rows);
            out.println(Json.pretty(json));
        }
        out.flush();
        return exit;
    }

    private static void describe(Dataset ds, Map<String, Object> row) {
        row.put("name", ds.name());
        row.put("train", ds.train().count());
        row.put("test", ds.test().count());
        row.put("rows", ds.rows());
        row.put("cols", ds.cols());
        row.put("classes", ds.classes());
        row.put("verified", ds.verified());
        List<Map<String, Object>> files = new ArrayList<>();
        for (Dataset.FileInfo f : ds.files()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("role", f.role().key());
            m.put("path", f.path().toString());
            m.put("sha256", f.sha256());
            m.put("verified", f.verified());
            files.add(m);
        }
        row.put("files", files);
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
