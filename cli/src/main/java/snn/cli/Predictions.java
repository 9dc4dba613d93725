package snn.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import snn.cli.json.PredictionLine;
import snn.core.ImageAnswers;
import snn.support.AtomicFiles;
import snn.support.Json;

/**
 * {@code --predictions FILE} of train, verify and device eval: one JSON object per test image, written
 * atomically after the pass from the per-image arrays the pass filled (nothing is formatted in the loop).
 */
final class Predictions {
    static final String OPTION = "--predictions";
    static final String DESCRIPTION = "Write one JSON line per test image (index, true label, the answer under each"
            + " decision rule, spikes, presentations; see README, Per-image answers).";

    private Predictions() {
    }

    /** Before any work: the file must be writable (not a directory, in a directory that can be written). */
    static void check(Path file) {
        if (file != null) {
            AtomicFiles.checkWritableFile(OPTION, file);
        }
    }

    /**
     * Writes images {@code first .. first + count - 1}; entry k of every array is image first + k.
     *
     * @param predicted the answer the command scores (the network's own rule)
     * @param trainer   the trained model's answers (verify), or null
     * @param emulator  the emulator's answers (device eval), or null
     * @param match     whether the two answers agree, with trainer or emulator; else null
     */
    static void write(Path file, int first, byte[] labels, int[] predicted, ImageAnswers a, int[] trainer,
                      int[] emulator, boolean[] match) throws IOException {
        AtomicFiles.write(file, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (int k = 0; k < a.count(); k++) {
                PredictionLine line = new PredictionLine(first + k, labels[first + k] & 0xFF, predicted[k],
                        a.maxNeuron[k], a.vote[k], a.spikes[k], a.winner[k], a.winnerSpikes[k], a.presentations[k],
                        trainer == null ? null : trainer[k], emulator == null ? null : emulator[k],
                        match == null ? null : match[k]);
                w.write(Json.compact(line));
                w.write('\n');
            }
            w.flush();
        });
    }
}
