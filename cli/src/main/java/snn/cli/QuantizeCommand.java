package snn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.deploy.profile.DeviceProfile;
import snn.deploy.profile.Profiles;
import snn.deploy.quant.ImageBuilder;
import snn.deploy.quant.ModelFiles;
import snn.protocol.image.ImageWriter;
import snn.protocol.model.TrainedModel;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn quantize}: a trained model to a device image that fits a named board. */
@Command(name = "quantize", description = "Quantize a trained model to a device image (8, 4 or 2-bit weights, per-neuron"
        + " scaling) for a board; refuses a model that does not fit. Also writes OUT.json naming the model.")
public final class QuantizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Parameters(index = "0", paramLabel = "MODEL", description = "Trained model file (snn train).")
    Path model;

    @Option(names = "--bits", required = true, description = "Weight bits: 8, 4 or 2.")
    int bits;

    @Option(names = "--profile", description = "Board: stm32f411, rp2040, esp32, lm3s6965, mps2-an385.")
    String profile;

    @Option(names = "--profile-file", description = "A board profile file (JSON or properties).")
    Path profileFile;

    @Option(names = "--out", required = true, description = "Device image to write.")
    Path out;

    @Option(names = "--selftest-dataset", paramLabel = "NAME|FOLDER",
            description = "Take the self-test input from this dataset's first test image (seed 0); without it the"
                    + " input is the receptive field of the strongest neuron.")
    String selfTestDataset;

    @Option(names = "--sign", paramLabel = "KEY", description = "Sign the image with this Ed25519 private key"
            + " (snn keys generate): appends a SIGNATURE section (docs/device-spec.md section 15).")
    Path sign;

    @Option(names = "--security-version", paramLabel = "N", defaultValue = "0", description = "The image's security version,"
            + " 0..4294967295: a provisioned board refuses images below its active model's (default: ${DEFAULT-VALUE}).")
    long securityVersion;

    @Override
    public Integer call() throws Exception {
        AtomicFiles.checkWritableFile("--out", out);
        if (securityVersion < 0 || securityVersion > 0xFFFFFFFFL) {
            throw SnnException.badInput("--security-version " + securityVersion + ": must be 0..4294967295");
        }
        java.security.PrivateKey key = sign == null ? null : snn.protocol.sign.Ed25519.readPrivate(sign);
        DeviceProfile p = Profiles.resolve(profile, profileFile);
        TrainedModel m = ModelFiles.read(model);
        byte[] pixels = null;
        if (selfTestDataset != null) {
            snn.data.Dataset ds = DatasetOptions.resolver(common).load(selfTestDataset, null);
            int size = ds.test().imageSize();
            pixels = java.util.Arrays.copyOf(ds.test().pixels(), size);
        }
        ImageBuilder.Built b = ImageBuilder.build(m, bits, p, pixels, 0);
        if (pixels != null) {
            b.selfTestSource = "test image 0 of " + selfTestDataset;
        }
        if (key != null || securityVersion != 0) {
            ImageBuilder.sign(b, p, key == null ? null : snn.protocol.sign.Ed25519.signer(key), (int) securityVersion);
        }
        String modelSha = ImageWriter.hex(ImageWriter.sha256(java.nio.file.Files.readAllBytes(model), 0,
                (int) java.nio.file.Files.size(model)));
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("model", model.toAbsolutePath().normalize().toString());
        sidecar.put("model_sha256", modelSha);
        sidecar.put("dataset", m.getDataset());
        sidecar.put("image_sha256", b.sha256);
        sidecar.put("bits", bits);
        sidecar.put("profile", p.name());
        AtomicFiles.write(out, b.image);
        AtomicFiles.write(sidecarOf(out), (Json.pretty(sidecar) + "\n").getBytes(StandardCharsets.UTF_8));

        Map<String, Object> j = new LinkedHashMap<>();
        j.put("bits", bits);
        j.put("profile", p.name());
        j.put("flash_bytes", b.flashBytes);
        j.put("flash_available", p.flashBytes());
        j.put("ram_bytes", b.ramBytes);
        j.put("ram_available", p.ramBytes());
        j.put("fits", true);
        j.put("sha256", b.sha256);
        j.put("image_bytes", b.image.length);
        j.put("neurons", b.quantized.network.neurons);
        j.put("inputs", b.quantized.network.inputs);
        j.put("v_shift", b.quantized.vShift);
        j.put("dead_neurons", b.quantized.deadNeurons);
        j.put("dual_slot_flash_bytes", p.flashReserveBytes() + 2L * b.image.length);
        j.put("selftest_input", b.selfTestSource);
        j.put("selftest_label", b.content.selfTest.expectedLabel);
        j.put("selftest_spikes", b.content.selfTest.expectedTotalSpikes);
        j.put("signed", key != null);
        j.put("key_id", key == null ? null : ImageWriter.hex(b.content.signature.keyId()));
        j.put("security_version", securityVersion);
        j.put("out", out.toString());
        if (common.json) {
            out().println(Json.pretty(j));
        } else {
            out().printf("%s: %d-bit image for %s, %d bytes, flash %d/%d, RAM %d/%d, sha256 %s%n", out, bits,
                    p.name(), b.image.length, b.flashBytes, p.flashBytes(), b.ramBytes, p.ramBytes(), b.sha256);
            if (key != null || securityVersion != 0) {
                out().printf("%s: %s, security version %d%n", out, key != null ? "signed by key id "
                        + ImageWriter.hex(b.content.signature.keyId()) : "unsigned", securityVersion);
            }
        }
        out().flush();
        return 0;
    }

    /** {@code model.img} -&gt; {@code model.img.json}: which trained model an image came from. */
    static Path sidecarOf(Path image) {
        return image.resolveSibling(image.getFileName() + ".json");
    }
}
