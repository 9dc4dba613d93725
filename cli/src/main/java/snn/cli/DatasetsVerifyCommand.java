package snn.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
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
        List<Map<String, Object>> rows = new ArrayList<>();
        boolean ok = true;
        for (String name : todo) {
            KnownDataset known = resolver.known(name);
            if (known == null) {
                throw SnnException.badInput("unknown dataset '" + name + "': known names are "
                        + String.join(", ", resolver.knownNames()));
            }
            List<DatasetCache.FileCheck> checks = resolver.cache().check(known);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("path", resolver.cache().dir(name).toString());
            if (checks.isEmpty()) {
                row.put("status", "not cached");
                ok &= !explicit;
                if (!common.json) {
                    out.println(name + ": not cached" + (explicit ? " (run: snn datasets fetch " + name + ")" : ""));
                }
                rows.add(row);
                continue;
            }
            boolean all = checks.stream().allMatch(DatasetCache.FileCheck::ok);
            ok &= all;
            row.put("status", all ? "ok" : "mismatch");
            List<Map<String, Object>> files = new ArrayList<>();
            if (!common.json) {
                out.println(name + ": " + (all ? "ok" : "MISMATCH") + " (" + resolver.cache().dir(name) + ")");
            }
            for (DatasetCache.FileCheck c : checks) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("role", c.role().key());
                f.put("path", c.path().toString());
                f.put("expected_sha256", c.expected());
                f.put("sha256", c.actual());
                f.put("ok", c.ok());
                files.add(f);
                if (!common.json) {
                    out.println("  " + c.path().getFileName() + "  " + (c.actual() == null ? "MISSING"
                            : c.ok() ? "ok " + c.actual() : "MISMATCH expected " + c.expected() + ", found " + c.actual()));
                }
            }
            row.put("files", files);
            rows.add(row);
        }
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("ok", ok);
            json.put("cache", resolver.cache().root().toString());
            json.put("datasets", rows);
            out.println(Json.pretty(json));
        }
        out.flush();
        return ok ? 0 : SnnException.CHECK_FAILED;
    }
}
