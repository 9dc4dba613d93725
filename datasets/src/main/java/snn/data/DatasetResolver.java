package snn.data;

import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import snn.support.SnnException;

/**
 * Turns a dataset name or folder into a loaded, verified {@link Dataset}.
 *
 * <p>A known name ({@code mnist}, {@code fashion-mnist}) is looked for in this order, the first
 * folder holding all four IDX files wins:
 * <ol>
 *   <li>{@code --data-dir DIR}, or else {@code $SNN_DATA}: {@code DIR/<name>/}, then {@code DIR} itself;</li>
 *   <li>the cache {@code ${XDG_CACHE_HOME:-~/.cache}/snn/datasets/<name>/};</li>
 *   <li>system locations {@code <root>/<name>/}, e.g. Debian's {@code /usr/share/datasets/fashion-mnist/};</li>
 *   <li>the dataset's fetcher, which fills the cache (see {@link DatasetCache}).</li>
 * </ol>
 * Files of a known name are checked against the SHA-256 table before use, wherever they were found.
 * Anything else is taken as a folder path ({@code DIR/<path>} first when a data dir is given) whose
 * files are validated but not hash-checked.
 *
 * <p>Loaded datasets are memoized per process (softly, keyed by path, size and modification time),
 * so commands that load MNIST several times read it once.
 */
public final class DatasetResolver {
    private static final Map<String, SoftReference<Dataset>> MEMO = new ConcurrentHashMap<>();

    private final DatasetEnvironment env;
    private final Map<String, KnownDataset> catalog;
    private final DatasetCache cache;
    private final FetchLog log;
    private final List<String> catalogOrder;

    /** A folder in which all four files of a dataset were found, and how it was found. */
    public record Location(String name, Dataset.Source source, Path dir, Map<IdxRole, Path> files, KnownDataset known) {
    }

    public DatasetResolver(DatasetEnvironment env, Map<String, KnownDataset> catalog, FetchLog log) {
        this.env = env;
        this.catalog = Map.copyOf(catalog);
        this.log = log;
        this.cache = new DatasetCache(env.cacheRoot(), env.systemRoots(), log);
        this.catalogOrder = List.copyOf(catalog.keySet());
    }

    /** The resolver of this process's real environment and the standard checksum table. */
    public static DatasetResolver standard(FetchLog log) {
        return new DatasetResolver(DatasetEnvironment.system(), KnownDataset.standardCatalog(), log);
    }

    /** Known names, in catalog order. */
    public List<String> knownNames() {
        return catalogOrder;
    }

    public KnownDataset known(String name) {
        return catalog.get(name);
    }

    public DatasetCache cache() {
        return cache;
    }

    /**
     * Loads a dataset by name or folder, fetching a known one into the cache when it is found
     * nowhere else. {@code dataDir} may be null (then {@code SNN_DATA} is used when set).
     */
    public Dataset load(String nameOrFolder, Path dataDir) throws IOException {
        Location loc = locate(nameOrFolder, dataDir);
        if (loc == null) {
            KnownDataset known = catalog.get(nameOrFolder);
            log.note(nameOrFolder + ": not found on this machine; fetching with " + known.fetcher().describe());
            cache.fetch(known);
            loc = locateIn(known, Dataset.Source.FETCHED, cache.dir(known.name()), true);
        }
        return read(loc);
    }

    /**
     * Finds a dataset without fetching. Returns null only for a known name found nowhere;
     * an unknown name that is not a dataset folder is an error.
     */
    public Location locate(String nameOrFolder, Path dataDir) {
        KnownDataset known = catalog.get(nameOrFolder);
        if (known == null) {
            return locateFolder(nameOrFolder, dataDir);
        }
        Path userDir = dataDir != null ? dataDir : env.snnData();
        if (userDir != null) {
            Dataset.Source src = dataDir != null ? Dataset.Source.DATA_DIR : Dataset.Source.SNN_DATA;
            for (Path dir : List.of(userDir.resolve(known.name()), userDir)) {
                Location loc = locateIn(known, src, dir, true);
                if (loc != null) {
                    return loc;
                }
            }
        }
        Location cached = locateIn(known, Dataset.Source.CACHE, cache.dir(known.name()), false);
        if (cached != null) {
            return cached;
        }
        for (Path root : env.systemRoots()) {
            Location loc = locateIn(known, Dataset.Source.SYSTEM, root.resolve(known.name()), false);
            if (loc != null) {
                return loc;
            }
        }
        return null;
    }

