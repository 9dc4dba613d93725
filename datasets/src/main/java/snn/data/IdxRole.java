package snn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The four files of an MNIST-style dataset and the names they go by in a folder.
 *
 * <p>Accepted names, tried in this order (raw before gzip because raw loads faster):
 * {@code train-images-idx3-ubyte}, {@code train-images.idx3-ubyte}, then each with {@code .gz}.
 * The cache always stores the first, canonical form, uncompressed.
 */
public enum IdxRole {
    TRAIN_IMAGES("train-images", "idx3"),
    TRAIN_LABELS("train-labels", "idx1"),
    TEST_IMAGES("t10k-images", "idx3"),
    TEST_LABELS("t10k-labels", "idx1");

    private final String stem;
    private final String idx;

    IdxRole(String stem, String idx) {
        this.stem = stem;
        this.idx = idx;
    }

    /** Short name used in reports and JSON: {@code train-images}, {@code t10k-labels}... */
    public String key() {
        return stem;
    }

    /** The name the cache stores the file under: {@code train-images-idx3-ubyte}. */
    public String canonicalName() {
        return stem + "-" + idx + "-ubyte";
    }

    /** Every name this file may have in a folder, in order of preference. */
    public List<String> acceptedNames() {
        String dashed = canonicalName();
        String dotted = stem + "." + idx + "-ubyte";
        return List.of(dashed, dotted, dashed + ".gz", dotted + ".gz");
    }

    /** The first accepted name present as a regular file in {@code dir}, or null. */
    public Path find(Path dir) {
        for (String name : acceptedNames()) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The files of each role present in {@code dir}; missing roles are absent from the map. */
    public static Map<IdxRole, Path> findAll(Path dir) {
        Map<IdxRole, Path> found = new EnumMap<>(IdxRole.class);
        if (Files.isDirectory(dir)) {
            for (IdxRole role : values()) {
                Path p = role.find(dir);
                if (p != null) {
                    found.put(role, p);
                }
            }
        }
        return found;
    }

    /** The canonical names of the roles missing from {@code found}, for error messages. */
    public static List<String> missing(Map<IdxRole, Path> found) {
        List<String> names = new ArrayList<>();
        for (IdxRole role : values()) {
            if (!found.containsKey(role)) {
                names.add(role.canonicalName() + "[.gz]");
            }
        }
        return names;
    }
}
