package snn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import snn.cli.json.DatasetsJson;
import snn.data.DatasetCache;
import snn.data.DatasetResolver;
import snn.data.KnownDataset;
import snn.support.Json;
import snn.support.SnnException;

/**
 * {@code snn datasets verify [NAME...]}: re-hashes the cached files against the checksum table.
 * Exit 1 when a file is missing or does not match, or when a dataset named on the command line is
 * not cached.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Re-hash the cached datasets (all known ones by default) against their SHA-256 sums;"
                + " exit 1 on a mismatch.")
public final class DatasetsVerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Datasets to verify (default: every cached one).")
    List<String> names = new ArrayList<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DatasetResolver resolver = DatasetOptions.resolver(common);
        boolean explicit = !names.isEmpty();
        List<String> todo = explicit ? names : resolver.knownNames();
        PrintWriter out = spec.commandLine().getOut();
        List<DatasetsJson.Checked> rows = new ArrayList<>();
        boolean ok = true;
        for (String name : todo) {
            KnownDataset known = resolver.known(name);
            if (known == null) {
                throw SnnException.badInput("unknown dataset '" + name + "': known names are "
                        + String.join(", ", resolver.knownNames()));
            }
            List<DatasetCache.FileCheck> checks = resolver.cache().check(known);
            String path = resolver.cache().dir(name).toString();
            if (checks.isEmpty()) {
                ok &= !explicit;
                if (!common.json) {
                    out.println(name + ": not cached" + (explicit ? " (run: snn datasets fetch " + name + ")" : ""));
                }
                rows.add(new DatasetsJson.Checked(name, path, "not cached", null));
                continue;
            }
            boolean all = checks.stream().allMatch(DatasetCache.FileCheck::ok);
            ok &= all;
            List<DatasetsJson.FileCheck> files = new ArrayList<>();
            if (!common.json) {
                out.println(name + ": " + (all ? "ok" : "MISMATCH") + " (" + resolver.cache().dir(name) + ")");
            }
            for (DatasetCache.FileCheck c : checks) {
                files.add(new DatasetsJson.FileCheck(c.role().key(), c.path().toString(), c.expected(), c.actual(), c.ok()));
                if (!common.json) {
                    out.println("  " + c.path().getFileName() + "  " + (c.actual() == null ? "MISSING"
                            : c.ok() ? "ok " + c.actual() : "MISMATCH expected " + c.expected() + ", found " + c.actual()));
                }
            }
            rows.add(new DatasetsJson.Checked(name, path, all ? "ok" : "mismatch", files));
        }
        if (common.json) {
            out.println(Json.pretty(new DatasetsJson.Verification(ok, resolver.cache().root().toString(), rows)));
        }
        out.flush();
        return ok ? 0 : SnnException.CHECK_FAILED;
    }
}
