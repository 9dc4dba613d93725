package snn.cli.json;

import java.util.List;

/** {@code snn device eval --json}: a board's answers on streamed test images, checked against the emulator. */
public record DeviceEvalJson(String port, String dataset, String modelSha256, int images, int first, double deviceAccuracy,
                             int mismatches, List<String> mismatchExamples, double seconds, double imagesPerSecond,
                             String firmware, boolean signed, String keyId, long securityVersion, Boolean signatureVerified,
                             List<String> boardTrustedKeyIds) {
}
