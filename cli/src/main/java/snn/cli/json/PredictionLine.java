package snn.cli.json;

/**
 * One line of {@code --predictions} (JSON Lines; README "Per-image answers"): one test image. Labels
 * are 255 when no neuron spiked (never a true label); {@code winner} is then -1. {@code trainer} is
 * only in verify's lines with a trained model, {@code emulator} only in device eval's; {@code match}
 * with either.
 */
public record PredictionLine(int index, int label, int predicted, int maxNeuron, int vote, int spikes, int winner,
                             int winnerSpikes, int presentations, Integer trainer, Integer emulator, Boolean match) {
}
