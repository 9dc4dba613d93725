package snn.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;
import snn.data.Dataset;
import snn.data.DatasetResolver;
import snn.data.FetchLog;

/**
 * The dataset options shared by every command that reads images (train, verify, demo...):
 * {@code --dataset NAME|FOLDER} and {@code --data-dir DIR}. Use as {@code @Mixin DatasetOptions data;}
 * then {@code data.load(common)}.
 */
public final class DatasetOptions {
    /**
     * How commands obtain a resolver. The real environment by default; tests put in one built on
     * temporary folders (and must restore this default afterwards).
     */
    static Function<FetchLog, DatasetResolver> resolvers = DatasetResolver::standard;

    @Option(names = "--dataset", paramLabel = "NAME|FOLDER", defaultValue = "mnist",
            description = "mnist, fashion-mnist, or a folder holding the four IDX files.")
    public String dataset;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Look here first for <name>/ or the four files (default: $SNN_DATA, then the cache,"
                    + " system locations, and finally a download into the cache).")
    public Path dataDir;

    /** The resolver for this process, logging fetch progress on stderr unless {@code --quiet}. */
    public static DatasetResolver resolver(CommonOptions common) {
        return resolvers.apply(common.quiet ? FetchLog.silent() : new FetchLog(common.err(), false));
    }

    /** Loads (and, for a known name found nowhere, fetches) the chosen dataset. */
    public Dataset load(CommonOptions common) throws IOException {
        return resolver(common).load(dataset, dataDir);
    }
}
