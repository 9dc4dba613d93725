package snn.cli.json;

import java.util.List;

/** {@code snn datasets list|verify|fetch --json}. */
public final class DatasetsJson {
    private DatasetsJson() {
    }

    /** datasets list. */
    public record Listing(String cache, List<Found> datasets) {
    }

    /**
     * One dataset of datasets list: when not found only {@code name}, {@code found} and {@code hint}; when
     * found but unreadable, {@code error} instead of the counts.
     */
    public record Found(String name, boolean found, String hint, String source, String path, Integer train, Integer test,
                        Integer rows, Integer cols, Integer classes, Boolean verified, List<File> files, String error) {
    }

    public record File(String role, String path, String sha256, boolean verified) {
    }

    /** datasets verify. */
    public record Verification(boolean ok, String cache, List<Checked> datasets) {
    }

    /** {@code status}: ok, mismatch or not cached (then no files). */
    public record Checked(String name, String path, String status, List<FileCheck> files) {
    }

    /** {@code sha256} is null for a missing file. */
    public record FileCheck(String role, String path, String expectedSha256, String sha256, boolean ok) {
    }

    /** datasets fetch. */
    public record Fetches(String cache, List<Fetched> datasets) {
    }

    /** {@code outcome}: already_cached, copied_from_system or fetched. */
    public record Fetched(String name, String outcome, String from, String path) {
    }
}
