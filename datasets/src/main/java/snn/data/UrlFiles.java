package snn.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The four IDX files at one base URL under their canonical names, gzip ({@code .gz}) first, then
 * raw: a configured mirror ({@code <mirror>/<dataset>/}) or a dataset's original public location.
 */
public final class UrlFiles implements DatasetFetcher {
    private final String label;
    private final String base;
    private final HttpDownload http;

    /** @param base URL of the folder holding the files, with or without a trailing slash */
    public UrlFiles(String label, String base, HttpDownload http) {
        this.label = label;
        this.base = base.endsWith("/") ? base : base + "/";
        this.http = http;
    }

    @Override
    public String describe() {
        return label + " " + base;
    }

    @Override
    public Path fetch(Path workDir, FetchLog log) throws IOException {
        for (IdxRole role : IdxRole.values()) {
            String gz = role.canonicalName() + ".gz";
            try {
                http.get(URI.create(base + gz), workDir.resolve(gz), log);
            } catch (IOException notGzip) {
                Files.deleteIfExists(workDir.resolve(gz));
                try {
                    http.get(URI.create(base + role.canonicalName()), workDir.resolve(role.canonicalName()), log);
                } catch (IOException notRaw) {
                    throw new IOException(notGzip.getMessage() + "; " + notRaw.getMessage(), notRaw);
                }
            }
        }
        return workDir;
    }
}
