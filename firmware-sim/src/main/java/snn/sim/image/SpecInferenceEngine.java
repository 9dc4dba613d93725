package snn.sim.image;

import java.util.Arrays;
import snn.sim.board.InferenceEngine;
import snn.core.DeviceNetwork;
import snn.core.LifLoop;

/**
 * The board's inference per docs/device-spec.md: the active image's network run by {@link LifLoop}.
 * The parsed network and its loop are kept until the active image changes.
 */
public final class SpecInferenceEngine implements InferenceEngine {
    private byte[] cachedImage;
    private DeviceNetwork net;
    private LifLoop loop;

    @Override
    public synchronized Answer infer(byte[] image, byte[] pixels, int seed) {
        if (cachedImage == null || !Arrays.equals(cachedImage, image)) {
            net = ImageNetworks.parse(image, "active image");
            loop = new LifLoop(net);
            cachedImage = image.clone();
        }
        if (pixels.length != net.inputs) {
            throw new IllegalArgumentException("input has " + pixels.length + " pixels, the model " + net.inputs);
        }
        LifLoop.Result r = loop.run(pixels, 0, seed);
        return new Answer(r.counts.clone(), r.label, r.steps);
    }
}
