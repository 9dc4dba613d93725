package snn.deploy.quant;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import snn.protocol.model.ModelChecks;
import snn.protocol.model.TrainedModel;
import snn.support.AtomicFiles;
import snn.support.Sha256;
import snn.support.SnnException;

/**
 * Reads and writes a trained model file ({@code model.snn}): the serialized {@link TrainedModel} in a
 * small checked container, so that a corrupted file is refused instead of becoming a different model.
 *
 * <pre>
 * offset size field
 *      0    4 magic "SNNM" (bytes 53 4E 4E 4D)
 *      4    4 container version, u32 little-endian = 1
 *      8    8 payload length P, u64 little-endian
 *     16   32 SHA-256 of the payload
 *     48    P payload: the protobuf TrainedModel (protocol/src/main/proto/model.proto)
 * </pre>
 *
 * Files written before the container existed are the bare protobuf, which always starts with byte
 * 0x08 (field 1, format_version = 1). They are still read, with a warning that they cannot be checked;
 * training again writes a checked file. Any other first bytes that are not the magic are refused.
 */
public final class ModelFiles {
    static final int MAGIC = 0x4D4E4E53; // "SNNM" little-endian
    static final int VERSION = 1;
    static final int HEADER = 48;
    /** The largest model file read: 1 GiB, room for over 350 million weights at 3 bytes each (MNIST's 400 neurons have 313,600). */
    public static final long MAX_BYTES = 1L << 30;
    /** Where warnings about unchecked legacy files go (tests may redirect it). */
    static PrintStream warnings = System.err;

    private ModelFiles() {
    }

    /** The container bytes of {@code m}. */
    public static byte[] encode(TrainedModel m) {
        byte[] payload = m.toByteArray();
        ByteBuffer b = ByteBuffer.allocate(HEADER + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(MAGIC).putInt(VERSION).putLong(payload.length).put(Sha256.of(payload)).put(payload);
        return b.array();
    }

    /** Writes {@code m} to {@code file} atomically (a reader never sees half a file). */
    public static void write(Path file, TrainedModel m) throws IOException {
        AtomicFiles.write(file, encode(m));
    }

    /**
     * Reads and checks a model file: at most {@link #MAX_BYTES} bytes, the container's checksum, then every
     * field within the bounds of {@link ModelChecks}.
     */
    public static TrainedModel read(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            throw SnnException.badInput(file + ": model file is " + size + " bytes, at most " + MAX_BYTES
                    + " allowed");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Checks and parses the bytes of a model file named {@code file} (for messages); see {@link ModelChecks}. */
    public static TrainedModel decode(byte[] bytes, String file) {
        byte[] payload;
        if (bytes.length > 0 && bytes[0] == 0x08) {
            warnings.println("snn: warning: " + file + " is a model file without a checksum (written by an older snn);"
                    + " it is read unchecked. Train again to get a checked file.");
            payload = bytes;
        } else {
            payload = unwrap(bytes, file);
        }
        TrainedModel m;
        try {
            m = TrainedModel.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            throw SnnException.badInput(file + ": not a trained model (" + e.getMessage() + ")");
        }
        ModelChecks.check(m, file);
        return m;
    }

    private static byte[] unwrap(byte[] bytes, String file) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER || b.getInt(0) != MAGIC) {
            throw SnnException.badInput(file + ": not a trained model (no \"SNNM\" header, and not an older unchecked model"
                    + " file either; " + bytes.length + " bytes)");
        }
        int version = b.getInt(4);
        if (version != VERSION) {
            throw SnnException.badInput(file + ": model file container version is " + Integer.toUnsignedString(version)
                    + ", expected " + VERSION + " (corrupt, or written by a newer snn)");
        }
        long length = b.getLong(8);
        if (length != bytes.length - HEADER) {
            throw SnnException.badInput(file + ": model file header says " + Long.toUnsignedString(length)
                    + " payload bytes, the file has " + (bytes.length - HEADER) + " (truncated or corrupt)");
        }
        byte[] payload = Arrays.copyOfRange(bytes, HEADER, bytes.length);
        byte[] want = Arrays.copyOfRange(bytes, 16, 48);
        byte[] got = Sha256.of(payload);
        if (!MessageDigest.isEqual(want, got)) {
            throw SnnException.badInput(file + ": model file is corrupt: its payload has SHA-256 " + snn.support.Hex.encode(got)
                    + ", the header records " + snn.support.Hex.encode(want) + " (restore the file or train again)");
        }
        return payload;
    }
}
