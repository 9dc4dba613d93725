package snn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import snn.support.AtomicFiles;
import snn.support.SnnException;

/**
 * The dataset cache, {@code ${XDG_CACHE_HOME:-~/.cache}/snn/datasets/}:
 *
 * <pre>
 * datasets/
 *   mnist/                      one folder per known name, present only when complete
 *     train-images-idx3-ubyte   always uncompressed, canonical names
 *     train-labels-idx1-ubyte
 *     t10k-images-idx3-ubyte
 *     t10k-labels-idx1-ubyte
 *     SHA256SUMS                "hex  name" lines, readable by sha256sum -c
 *   .mnist.download-NNN/        a fetcher's work folder (deleted afterwards)
 *   .mnist.staging-NNN/         verified files being assembled before the rename
 * </pre>
 *
 * A dataset enters the cache only whole and verified: every file is hashed (uncompressed) against
 * the table and parsed, written into a staging folder beside the cache, and the staging folder is
 * renamed to {@code <name>/}. A mismatch aborts before anything is renamed, so a tampered or
 * corrupt download is never cached.
 */
public final class DatasetCache {
    private static final long STALE_MILLIS = 6 * 3600_000L;

    private final Path root;
    private final List<Path> systemRoots;
    private final FetchLog log;

    /** How {@link #fetch} satisfied a request. */
    public enum Outcome { ALREADY_CACHED, COPIED_FROM_SYSTEM, FETCHED }

    /** The result of one fetch: what happened, the cache folder, and where the files came from. */
    public record FetchResult(Outcome outcome, Path dir, String from) {
    }

    /** One cached file re-hashed: {@code actual} is null when the file is missing. */
    public record FileCheck(IdxRole role, Path path, String expected, String actual) {
        public boolean ok() {
            return expected.equals(actual);
        }
    }

    public DatasetCache(Path root, List<Path> systemRoots, FetchLog log) {
        this.root = root;
        this.systemRoots = List.copyOf(systemRoots);
        this.log = log;
    }

    public Path root() {
        return root;
    }

    public Path dir(String name) {
        return root.resolve(name);
    }

