package snn.sim.board;

/** Runs one inference the way the device spec defines it, on the active model's image bytes. */
@FunctionalInterface
public interface InferenceEngine {
    /** Spike counts per excitatory neuron, the predicted label and the time steps simulated. */
    record Answer(int[] spikeCounts, int label, int steps) {
    }

    /**
     * @param image  the active model image, exactly as stored in the slot
     * @param pixels one input image, one byte per pixel
     * @param seed   the image seed of the on-device Poisson generator
     * @throws IllegalArgumentException when the pixels do not fit the model (becomes BAD_INPUT)
     */
    Answer infer(byte[] image, byte[] pixels, int seed);
}
