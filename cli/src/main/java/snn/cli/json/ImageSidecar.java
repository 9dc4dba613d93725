package snn.cli.json;

/**
 * IMAGE.json, written by quantize beside the image and read by verify: which trained model (by path and
 * hash) and dataset the image came from. Read back, a key the file lacks is null (bits 0).
 */
public record ImageSidecar(String model, String modelSha256, String dataset, String imageSha256, int bits, String profile) {
}
