package snn.cli.json;

/** {@code snn quantize --json}: the image written and how it fits the board. */
public record QuantizeJson(int bits, String profile, long flashBytes, long flashAvailable, long ramBytes, long ramAvailable,
                           boolean fits, String sha256, int imageBytes, int neurons, int inputs, int vShift, int deadNeurons,
                           long dualSlotFlashBytes, long streamDecoderRamBytes, String selftestInput, int selftestLabel,
                           int selftestSpikes, boolean signed, String keyId, long securityVersion, String out) {
}
