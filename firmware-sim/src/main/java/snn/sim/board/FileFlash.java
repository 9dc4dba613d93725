package snn.sim.board;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import snn.util.SnnException;

/**
 * Flash kept in a file, so that the emulated board keeps its models across restarts. Each write goes
 * to the file before the call returns (to the OS; a killed emulator loses nothing it acknowledged).
 * A new file starts fully erased (0xFF).
 */
public final class FileFlash extends MemoryFlash implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;

    public FileFlash(Path path, int size, int sectorSize) throws IOException {
        super(size, sectorSize);
        this.path = path;
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
        channel.close();
    }
}
