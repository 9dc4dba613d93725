package snn.deploy.quant;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import snn.protocol.model.TrainedModel;
import snn.support.SnnException;

/** Reads a trained model file (the serialized {@link TrainedModel} that {@code snn train} writes). */
public final class ModelFiles {
    private ModelFiles() {
    }

    public static TrainedModel read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        TrainedModel m;
        try {
            m = TrainedModel.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw SnnException.badInput(file + ": not a trained model (" + e.getMessage() + ")");
        }
        if (m.getFormatVersion() != 1) {
            throw SnnException.badInput(file + ": trained model format_version is " + m.getFormatVersion() + ", expected 1");
        }
        long want = (long) m.getInputs() * m.getNeurons();
        if (m.getInputs() == 0 || m.getNeurons() == 0 || m.getWeightsCount() != want) {
            throw SnnException.badInput(file + ": trained model has " + m.getWeightsCount() + " weights, expected inputs*neurons = "
                    + want + " (inputs " + m.getInputs() + ", neurons " + m.getNeurons() + ")");
        }
        return m;
    }
}
