package snn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.SnnException;

/** Resolution order, cache behaviour and the checksum check, on a toy dataset known by the name "toy". */
class DatasetResolverTest {
    @TempDir
    Path tmp;

    private final ToyData toy = new ToyData(5, 7, 3, 9, 4, 7);
    private final AtomicInteger fetches = new AtomicInteger();
    /** What the fake fetcher brings: the toy data, or tampered data when set. */
    private ToyData served = toy;

    private final DatasetFetcher fakeFetcher = new DatasetFetcher() {
        @Override
        public String describe() {
            return "fake fetcher";
        }

        @Override
        public Path fetch(Path workDir, FetchLog log) throws IOException {
            fetches.incrementAndGet();
            return served.writeTo(workDir.resolve("got"), true, true);
        }
    };

    private Path home() {
        return tmp.resolve("home");
    }

    private Path systemRoot() {
        return tmp.resolve("sys");
    }

    private DatasetResolver resolver(Map<String, String> env) {
        Map<String, KnownDataset> catalog = Map.of("toy", new KnownDataset("toy", toy.sums(), fakeFetcher));
        return new DatasetResolver(new DatasetEnvironment(env, home(), List.of(tmp.resolve("nosuch"), systemRoot())),
                catalog, FetchLog.silent());
    }

    private Path cacheDir() {
        return home().resolve(".cache/snn/datasets/toy");
    }

    @Test
    void dataDirBeatsCacheBeatsSystemBeatsFetch() throws IOException {
        Path dataDir = tmp.resolve("data");
        toy.writeTo(Files.createDirectories(dataDir.resolve("toy")), false, false);
        toy.writeTo(Files.createDirectories(cacheDir()), false, false);
        toy.writeTo(Files.createDirectories(systemRoot().resolve("toy")), true, false);
        DatasetResolver r = resolver(Map.of());

        Dataset fromDataDir = r.load("toy", dataDir);
        assertEquals(Dataset.Source.DATA_DIR, fromDataDir.source());
        assertEquals(dataDir.resolve("toy"), fromDataDir.location());
        assertTrue(fromDataDir.verified());

        assertEquals(Dataset.Source.CACHE, r.load("toy", null).source());
        DatasetCache.deleteTree(cacheDir());
        Dataset fromSystem = r.load("toy", null);
        assertEquals(Dataset.Source.SYSTEM, fromSystem.source());
        assertEquals(systemRoot().resolve("toy"), fromSystem.location());
        DatasetCache.deleteTree(systemRoot());

        assertEquals(0, fetches.get());
        Dataset fetched = r.load("toy", null);
        assertEquals(Dataset.Source.FETCHED, fetched.source());
        assertEquals(1, fetches.get());
        assertTrue(r.cache().isVerified(r.known("toy")));
        // Cached now: the next load reads the cache and does not fetch again.
        assertEquals(Dataset.Source.CACHE, r.load("toy", null).source());
        assertEquals(1, fetches.get());
        assertArrayEquals(toy.trainPixels, fetched.train().pixels());
    }

    @Test
    void dataDirOptionBeatsSnnDataVariableWhichBeatsCache() throws IOException {
        Path option = toy.writeTo(Files.createDirectories(tmp.resolve("option")), false, true); // files directly
        Path variable = tmp.resolve("variable");
        toy.writeTo(Files.createDirectories(variable.resolve("toy")), true, false);
        toy.writeTo(Files.createDirectories(cacheDir()), false, false);
        DatasetResolver r = resolver(Map.of("SNN_DATA", variable.toString()));
        Dataset a = r.load("toy", option);
        assertEquals(Dataset.Source.DATA_DIR, a.source());
        assertEquals(option, a.location());
        Dataset b = r.load("toy", null);
        assertEquals(Dataset.Source.SNN_DATA, b.source());
        assertEquals(variable.resolve("toy"), b.location());
        // A data dir that does not hold the dataset falls through to the cache.
        assertEquals(Dataset.Source.CACHE, r.load("toy", Files.createDirectories(tmp.resolve("empty"))).source());
    }

