package snn.deploy.link;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive claim on a serial port, the way minicom, picocom and other UUCP-style tools take one: a
 * lock file {@code LCK..NAME} holding the owner's pid (ten ASCII digits and a newline) in
 * {@code /var/lock} (or the temp directory when that is not writable; {@code -Dsnn.lock.dir=DIR} overrides).
 * NAME is the port's canonical path without {@code /dev/}, slashes as underscores, so that a symlink
 * (e.g. {@code /dev/serial/by-id/...}) and its target share one lock. A lock whose pid is no longer
 * running is stale and is taken over. The file appears atomically (a hard link to a file already holding
 * the pid), so two openers never both win. Released on {@link #close()} and at JVM shutdown.
 */
public final class PortLock implements AutoCloseable {
    private static final int ATTEMPTS = 5;
    /** One guard file for the whole lock directory, held only while a lock is checked and taken. */
    static final String GUARD = ".snn-LCK.guard";

    private final Path file;
    private final long pid;
    private final Thread hook;
    private boolean released;

    private PortLock(Path file, long pid) {
        this.file = file;
        this.pid = pid;
        this.hook = new Thread(this::release, "release " + file.getFileName());
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the lock still goes on close()
        }
    }

    /** Locks {@code device} (which must exist) in the default lock directory. */
    public static PortLock acquire(String device) {
        return acquire(device, lockDir());
    }

    /**
     * Locks {@code device} in {@code dir}.
     *
     * @throws PortUnavailable "port busy: DEVICE (held by pid N)" when a running process holds it
     */
    public static PortLock acquire(String device, Path dir) {
        Path canonical;
        try {
            canonical = Path.of(device).toRealPath();
        } catch (IOException e) {
            throw new PortUnavailable("cannot open " + device + ": " + (e instanceof NoSuchFileException
                    ? "no such device" : e.getMessage()), e);
        }
        Path file = dir.resolve(lockName(canonical));
        long self = ProcessHandle.current().pid();
        byte[] content = String.format("%10d%n", self).getBytes(StandardCharsets.US_ASCII);
        try {
            Files.createDirectories(dir);
            // snn processes also hold an fcntl lock on one guard file of the lock directory while they
            // check and take over a stale lock, so that two of them cannot both remove it and both win
            synchronized (PortLock.class) {
                try (FileChannel guard = FileChannel.open(dir.resolve(GUARD),
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock g = guard.lock()) {
                    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                        Path tmp = Files.createTempFile(dir, ".LCK.", ".tmp");
                        try {
                            Files.write(tmp, content);
                            Files.createLink(file, tmp);
                            return new PortLock(file, self);
                        } catch (FileAlreadyExistsException held) {
                            String holder = readHolder(file);
                            if (holder == null) {
                                continue; // released meanwhile
                            }
                            long pid = parsePid(holder);
                            if (pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                                throw new PortUnavailable("port busy: " + device + " (held by pid " + pid + ")"
                                        + (pid == self ? ", this process" : "") + "; lock file " + file);
                            }
                            // stale: its owner is gone (or it names none); take it over
                            Files.deleteIfExists(file);
                        } finally {
                            Files.deleteIfExists(tmp);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new PortUnavailable("cannot open " + device + ": cannot write its lock file " + file + ": " + e, e);
        }
        throw new PortUnavailable("cannot open " + device + ": lock file " + file + " keeps changing hands");
    }

    /** {@code LCK..ttyUSB0} for /dev/ttyUSB0, {@code LCK..pts_3} for /dev/pts/3. */
    static String lockName(Path canonical) {
        String s = canonical.toString();
        if (s.startsWith("/dev/")) {
            s = s.substring(5);
        } else if (s.startsWith("/")) {
            s = s.substring(1);
        }
        return "LCK.." + s.replace('/', '_').replace('\\', '_').replace(':', '_');
    }

    static Path lockDir() {
        String prop = System.getProperty("snn.lock.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        Path varLock = Path.of("/var/lock");
        if (Files.isDirectory(varLock) && Files.isWritable(varLock)) {
            return varLock;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "snn-locks");
    }

    /** The lock file's content, or null when there is no lock file. */
    private static String readHolder(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException gone) {
            return null;
        }
    }

    private static long parsePid(String content) {
        try {
            return Long.parseLong(content.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public Path file() {
        return file;
    }

    /** Removes the lock file if it is still ours. */
    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            String holder = readHolder(file);
            if (holder != null && parsePid(holder) == pid) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a lock left behind is stale once this process is gone
        }
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }
}
