package snn.cli.json;

import com.google.gson.annotations.SerializedName;

/**
 * {@code snn demo}'s demo.json and {@code --json}, and the verify-N.json it writes per bit width. The
 * device accuracy of each bit width verified has a key of its own ({@code device_accuracy_8bit}, ...;
 * null for the widths not run). The deploy: bytes, seconds, encoding and the bytes that went on the line,
 * the port and its baud rate, whether the line was paced, and {@code link_efficiency} only when it was
 * ({@code deploy_bytes_per_second} either way). {@code snn report} shows all of it on the run's page.
 */
public record DemoJson(String dataset, boolean quick, int neurons, int trainImages, int testImages, Double paperAccuracy,
                       double trainerAccuracy, double trainerAccuracyVote, double imagesPerSecond,
                       @SerializedName("device_accuracy_8bit") Double deviceAccuracy8Bit,
                       @SerializedName("device_accuracy_4bit") Double deviceAccuracy4Bit,
                       @SerializedName("device_accuracy_2bit") Double deviceAccuracy2Bit,
                       int bits, double deviceAccuracy, String port, int baud, int deployBytes, double deploySeconds,
                       String deployEncoding, int deployStreamBytes, boolean deployPaced, Double deployBytesPerSecond,
                       Double linkEfficiency, int serialSampleImages, double serialSampleAccuracy, int mismatches, String report) {

    /** verify-N.json: one bit width in the emulator against the trainer. */
    public record Verified(int bits, double deviceAccuracy, double trainerAccuracy, int images, int imageBytes,
                           long flashBytes, long ramBytes) {
    }
}