    @Test
    void xdgCacheHomeMovesTheCache() throws IOException {
        Path xdg = tmp.resolve("xdg");
        DatasetResolver r = resolver(Map.of("XDG_CACHE_HOME", xdg.toString()));
        assertEquals(xdg.resolve("snn/datasets"), r.cache().root());
        assertEquals(home().resolve(".cache/snn/datasets"), resolver(Map.of("XDG_CACHE_HOME", "")).cache().root());
        assertEquals(home().resolve(".cache/snn/datasets"), resolver(Map.of("XDG_CACHE_HOME", "rel")).cache().root());
        r.load("toy", null);
        assertTrue(r.cache().isVerified(r.known("toy")));
        assertTrue(Files.isRegularFile(xdg.resolve("snn/datasets/toy/SHA256SUMS")));
    }

    @Test
    void tamperedDownloadIsRefusedAndNotCached() throws IOException {
        ToyData tampered = new ToyData(5, 7, 3, 9, 4, 7);
        tampered.contents.get(IdxRole.TEST_IMAGES)[40] ^= 1;
        served = tampered;
        DatasetResolver r = resolver(Map.of());
        SnnException e = assertThrows(SnnException.class, () -> r.load("toy", null));
        assertEquals(SnnException.CHECK_FAILED, e.exitCode());
        String expected = toy.sums().get(IdxRole.TEST_IMAGES);
        String found = Sha256.hex(tampered.contents.get(IdxRole.TEST_IMAGES));
        assertTrue(e.getMessage().contains("t10k-images.idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + expected + ", found " + found), e.getMessage());
        assertFalse(Files.exists(cacheDir()), "a refused download must not be cached");
        try (Stream<Path> left = Files.list(cacheDir().getParent())) {
            assertEquals(List.of(), left.toList(), "no staging or download folders left behind");
        }
    }

    @Test
    void tamperedDataDirIsRefusedAndDamagedCacheIsReplacedByFetch() throws IOException {
        Path dataDir = toy.writeTo(Files.createDirectories(tmp.resolve("data")), false, false);
        Path labels = dataDir.resolve(IdxRole.TRAIN_LABELS.canonicalName());
        byte[] bad = toy.contents.get(IdxRole.TRAIN_LABELS).clone();
        bad[8] = (byte) ((bad[8] + 1) % 3);
        Files.write(labels, bad);
        DatasetResolver r = resolver(Map.of());
        SnnException e = assertThrows(SnnException.class, () -> r.load("toy", dataDir));
        assertTrue(e.getMessage().startsWith(labels + ": SHA-256"), e.getMessage());

        // A damaged cache: fetch notices and replaces it with a verified copy.
        toy.writeTo(Files.createDirectories(cacheDir()), false, false);
        Files.write(cacheDir().resolve(IdxRole.TRAIN_LABELS.canonicalName()), bad);
        assertFalse(r.cache().isVerified(r.known("toy")));
        assertEquals(DatasetCache.Outcome.FETCHED, r.cache().fetch(r.known("toy")).outcome());
        assertTrue(r.cache().isVerified(r.known("toy")));
        assertEquals(DatasetCache.Outcome.ALREADY_CACHED, r.cache().fetch(r.known("toy")).outcome());
        assertEquals(1, fetches.get());
    }

    @Test
    void fetchCopiesAVerifiedSystemCopyWithoutDownloading() throws IOException {
        toy.writeTo(Files.createDirectories(systemRoot().resolve("toy")), true, false);
        DatasetResolver r = resolver(Map.of());
        DatasetCache.FetchResult res = r.cache().fetch(r.known("toy"));
        assertEquals(DatasetCache.Outcome.COPIED_FROM_SYSTEM, res.outcome());
        assertEquals(0, fetches.get());
        // The cache stores the uncompressed content under canonical names.
        assertArrayEquals(toy.contents.get(IdxRole.TRAIN_IMAGES),
                Files.readAllBytes(cacheDir().resolve("train-images-idx3-ubyte")));
    }

    @Test
    void smallNon28x28FolderDatasetWithMixedNaming() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("tiny5x7"));
        Map<IdxRole, byte[]> c = new HashMap<>(toy.contents);
        IdxWriter.write(folder.resolve("train-images-idx3-ubyte.gz"), c.get(IdxRole.TRAIN_IMAGES), true);
        IdxWriter.write(folder.resolve("train-labels.idx1-ubyte"), c.get(IdxRole.TRAIN_LABELS), false);
        IdxWriter.write(folder.resolve("t10k-images.idx3-ubyte.gz"), c.get(IdxRole.TEST_IMAGES), true);
        IdxWriter.write(folder.resolve("t10k-labels-idx1-ubyte"), c.get(IdxRole.TEST_LABELS), false);
        Dataset ds = resolver(Map.of()).load(folder.toString(), null);
        assertEquals("tiny5x7", ds.name());
        assertEquals(Dataset.Source.FOLDER, ds.source());
        assertEquals(5, ds.rows());
        assertEquals(7, ds.cols());
        assertEquals(3, ds.classes());
        assertEquals(9, ds.train().count());
        assertEquals(4, ds.test().count());
        assertFalse(ds.verified(), "folder datasets are not in the checksum table");
        assertEquals(toy.trainPixels[35 + 6] & 0xff, ds.train().pixel(1, 6));
        assertEquals(toy.testLabels[3] & 0xff, ds.test().label(3));
        assertArrayEquals(toy.testPixels, ds.test().pixels());
        // Relative to --data-dir as well.
        assertEquals(folder, resolver(Map.of()).load("tiny5x7", tmp).location());
    }

