package snn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import snn.support.SnnException;

/**
 * Fetches a dataset shipped as a Debian package: {@code apt-get download <package>} puts the
 * {@code .deb} in the work folder and {@code dpkg -x} unpacks it there. Nothing is installed on the
 * system, so no root is needed for these two steps.
 *
 * <p>On a fresh machine apt has no package lists yet and the download fails with "Unable to locate
 * package". Then, if this process may write apt's lists (it runs as root), {@code apt-get update}
 * runs once and the download is retried; otherwise the error says to run it.
 */
public final class AptDownloadFetcher implements DatasetFetcher {
    private final String packageName;
    private final String dataPath;
    private final String aptGet;
    private final String dpkg;
    private final Path aptLists;

    /**
     * @param packageName Debian package, e.g. {@code dataset-fashion-mnist}
     * @param dataPath    folder inside the package holding the IDX files, e.g. {@code usr/share/datasets/fashion-mnist}
     */
    public AptDownloadFetcher(String packageName, String dataPath) {
        this(packageName, dataPath, "apt-get", "dpkg", Path.of("/var/lib/apt/lists"));
    }

    /** With other programs in place of apt-get and dpkg, and another lists folder (tests). */
    AptDownloadFetcher(String packageName, String dataPath, String aptGet, String dpkg, Path aptLists) {
        this.packageName = packageName;
        this.dataPath = dataPath;
        this.aptGet = aptGet;
        this.dpkg = dpkg;
        this.aptLists = aptLists;
    }

    @Override
    public String describe() {
        return "apt-get download " + packageName + " + dpkg -x";
    }

    @Override
    public Path fetch(Path workDir, FetchLog log) throws IOException {
        Path debDir = Files.createDirectories(workDir.resolve("deb"));
        List<String> download = List.of(aptGet, "download", "-q", packageName);
        String hint = "apt-get install apt (a Debian-based system is needed for " + packageName + ")";
        Subprocess.Result r = Subprocess.run(download, debDir, Map.of(), hint, log, "apt-get download " + packageName);
        if (r.exitCode() != 0 && needsListUpdate(r.output())) {
            if (!Files.isWritable(aptLists)) {
                throw SnnException.checkFailed("`apt-get download " + packageName + "` found no such package: apt's"
                        + " package lists are missing or old; run `apt-get update` as root, then fetch again");
            }
            log.note("apt does not know " + packageName + " yet: running `apt-get update` once");
            Subprocess.runOrFail(List.of(aptGet, "update", "-q"), debDir, Map.of(), hint, log, "apt-get update");
            r = Subprocess.run(download, debDir, Map.of(), hint, log, "apt-get download " + packageName);
        }
        if (r.exitCode() != 0) {
            throw SnnException.checkFailed("`apt-get download " + packageName + "` failed with exit code " + r.exitCode()
                    + ": " + r.lastLine());
        }
        Path deb;
        try (Stream<Path> s = Files.list(debDir)) {
            deb = s.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                    .orElseThrow(() -> SnnException.checkFailed("`apt-get download " + packageName + "` left no .deb in "
                            + debDir));
        }
        Path root = workDir.resolve("root");
        Subprocess.runOrFail(List.of(dpkg, "-x", deb.toString(), root.toString()), workDir, Map.of(),
                "apt-get install dpkg", log, "dpkg -x " + deb.getFileName());
        Path data = root.resolve(dataPath);
        if (!Files.isDirectory(data)) {
            throw SnnException.checkFailed(deb + ": the package holds no folder " + dataPath);
        }
        return data;
    }

    /** apt's wording when a package is unknown because the lists were never fetched or are stale. */
    static boolean needsListUpdate(String output) {
        return output.contains("Unable to locate package") || output.contains("has no installation candidate")
                || output.contains("Can't select candidate version") || output.contains("404  Not Found");
    }
}
