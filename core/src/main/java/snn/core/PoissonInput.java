package snn.core;

/**
 * The device's input encoding, shared by the inference loop and the training loop: which inputs can
 * spike at an intensity, and the draws of one time step (docs/device-spec.md, "Input encoding").
 */
public final class PoissonInput {
    private PoissonInput() {
    }

    /**
     * Lists the inputs whose spike probability per step, {@code min(65535, rateQ16[pixel] * intensity)},
     * is not 0, in input order, with that probability. Only these draw random numbers. Returns their count.
     */
    public static int activeInputs(int[] rateQ16, byte[] pixels, int offset, int inputs, int intensity,
                                   int[] activeInput, int[] activeProb) {
        int active = 0;
        for (int i = 0; i < inputs; i++) {
            int p = Math.min(65535, rateQ16[pixels[offset + i] & 0xFF] * intensity);
            if (p > 0) {
                activeInput[active] = i;
                activeProb[active++] = p;
            }
        }
        return active;
    }
}
