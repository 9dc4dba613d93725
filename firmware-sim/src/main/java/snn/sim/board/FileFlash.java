package snn.sim.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import snn.support.SnnException;

/**
 * Flash kept in a file, so that the emulated board keeps its models across restarts. Each write goes
 * to the file before the call returns (to the OS; a killed emulator loses nothing it acknowledged).
 * A new file starts fully erased (0xFF).
 */
public final class FileFlash extends MemoryFlash implements AutoCloseable {
    private final Path path;
    private final FileChannel lockChannel;
    private final FileChannel channel;

    /**
     * Opens (or creates) the flash file, first claiming it: one board per flash file, since two boards
     * writing one file destroy each other's journal and models. The claim is an OS lock on a sibling
     * {@code FILE.lock} that holds the owner's pid; the OS drops it when the process ends, so a killed
     * emulator leaves no stale claim.
     *
     * @throws SnnException (bad input) when another board holds the file, naming the file and its pid
     */
    public FileFlash(Path path, int size, int sectorSize) throws IOException {
        super(size, sectorSize);
        this.path = path;
        this.lockChannel = claim(path);
        try {
            boolean exists = Files.exists(path);
            if (exists && Files.size(path) != size) {
                throw SnnException.badInput("flash file " + path + " has " + Files.size(path) + " bytes, the profile needs "
                        + size + " (use another --flash file or the profile it was made with)");
            }
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (exists) {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining() && channel.read(buf, buf.position()) >= 0) {
                    // read the whole image
                }
            } else {
                persist(0, size);
            }
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            throw e;
        }
    }

    /** The sibling lock file of a flash file. */
    public static Path lockFile(Path flash) {
        return flash.resolveSibling(flash.getFileName() + ".lock");
    }

    private static FileChannel claim(Path flash) throws IOException {
        Path lock = lockFile(flash);
        FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock held;
        try {
            held = ch.tryLock();
        } catch (OverlappingFileLockException sameProcess) {
            held = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (held == null) {
            String holder;
            try {
                ByteBuffer buf = ByteBuffer.allocate(32);
                ch.read(buf, 0);
                holder = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            } finally {
                ch.close();
            }
            throw SnnException.badInput("flash file " + flash + " is in use by another emulated board"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")") + "; stop it, or give this board another --flash file");
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return ch;
    }

    public Path path() {
        return path;
    }

    @Override
    protected void persist(int addr, int len) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(bytes, addr, len);
            long pos = addr;
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("flash file " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            lockChannel.close(); // releases the claim; the file stays (removing it would race a new claimant)
        }
    }
}
