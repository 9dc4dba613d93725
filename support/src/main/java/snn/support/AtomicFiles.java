package snn.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes files so that a reader sees either the old content or the whole new content, never a part. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes the whole content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Checks, before any work, that {@code target} can be written as a file: it is not a directory, its
     * parent is (or can be made as) a directory, and a file can be created there. Errors name {@code what}
     * (e.g. "--out") and the user's path, never a temporary file.
     *
     * @throws SnnException bad input (exit 2)
     */
    public static void checkWritableFile(String what, Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw SnnException.badInput(what + " " + target + ": is a directory; give a file name");
        }
        checkWritableDir(what, target, abs.getParent());
    }

    /** Like {@link #checkWritableFile} for an output directory (created when missing). */
    public static void checkWritableDir(String what, Path dir) {
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw SnnException.badInput(what + " " + dir + ": is a file, not a directory");
        }
        checkWritableDir(what, dir, abs);
    }

    private static void checkWritableDir(String what, Path target, Path dir) {
        if (dir == null) {
            return;
        }
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            throw SnnException.badInput(what + " " + target + ": no part of " + dir + " exists");
        }
        if (!Files.isDirectory(existing)) {
            throw SnnException.badInput(what + " " + target + ": " + existing + " is a file, not a directory");
        }
        try { // access(2) says yes to root on a read-only mount: try it
            Path probe = Files.createTempFile(existing, ".snn-probe-", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw SnnException.badInput(what + " " + target + ": cannot " + (existing.equals(dir) ? "write in " : "create ")
                    + (existing.equals(dir) ? dir : dir + " under " + existing) + " (" + reason(e) + ")");
        }
    }

    /** An I/O error in words, without the file name Java puts first. */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    /**
     * Writes to a temporary file beside {@code target}, syncs it, then renames it over the target. A
     * failure is reported as "cannot write TARGET: reason", naming the target, not the temporary file.
     */
    public static void write(Path target, Writer writer) throws IOException {
        try {
            writeOrFail(target, writer);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + reason(e), e);
        }
    }

    private static void writeOrFail(Path target, Writer writer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        try {
            // createTempFile makes the file owner-only; results are meant to be shared like any output file
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE,
                    java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
                 OutputStream out = new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(ch), 1 << 16)) {
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
