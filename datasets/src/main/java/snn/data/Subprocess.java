package snn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import snn.support.Progress;
import snn.support.SnnException;

/**
 * Runs an external tool (npm, apt-get, dpkg) for a fetcher: output goes to a log file beside the
 * work, a progress line shows how many bytes have arrived in the work folder, and failures become
 * one-line errors that quote the tool's last output line.
 */
final class Subprocess {
    private static final long TIMEOUT_MINUTES = 20;

    /** The outcome of a finished run: exit status and everything the tool printed. */
    record Result(int exitCode, String output) {
        /** The last non-blank line the tool printed, for error messages. */
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines.length == 0 ? "" : lines[lines.length - 1].strip();
        }
    }

    private Subprocess() {
    }

    /**
     * Runs {@code command} in {@code dir}. When the program is not installed, the error says how to
     * install it ({@code installHint}, e.g. {@code apt-get install npm}).
     */
    static Result run(List<String> command, Path dir, Map<String, String> extraEnv, String installHint, FetchLog log,
                      String label) throws IOException {
        Path logFile = Files.createTempFile(dir, "." + Path.of(command.get(0)).getFileName() + ".", ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw SnnException.badInput("cannot run `" + command.get(0) + "`: not found on the PATH or not executable;"
                    + " it is needed for `" + label + "`: install it with `" + installHint + "`");
        }
        try (Progress progress = log.progress(label, 0, "bytes")) {
            while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
                progress.update(sizeOf(dir) - Files.size(logFile));
                if (progress.seconds() > TIMEOUT_MINUTES * 60) {
                    p.destroyForcibly();
                    throw SnnException.checkFailed("`" + String.join(" ", command) + "` did not finish within "
                            + TIMEOUT_MINUTES + " minutes");
                }
            }
            progress.update(sizeOf(dir) - Files.size(logFile));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command.get(0), e);
        }
        String output = Files.readString(logFile, StandardCharsets.UTF_8);
        Files.deleteIfExists(logFile);
        return new Result(p.exitValue(), output);
    }

    /** Like {@link #run} but a non-zero exit is an error quoting the tool's last line. */
    static Result runOrFail(List<String> command, Path dir, Map<String, String> extraEnv, String installHint, FetchLog log,
                            String label) throws IOException {
        Result r = run(command, dir, extraEnv, installHint, log, label);
        if (r.exitCode() != 0) {
            throw SnnException.checkFailed("`" + String.join(" ", command) + "` failed with exit code " + r.exitCode()
                    + ": " + r.lastLine());
        }
        return r;
    }

    /** Total size of the regular files under {@code dir}: how much a download has written so far. */
    static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // a file renamed or removed while we walk: count it next time
                }
            }).sum();
        } catch (UncheckedIOException e) {
            return 0;
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