    @Test
    void unknownNamesAndIncompleteFoldersAreBadInput() throws IOException {
        DatasetResolver r = resolver(Map.of());
        SnnException e = assertThrows(SnnException.class, () -> r.load("no-such-dataset", null));
        assertEquals(SnnException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("not a known name (toy)"), e.getMessage());

        Path partial = Files.createDirectories(tmp.resolve("partial"));
        IdxWriter.write(partial.resolve("train-images-idx3-ubyte"), toy.contents.get(IdxRole.TRAIN_IMAGES), false);
        SnnException p = assertThrows(SnnException.class, () -> r.load(partial.toString(), null));
        assertTrue(p.getMessage().contains("missing [train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]"),
                p.getMessage());
        // A data dir holding only part of a known dataset is an error too, not silently skipped.
        Path dd = Files.createDirectories(tmp.resolve("dd/toy"));
        IdxWriter.write(dd.resolve("t10k-labels-idx1-ubyte"), toy.contents.get(IdxRole.TEST_LABELS), false);
        assertThrows(SnnException.class, () -> r.load("toy", tmp.resolve("dd")));
        assertNull(r.locate("toy", null));
    }

    @Test
    void realMnistFromTheCacheWhenFetched() throws IOException {
        DatasetResolver r = DatasetResolver.standard(FetchLog.silent());
        DatasetResolver.Location loc = r.locate("mnist", null);
        org.junit.jupiter.api.Assumptions.assumeTrue(loc != null,
                "MNIST is not on this machine; run `./snn datasets fetch mnist` to include this test");
        Dataset ds = r.read(loc);
        assertTrue(ds.verified());
        assertEquals(60000, ds.train().count());
        assertEquals(10000, ds.test().count());
        assertEquals(28, ds.rows());
        assertEquals(28, ds.cols());
        assertEquals(10, ds.classes());
        assertEquals(5, ds.train().label(0)); // the first MNIST training digit is a 5
    }
}
