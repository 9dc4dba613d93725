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
 * {@code snn datasets fetch NAME...}: puts known datasets into the cache, verified. Idempotent: a
 * dataset already cached with matching checksums is not downloaded again.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Download known datasets into the cache ($${XDG_CACHE_HOME:-~/.cache}/snn/datasets), checking"
                + " every file's SHA-256. Already cached, verified datasets are left as they are.")
public final class DatasetsFetchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "mnist, fashion-mnist")
    List<String> names;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DatasetResolver resolver = DatasetOptions.resolver(common);
        List<KnownDataset> wanted = new ArrayList<>();
        for (String name : names) {
            KnownDataset known = resolver.known(name);
            if (known == null) {
                throw SnnException.badInput("unknown dataset '" + name + "': known names are "
                        + String.join(", ", resolver.knownNames()) + " (a folder dataset needs no fetch)");
            }
            wanted.add(known);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> results = new ArrayList<>();
        for (KnownDataset known : wanted) {
            DatasetCache.FetchResult r = resolver.cache().fetch(known);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", known.name());
            row.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
            row.put("from", r.from());
            row.put("path", r.dir().toString());
            results.add(row);
            if (!common.json) {
                out.println(known.name() + ": " + switch (r.outcome()) {
                    case ALREADY_CACHED -> "already cached and verified in " + r.dir();
                    case COPIED_FROM_SYSTEM -> "copied from " + r.from() + " into " + r.dir() + " (verified)";
                    case FETCHED -> "fetched with " + r.from() + " into " + r.dir() + " (verified)";
                });
            }
        }
        if (common.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("cache", resolver.cache().root().toString());
            json.put("datasets", results);
            out.println(Json.pretty(json));
        }
        out.flush();
        return 0;
    }
}
