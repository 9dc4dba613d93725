package snn.sweep;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import snn.support.SnnException;

/**
 * The test predictions of one sweep point, kept so that two configurations can be compared image by
 * image (McNemar). One file per point, {@code predictions/<id>.pred}, big-endian:
 * <pre>
 *  offset  size  field
 *  0       4     magic "SNNP"
 *  4       1     format version (1)
 *  5       1     classes
 *  6       2     reserved, 0
 *  8       4     N, the number of test images (the first N of the test split)
 *  12      N     true label of each image
 *  12+N    N     max-neuron prediction of each image (255 = the network did not spike)
 *  12+2N   N     vote prediction of each image (255 = no spike)
 * </pre>
 */
public record Predictions(int classes, byte[] labels, byte[] maxNeuron, byte[] vote) {
    static final int MAGIC = 0x534E4E50;

    public int count() {
        return labels.length;
    }

    /** The predictions of a decision rule ("vote" or anything else for max-neuron). */
    public byte[] of(String rule) {
        return "vote".equals(rule) ? vote : maxNeuron;
    }

    /** Whether each image was classified right under {@code rule}. */
    public boolean[] correct(String rule) {
        byte[] p = of(rule);
        boolean[] ok = new boolean[labels.length];
        for (int k = 0; k < ok.length; k++) {
            ok[k] = p[k] == labels[k];
        }
        return ok;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(12 + 3 * labels.length);
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            o.writeInt(MAGIC);
            o.writeByte(1);
            o.writeByte(classes);
            o.writeShort(0);
            o.writeInt(labels.length);
            o.write(labels);
            o.write(maxNeuron);
            o.write(vote);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    public static Predictions decode(byte[] b, String where) {
        ByteBuffer in = ByteBuffer.wrap(b);
        if (b.length < 12 || in.getInt() != MAGIC || in.get() != 1) {
            throw SnnException.badInput(where + ": not a version-1 prediction file (magic SNNP)");
        }
        int classes = in.get() & 0xFF;
        in.getShort();
        int n = in.getInt();
        if (n < 0 || b.length != 12 + 3L * n) {
            throw SnnException.badInput(where + ": " + b.length + " bytes, expected " + (12 + 3L * n) + " for " + n + " images");
        }
        byte[] labels = new byte[n];
        byte[] maxNeuron = new byte[n];
        byte[] vote = new byte[n];
        in.get(labels).get(maxNeuron).get(vote);
        return new Predictions(classes, labels, maxNeuron, vote);
    }

    public static Predictions read(Path file) throws IOException {
        return decode(Files.readAllBytes(file), file.toString());
    }
}
