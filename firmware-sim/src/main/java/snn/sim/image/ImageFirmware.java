package snn.sim.image;

import java.util.Arrays;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.wire.ErrorCode;
import snn.sim.board.ImageValidator;
import snn.sim.board.InferenceEngine;
import snn.sim.lif.DeviceNetwork;
import snn.sim.lif.LifLoop;
import snn.util.SnnException;

/**
 * The emulated board's real checks and loop, as the C firmware has them: at commit, parse the image
 * (docs/device-spec.md section 11.3) and run its known-answer self-test; at Infer, run
 * {@link LifLoop} on the active image. Used by the protocol conformance suite, which holds the Java
 * board and the C firmware to the same answers.
 */
public final class ImageFirmware {
    private ImageFirmware() {
    }

    public static ImageValidator validator() {
        return image -> {
            DeviceImage m;
            try {
                m = ImageParser.parse(image, "upload");
            } catch (SnnException e) {
                return new ImageValidator.Result(ErrorCode.BAD_IMAGE, e.getMessage());
            }
            String why = ImageNetworks.runSelfTest(m);
            return why == null ? ImageValidator.Result.OK : new ImageValidator.Result(ErrorCode.SELF_TEST_FAILED, why);
        };
    }

    /** An engine that keeps the loop of the last image it ran (images change only at commit). */
    public static InferenceEngine engine() {
        return new InferenceEngine() {
            private byte[] image;
            private LifLoop loop;
            private int inputs;

            @Override
            public Answer infer(byte[] img, byte[] pixels, int seed) {
                if (image == null || !Arrays.equals(image, img)) {
                    DeviceNetwork d = ImageNetworks.parse(img, "active model");
                    loop = new LifLoop(d);
                    inputs = d.inputs;
                    image = img.clone();
                }
                if (pixels.length != inputs) {
                    throw new IllegalArgumentException("infer with " + pixels.length + " pixels, the model takes " + inputs);
                }
                LifLoop.Result r = loop.run(pixels, 0, seed);
                return new Answer(r.counts.clone(), r.label, r.steps);
            }
        };
    }
}