    /**
     * The location if {@code dir} holds all four files; null if it holds none. A folder holding only
     * some of them is an error where the user named it ({@code strict}), and skipped elsewhere.
     */
    private Location locateIn(KnownDataset known, Dataset.Source source, Path dir, boolean strict) {
        Map<IdxRole, Path> files = IdxRole.findAll(dir);
        if (files.size() == IdxRole.values().length) {
            return new Location(known.name(), source, dir, files, known);
        }
        if (!files.isEmpty()) {
            String msg = dir + ": holds only some files of " + known.name() + ", missing " + IdxRole.missing(files);
            if (strict) {
                throw SnnException.badInput(msg);
            }
            log.note(msg + "; looking further");
        }
        return null;
    }

    private Location locateFolder(String path, Path dataDir) {
        Path given = Path.of(path);
        List<Path> tries = new ArrayList<>();
        if (dataDir != null && !given.isAbsolute()) {
            tries.add(dataDir.resolve(given));
        }
        tries.add(given);
        for (Path dir : tries) {
            if (Files.isDirectory(dir)) {
                Map<IdxRole, Path> files = IdxRole.findAll(dir);
                if (files.size() != IdxRole.values().length) {
                    throw SnnException.badInput(dir + ": not a dataset folder: missing " + IdxRole.missing(files)
                            + " (a dataset folder holds train-images, train-labels, t10k-images, t10k-labels IDX files)");
                }
                Path name = dir.toAbsolutePath().normalize().getFileName();
                return new Location(name == null ? dir.toString() : name.toString(), Dataset.Source.FOLDER, dir, files, null);
            }
        }
        throw SnnException.badInput("dataset '" + path + "': not a known name (" + String.join(", ", catalogOrder)
                + ") and not a folder");
    }

    /**
     * Reads, hash-checks (known names) and validates the four files of a location. A checksum
     * mismatch is {@link SnnException#checkFailed}; a malformed file is {@link SnnException#badInput}.
     */
    public Dataset read(Location loc) throws IOException {
        String key = memoKey(loc);
        SoftReference<Dataset> ref = MEMO.get(key);
        Dataset memo = ref == null ? null : ref.get();
        if (memo != null) {
            return memo;
        }
        Map<IdxRole, IdxReader.Images> images = new EnumMap<>(IdxRole.class);
        Map<IdxRole, IdxReader.Labels> labels = new EnumMap<>(IdxRole.class);
        List<Dataset.FileInfo> infos = new ArrayList<>();
        for (IdxRole role : IdxRole.values()) {
            Path file = loc.files().get(role);
            IdxReader.Content content = IdxReader.readContent(file);
            String actual = Sha256.hex(content.bytes());
            String expected = loc.known() == null ? null : loc.known().sha256().get(role);
            if (expected != null && !expected.equals(actual)) {
                throw DatasetCache.mismatch(loc.name(), role, file, expected, actual);
            }
            if (role == IdxRole.TRAIN_IMAGES || role == IdxRole.TEST_IMAGES) {
                images.put(role, IdxReader.parseImages(content));
            } else {
                labels.put(role, IdxReader.parseLabels(content));
            }
            infos.add(new Dataset.FileInfo(role, file, actual, expected, expected != null));
        }
        Dataset ds = Dataset.assemble(loc.name(), loc.source(), loc.dir(), images, labels, infos);
        MEMO.put(key, new SoftReference<>(ds));
        return ds;
    }

    private static String memoKey(Location loc) throws IOException {
        StringBuilder sb = new StringBuilder(loc.name()).append('|').append(loc.source()).append('|')
                .append(loc.known() == null ? "-" : loc.known().sha256().toString());
        for (IdxRole role : IdxRole.values()) {
            Path f = loc.files().get(role).toAbsolutePath().normalize();
            sb.append('|').append(f).append(':').append(Files.size(f)).append(':').append(Files.getLastModifiedTime(f).toMillis());
        }
        return sb.toString();
    }
}
