package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.data.Dataset;
import snn.data.DatasetEnvironment;
import snn.data.DatasetFetcher;
import snn.data.DatasetResolver;
import snn.data.FetchLog;
import snn.data.IdxRole;
import snn.data.IdxWriter;
import snn.data.KnownDataset;
import snn.data.Sha256;
import snn.support.Json;

/** The {@code datasets} commands end to end through picocli, on a toy dataset in temporary folders. */
class DatasetsCommandTest {
    @TempDir
    Path tmp;

    private final Map<IdxRole, byte[]> toy = new EnumMap<>(IdxRole.class);
    private final AtomicInteger fetches = new AtomicInteger();
    private String out;
    private String err;

    @BeforeEach
    void injectEnvironment() {
        // 6 train and 2 test images of 5x7, labels 0..2: three classes.
        byte[] trainPixels = new byte[6 * 35];
        byte[] testPixels = new byte[2 * 35];
        for (int i = 0; i < trainPixels.length; i++) {
            trainPixels[i] = (byte) (i * 7);
        }
        for (int i = 0; i < testPixels.length; i++) {
            testPixels[i] = (byte) (255 - i);
        }
        toy.put(IdxRole.TRAIN_IMAGES, IdxWriter.images(6, 5, 7, trainPixels));
        toy.put(IdxRole.TRAIN_LABELS, IdxWriter.labels(new byte[] {0, 1, 2, 0, 1, 2}));
        toy.put(IdxRole.TEST_IMAGES, IdxWriter.images(2, 5, 7, testPixels));
        toy.put(IdxRole.TEST_LABELS, IdxWriter.labels(new byte[] {2, 0}));
        Map<IdxRole, String> sums = new EnumMap<>(IdxRole.class);
        toy.forEach((role, bytes) -> sums.put(role, Sha256.hex(bytes)));
        DatasetFetcher fetcher = new DatasetFetcher() {
            @Override
            public String describe() {
                return "test fetcher";
            }

            @Override
            public Path fetch(Path workDir, FetchLog log) throws IOException {
                fetches.incrementAndGet();
                return writeToy(workDir.resolve("files"));
            }
        };
        Map<String, KnownDataset> catalog = Map.of("toy", new KnownDataset("toy", sums, fetcher));
        DatasetEnvironment env = new DatasetEnvironment(Map.of("XDG_CACHE_HOME", tmp.resolve("cache").toString()),
                tmp.resolve("home"), List.of(tmp.resolve("system")));
        DatasetOptions.resolvers = log -> new DatasetResolver(env, catalog, log);
    }

    @AfterEach
    void restoreEnvironment() {
        DatasetOptions.resolvers = DatasetResolver::standard;
    }

    private Path writeToy(Path dir) throws IOException {
        for (IdxRole role : IdxRole.values()) {
            IdxWriter.write(dir.resolve(role.canonicalName() + ".gz"), toy.get(role), true);
        }
        return dir;
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> first(Map<String, Object> json) {
        return ((List<Map<String, Object>>) json.get("datasets")).get(0);
    }

    @Test
    void fetchIsIdempotentAndListShowsVerifiedSums() {
        assertEquals(0, run("datasets", "fetch", "-q", "toy"), err);
        assertTrue(out.contains("toy: fetched with test fetcher"), out);
        assertEquals(0, run("datasets", "fetch", "-q", "--json", "toy"), err);
        assertEquals("already_cached", first(Json.parseObject(out)).get("outcome"));
        assertEquals(1, fetches.get());

        assertEquals(0, run("datasets", "list", "--json", "toy"), err);
        Map<String, Object> row = first(Json.parseObject(out));
        assertEquals("cache", row.get("source"));
        assertEquals(6.0, row.get("train"));
        assertEquals(2.0, row.get("test"));
        assertEquals(5.0, row.get("rows"));
        assertEquals(7.0, row.get("cols"));
        assertEquals(3.0, row.get("classes"));
        assertEquals(true, row.get("verified"));
        @SuppressWarnings("unchecked")
        Map<String, Object> file0 = ((List<Map<String, Object>>) row.get("files")).get(0);
        assertEquals(Sha256.hex(toy.get(IdxRole.TRAIN_IMAGES)), file0.get("sha256"));
    }

    @Test
    void verifyFailsWithExitOneOnATamperedCache() throws IOException {
        assertEquals(0, run("datasets", "fetch", "-q", "toy"), err);
        assertEquals(0, run("datasets", "verify"), err);
        assertTrue(out.contains("toy: ok"), out);
        Path labels = tmp.resolve("cache/snn/datasets/toy/t10k-labels-idx1-ubyte");
        Files.write(labels, IdxWriter.labels(new byte[] {1, 0}));
        assertEquals(1, run("datasets", "verify"), err);
        assertTrue(out.contains("MISMATCH expected " + Sha256.hex(toy.get(IdxRole.TEST_LABELS))), out);
        assertEquals(1, run("datasets", "verify", "--json"), err);
        assertEquals(false, Json.parseObject(out).get("ok"));
        // list refuses the tampered dataset too, and says why.
        assertEquals(1, run("datasets", "list", "--json", "toy"));
        assertTrue(String.valueOf(first(Json.parseObject(out)).get("error")).contains(labels.toString()), out);
    }

    @Test
    void listShowsAFolderDatasetAndAMissingKnownOne() throws IOException {
        Path folder = writeToy(tmp.resolve("five-by-seven"));
        assertEquals(0, run("datasets", "list", "toy", folder.toString()), err);
        assertTrue(out.contains("toy: not on this machine (run: snn datasets fetch toy)"), out);
        assertTrue(out.contains("five-by-seven: 6 train / 2 test images, 5x7, 3 classes, folder " + folder), out);
        assertEquals(0, fetches.get(), "list never downloads");
    }

    @Test
    void badUsageExitsTwo() {
        assertEquals(2, run("datasets", "fetch", "no-such"));
        assertTrue(err.contains("unknown dataset 'no-such'"), err);
        assertEquals(2, run("datasets", "list", tmp.resolve("nowhere").toString()));
        assertEquals(2, run("datasets"));
    }

    @Test
    void datasetOptionsMixinLoadsForOtherCommands() throws IOException {
        Path folder = writeToy(tmp.resolve("data/toy"));
        @CommandLine.Command(name = "probe")
        class Probe implements java.util.concurrent.Callable<Integer> {
            @CommandLine.Mixin
            CommonOptions common;
            @CommandLine.Mixin
            DatasetOptions data;
            Dataset loaded;

            @Override
            public Integer call() throws Exception {
                loaded = data.load(common);
                return 0;
            }
        }
        Probe probe = new Probe();
        assertEquals(0, new CommandLine(probe).execute("--dataset", "toy", "--data-dir", tmp.resolve("data").toString()));
        assertEquals(Dataset.Source.DATA_DIR, probe.loaded.source());
        assertEquals(folder, probe.loaded.location());
        assertEquals(3, probe.loaded.classes());
        assertEquals(0, fetches.get());
    }
}
