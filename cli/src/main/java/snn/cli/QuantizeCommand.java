package snn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.cli.json.ImageSidecar;
import snn.cli.json.QuantizeJson;
import snn.deploy.profile.DeviceProfile;
import snn.deploy.quant.ImageBuilder;
import snn.deploy.quant.ModelFiles;
import snn.protocol.model.TrainedModel;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.Sha256;
import snn.support.SnnException;
import snn.support.Hex;

/** {@code snn quantize}: a trained model to a device image that fits a named board. */
@Command(name = "quantize", description = "Quantize a trained model to a device image (8, 4 or 2-bit weights, per-neuron"
        + " scaling) for a board; refuses a model that does not fit. Also writes OUT.json naming the model.")
public final class QuantizeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "MODEL", description = "Trained model file (snn train).")
    Path model;

    @Option(names = "--bits", paramLabel = "BITS", required = true, description = "Weight bits: 8, 4 or 2.")
    int bits;

    @Mixin
    ProfileOptions profile;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Device image to write.")
    Path out;

    @Option(names = "--selftest-dataset", paramLabel = "NAME|FOLDER",
            description = "Take the self-test input from this dataset's first test image (seed 0); without it the"
                    + " input is the receptive field of the strongest neuron.")
    String selfTestDataset;

    @Option(names = "--sign", paramLabel = "KEY", description = "Sign the image with this Ed25519 private key"
            + " (snn keys generate): appends a SIGNATURE section (docs/device-spec.md section 15).")
    Path sign;

    @Option(names = "--security-version", paramLabel = "N", defaultValue = "0", description = "The image's security version,"
            + " 0..4294967295: a provisioned board refuses images below its active model's.")
    long securityVersion;

    @Override
    public Integer call() throws Exception {
        AtomicFiles.checkWritableFile("--out", out);
        for (Path written : new Path[] {out, sidecarOf(out)}) {
            if (sameFile(written, model)) {
                throw SnnException.badInput("--out " + out + ": quantizing would overwrite the trained model " + model
                        + (written.equals(out) ? "" : " with the image's sidecar " + written) + "; write the image elsewhere");
            }
        }
        if (securityVersion < 0 || securityVersion > 0xFFFFFFFFL) {
            throw SnnException.badInput("--security-version " + securityVersion + ": must be 0..4294967295");
        }
        java.security.PrivateKey key = sign == null ? null : snn.protocol.sign.Ed25519.readPrivate(sign);
        DeviceProfile p = profile.resolve();
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
        String modelSha = Sha256.hexOf(java.nio.file.Files.readAllBytes(model));
        ImageSidecar sidecar = new ImageSidecar(model.toAbsolutePath().normalize().toString(), modelSha, m.getDataset(),
                b.sha256, bits, p.name());
        AtomicFiles.write(out, b.image);
        AtomicFiles.write(sidecarOf(out), (Json.pretty(sidecar) + "\n").getBytes(StandardCharsets.UTF_8));

        QuantizeJson j = new QuantizeJson(bits, p.name(), b.flashBytes, p.flashBytes(), b.ramBytes, p.ramBytes(), true,
                b.sha256, b.image.length, b.quantized.network.neurons, b.quantized.network.inputs, b.quantized.vShift,
                b.quantized.deadNeurons, p.flashReserveBytes() + 2L * b.image.length,
                snn.deploy.profile.Footprint.streamDecoderRamBytes(p), b.selfTestSource,
                b.content.selfTest.expectedLabel, b.content.selfTest.expectedTotalSpikes, key != null,
                key == null ? null : Hex.encode(b.content.signature.keyId()), securityVersion, out.toString());
        if (common.json) {
            common.out().println(Json.pretty(j));
        } else {
            common.out().printf("%s: %d-bit image for %s, %d bytes, flash %d/%d, RAM %d/%d, sha256 %s%n", out, bits,
                    p.name(), b.image.length, b.flashBytes, p.flashBytes(), b.ramBytes, p.ramBytes(), b.sha256);
            if (key != null || securityVersion != 0) {
                common.out().printf("%s: %s, security version %d%n", out, key != null ? "signed by key id "
                        + snn.support.Hex.encode(b.content.signature.keyId()) : "unsigned", securityVersion);
            }
        }
        common.out().flush();
        return 0;
    }

    /** {@code model.img} -&gt; {@code model.img.json}: which trained model an image came from. */
    /** Whether a and b name one file (an existing one, through links; else by normalised absolute path). */
    private static boolean sameFile(Path a, Path b) {
        try {
            if (java.nio.file.Files.exists(a) && java.nio.file.Files.exists(b)) {
                return java.nio.file.Files.isSameFile(a, b);
            }
        } catch (java.io.IOException e) {
            // fall through to the path comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    static Path sidecarOf(Path image) {
        return image.resolveSibling(image.getFileName() + ".json");
    }
}