    /** Re-hashes the cached files of {@code known}; empty when nothing of it is cached. */
    public List<FileCheck> check(KnownDataset known) throws IOException {
        Path dir = dir(known.name());
        List<FileCheck> checks = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return checks;
        }
        for (IdxRole role : IdxRole.values()) {
            Path file = role.find(dir);
            String expected = known.sha256().get(role);
            if (file == null) {
                checks.add(new FileCheck(role, dir.resolve(role.canonicalName()), expected, null));
            } else {
                checks.add(new FileCheck(role, file, expected, Sha256.hex(IdxReader.readContent(file).bytes())));
            }
        }
        return checks;
    }

    /** True when all four files of {@code known} are cached and match the table. */
    public boolean isVerified(KnownDataset known) throws IOException {
        List<FileCheck> checks = check(known);
        return !checks.isEmpty() && checks.stream().allMatch(FileCheck::ok);
    }

    /**
     * Makes sure the cache holds {@code known}, verified. Idempotent: a verified cache is left as it
     * is. Otherwise the files come from a system location when one holds a verified copy, else from
     * the dataset's fetcher.
     */
    public FetchResult fetch(KnownDataset known) throws IOException {
        String name = known.name();
        if (isVerified(known)) {
            return new FetchResult(Outcome.ALREADY_CACHED, dir(name), dir(name).toString());
        }
        if (Files.isDirectory(dir(name))) {
            log.note(name + ": cache folder " + dir(name) + " is incomplete or does not match the checksums; replacing it");
        }
        Files.createDirectories(root);
        removeStale(name);
        for (Path sys : systemRoots) {
            Map<IdxRole, Path> files = IdxRole.findAll(sys.resolve(name));
            if (files.size() == IdxRole.values().length) {
                try {
                    store(known, files);
                    return new FetchResult(Outcome.COPIED_FROM_SYSTEM, dir(name), sys.resolve(name).toString());
                } catch (SnnException e) {
                    log.note(name + ": not using " + sys.resolve(name) + ": " + e.getMessage());
                }
            }
        }
        Path work = Files.createTempDirectory(root, "." + name + ".download-");
        try {
            Path fetched = known.fetcher().fetch(work, log);
            Map<IdxRole, Path> files = IdxRole.findAll(fetched);
            if (files.size() != IdxRole.values().length) {
                throw SnnException.checkFailed(known.fetcher().describe() + " brought no complete " + name + ": "
                        + fetched + " is missing " + IdxRole.missing(files));
            }
            store(known, files);
        } finally {
            deleteTree(work);
        }
        return new FetchResult(Outcome.FETCHED, dir(name), known.fetcher().describe());
    }

    /** Verifies, validates and atomically installs the four files as the cache folder of {@code known}. */
    void store(KnownDataset known, Map<IdxRole, Path> files) throws IOException {
        String name = known.name();
        Files.createDirectories(root);
        Path staging = Files.createTempDirectory(root, "." + name + ".staging-");
        try {
            Map<IdxRole, IdxReader.Images> images = new EnumMap<>(IdxRole.class);
            Map<IdxRole, IdxReader.Labels> labels = new EnumMap<>(IdxRole.class);
            StringBuilder sums = new StringBuilder();
            for (IdxRole role : IdxRole.values()) {
                Path file = files.get(role);
                IdxReader.Content content = IdxReader.readContent(file);
                String actual = Sha256.hex(content.bytes());
                String expected = known.sha256().get(role);
                if (!expected.equals(actual)) {
                    throw mismatch(name, role, file, expected, actual);
                }
                if (role == IdxRole.TRAIN_IMAGES || role == IdxRole.TEST_IMAGES) {
                    images.put(role, IdxReader.parseImages(content));
                } else {
                    labels.put(role, IdxReader.parseLabels(content));
                }
                AtomicFiles.write(staging.resolve(role.canonicalName()), content.bytes());
                sums.append(actual).append("  ").append(role.canonicalName()).append('\n');
            }
            // Cross-file checks (label count = image count, one image shape) before anything is installed.
            Dataset.assemble(name, Dataset.Source.CACHE, staging, images, labels, List.of());
            AtomicFiles.write(staging.resolve("SHA256SUMS"), sums.toString().getBytes(StandardCharsets.UTF_8));
            install(known, staging);
        } finally {
            deleteTree(staging);
        }
    }

    /** Renames {@code staging} to the cache folder; an existing folder is moved aside first, then removed. */
    private void install(KnownDataset known, Path staging) throws IOException {
        Path target = dir(known.name());
        if (!Files.exists(target)) {
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException e) {
                if (isVerified(known)) {
                    return; // another process installed a verified copy first
                }
            }
        }
        Path old = Files.createTempDirectory(root, "." + known.name() + ".old-");
        Files.move(target, old.resolve("data"), StandardCopyOption.ATOMIC_MOVE);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /** Removes work folders of {@code name} left by an interrupted fetch (older than a few hours). */
    private void removeStale(String name) throws IOException {
        long cutoff = System.currentTimeMillis() - STALE_MILLIS;
        List<Path> stale;
        try (Stream<Path> s = Files.list(root)) {
            stale = s.filter(p -> p.getFileName().toString().startsWith("." + name + "."))
                    .filter(p -> {
                        try {
                            return Files.getLastModifiedTime(p).toMillis() < cutoff;
                        } catch (IOException e) {
                            return false;
                        }
                    }).toList();
        }
        for (Path p : stale) {
            deleteTree(p);
        }
    }

    /** The error for a file whose content does not hash to the table's value. */
    static SnnException mismatch(String name, IdxRole role, Path file, String expected, String actual) {
        return SnnException.checkFailed(file + ": SHA-256 of the uncompressed content does not match " + name + " "
                + role.key() + ": expected " + expected + ", found " + actual + "; the file is refused");
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
