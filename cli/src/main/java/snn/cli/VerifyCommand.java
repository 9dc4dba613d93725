package snn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.cli.json.ImageSidecar;
import snn.cli.json.VerifyJson;
import snn.core.DeviceNetwork;
import snn.data.Dataset;
import snn.deploy.quant.ModelFiles;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.model.ModelNetwork;
import snn.protocol.model.TrainedModel;
import snn.sim.image.ImageNetworks;
import snn.sim.verify.Verifier;
import snn.support.Json;
import snn.support.Sha256;
import snn.support.SnnException;
import snn.cli.json.SignatureJson;

/** {@code snn verify}: the device loop (bit-exact emulator) over the test set, against the trained model. */
@Command(name = "verify", description = "Run a device image's loop over the test set in the emulator and compare its"
        + " accuracy with the trained model's (same images, same seeds).")
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DatasetOptions data;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Device image (snn quantize).")
    Path image;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N test images.")
    Integer limit;

    @Option(names = "--model", paramLabel = "FILE",
            description = "Trained model to compare with (default: the one named in IMAGE.json, written by quantize).")
    Path model;

    @Option(names = "--key", paramLabel = "PUB", description = "Check the image's signature with this public key"
            + " (repeatable); fails when the image is unsigned, names another key, or does not verify.")
    java.util.List<Path> keys = new java.util.ArrayList<>();

    @Option(names = "--strict", description = "Fail on any membrane value the spec would saturate.")
    boolean strict;

    @Option(names = "--threads", paramLabel = "N", showDefaultValue = CommandLine.Help.Visibility.NEVER, description = "Worker threads (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-drop", paramLabel = "PP", description = "Exit 1 when the device's accuracy is more than PP"
            + " percentage points below the trained model's (a CI gate; needs the trained model).")
    Double maxDrop;

    @Option(names = "--any-dataset", description = "Verify on a dataset other than the one the model was trained on"
            + " (refused by default: the accuracy would mean nothing).")
    boolean anyDataset;

    @Option(names = Predictions.OPTION, paramLabel = "FILE", description = Predictions.DESCRIPTION
            + " Each line has the emulator's answer and, with a trained model, the model's (trainer) and whether they match.")
    Path predictions;

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw SnnException.badInput("--threads is " + threads + ", expected >= 1");
        }
        if (maxDrop != null && !(maxDrop >= 0 && maxDrop <= 100)) {
            throw SnnException.badInput("--max-drop " + maxDrop + ": must be 0..100 percentage points");
        }
        if (!Files.isRegularFile(image)) {
            throw SnnException.badInput("image " + image + ": no such file");
        }
        Predictions.check(predictions);
        byte[] bytes = Files.readAllBytes(image);
        String imageSha = Sha256.hexOf(bytes);
        DeviceImage img = ImageParser.parse(bytes, image.toString());
        SignatureJson signature = ImageSignatures.describe(img, bytes, keys);
        ImageSignatures.require(image, signature, keys);
        String selfTest = ImageNetworks.runSelfTest(img);
        if (selfTest != null) {
            throw SnnException.checkFailed(image + ": " + selfTest);
        }
        DeviceNetwork device = ImageNetworks.toNetwork(img);
        ImageSidecar side = sidecar(imageSha);
        Path modelPath = model != null ? model : modelFromSidecar(side);
        TrainedModel trained = modelPath == null ? null : ModelFiles.read(modelPath);
        if (trained != null) {
            checkModel(modelPath, trained, img, side);
        }
        DeviceNetwork trainer = trained == null ? null : ModelNetwork.fromModel(trained);
        if (maxDrop != null && trainer == null) {
            throw SnnException.badInput("--max-drop needs the trained model to compare with: give --model (" + image
                    + " has no sidecar " + QuantizeCommand.sidecarOf(image).getFileName() + ")");
        }

        Dataset ds = data.load(common);
        String trainedOn = trained != null ? trained.getDataset() : side != null ? side.dataset() : null;
        checkDataset(trainedOn, trained != null ? "model " + modelPath : QuantizeCommand.sidecarOf(image).toString(), ds.name());
        Dataset.Split test = ds.test();
        if (test.imageSize() != device.inputs) {
            throw SnnException.badInput(image + ": the image has " + device.inputs + " inputs but dataset " + ds.name()
                    + " has " + test.imageSize() + " pixels per image");
        }
        int count = limit == null ? test.count() : limit;
        if (count < 1 || count > test.count()) {
            throw SnnException.badInput("--limit is " + count + ", expected 1.." + test.count());
        }
        Verifier.Report r = Verifier.run(device, trainer, test.pixels(), test.labels(), count, threads, strict, common.progress());

        boolean compared = r.trainer != null;
        if (predictions != null) {
            boolean[] match = null;
            if (compared) {
                match = new boolean[r.images];
                for (int k = 0; k < r.images; k++) {
                    match[k] = r.device.predicted[k] == r.trainer.predicted[k];
                }
            }
            Predictions.write(predictions, 0, test.labels(), r.device.predicted, r.device.answers,
                    compared ? r.trainer.predicted : null, null, match);
        }
        Double drop = compared ? 100 * (r.trainer.accuracy() - r.device.accuracy()) : null;
        VerifyJson j = new VerifyJson(image.toString(), imageSha, img.weightBits, img.neurons, ds.name(), r.images,
                r.device.accuracy(), compared ? r.trainer.accuracy() : null,
                compared ? 100 * (r.device.accuracy() - r.trainer.accuracy()) : null, compared ? r.mismatches : null,
                r.images / Math.max(1e-9, r.device.seconds),
                compared ? r.images / Math.max(1e-9, r.trainer.seconds) : null,
                (double) r.device.synapticEvents / r.images, (double) r.device.steps / r.images, threads, strict, "pass",
                signature.signed(), signature.keyId(), signature.securityVersion(), signature.signatureVerified(),
                modelPath == null ? null : modelPath.toString(), trainedOn, maxDrop,
                maxDrop == null ? null : drop <= maxDrop + 1e-9);
        if (common.json) {
            common.out().println(Json.pretty(j));
        } else {
            common.out().printf(Locale.ROOT, "%s: device accuracy %.2f%% on %d %s test images (%.0f images/s, %.0f steps and"
                            + " %.0f synaptic events per image)%n", image, 100 * r.device.accuracy(), r.images, ds.name(),
                    j.imagesPerSecond(), j.stepsPerImage(), j.synapticEventsPerImage());
            common.out().println(image + ": " + signature.line());
            if (r.trainer != null) {
                common.out().printf(Locale.ROOT, "trained model %s: %.2f%%, delta %+.2f points, %d of %d labels differ%n",
                        modelPath, 100 * r.trainer.accuracy(), j.deltaPp(), r.mismatches, r.images);
            } else {
                common.out().println("no trained model to compare with (give --model, or quantize writes IMAGE.json)");
            }
        }
        common.out().flush();
        if (maxDrop != null && drop > maxDrop + 1e-9) {
            throw SnnException.checkFailed(String.format(Locale.ROOT, "%s: device accuracy %.2f%% is %.2f points below the"
                    + " trained model's %.2f%%, more than --max-drop %s", image, 100 * r.device.accuracy(), drop,
                    100 * r.trainer.accuracy(), maxDrop));
        }
        return 0;
    }

    /** The largest IMAGE.json read: quantize writes a few hundred bytes. */
    static final long SIDECAR_MAX_BYTES = 65_536;

    private static void bounded(Path side, String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw SnnException.badInput(side + ": field '" + field + "' is " + value.length() + " characters long, at most "
                    + max + " allowed");
        }
    }

    private static void sha256Field(Path side, String field, String value) {
        if (value != null && !value.matches("[0-9a-f]{64}")) {
            String shown = value.length() > 80 ? value.substring(0, 77) + "..." : value;
            throw SnnException.badInput(side + ": field '" + field + "' is '" + shown + "' (" + value.length()
                    + " characters), not 64 lowercase hex digits (a SHA-256)");
        }
    }

    /** The image's sidecar (quantize's IMAGE.json), or null; refused when it describes another image. */
    private ImageSidecar sidecar(String imageSha) throws java.io.IOException {
        Path side = QuantizeCommand.sidecarOf(image);
        if (!Files.exists(side)) {
            return null;
        }
        long size = Files.size(side);
        if (size > SIDECAR_MAX_BYTES) {
            throw SnnException.badInput(side + ": " + size + " bytes, at most " + SIDECAR_MAX_BYTES
                    + " allowed (quantize writes a few hundred)");
        }
        ImageSidecar o;
        try {
            o = Json.read(Files.readString(side, StandardCharsets.UTF_8), ImageSidecar.class);
        } catch (RuntimeException e) {
            throw SnnException.badInput(side + ": not a JSON object: " + e.getMessage());
        }
        if (o == null) {
            throw SnnException.badInput(side + ": not a JSON object");
        }
        bounded(side, "model", o.model(), 4096);          // a path: PATH_MAX on Linux
        bounded(side, "dataset", o.dataset(), 256);       // as a model's dataset name (docs: model.snn limits)
        bounded(side, "profile", o.profile(), 256);
        sha256Field(side, "model_sha256", o.modelSha256());
        sha256Field(side, "image_sha256", o.imageSha256());
        String recorded = o.imageSha256();
        if (recorded != null && !recorded.equals(imageSha)) {
            throw SnnException.badInput(side + ": field 'image_sha256' is " + recorded + ", but " + image + " has sha256 "
                    + imageSha + ": the sidecar belongs to another image (quantize again, or remove it and give --model)");
        }
        return o;
    }

    /** The trained model must be the one the image was quantized from (by hash, when the sidecar says) and fit it. */
    private void checkModel(Path modelPath, TrainedModel m, DeviceImage img, ImageSidecar side)
            throws java.io.IOException {
        String recorded = side == null ? null : side.modelSha256();
        if (recorded != null) {
            byte[] mb = Files.readAllBytes(modelPath);
            String actual = Sha256.hexOf(mb);
            if (!recorded.equals(actual)) {
                throw SnnException.badInput("model " + modelPath + " has sha256 " + actual + ", but " + image
                        + " was quantized from a model with sha256 " + recorded + " (" + QuantizeCommand.sidecarOf(image)
                        + ", model " + side.model() + "); give that model, or quantize this one");
            }
        }
        if (m.getNeurons() != img.neurons || m.getInputs() != img.inputs) {
            throw SnnException.badInput("model " + modelPath + " has " + m.getNeurons() + " neurons and " + m.getInputs()
                    + " inputs, but " + image + " has " + img.neurons + " neurons and " + img.inputs
                    + " inputs: not the model it was quantized from");
        }
    }

    /** The test set must be the one the model was trained on: an MNIST model scores nothing on Fashion-MNIST. */
    private void checkDataset(String trainedOn, String source, String given) {
        if (trainedOn == null || trainedOn.isEmpty() || trainedOn.equals(given) || anyDataset) {
            return;
        }
        java.util.Set<String> known = snn.data.KnownDataset.standardCatalog().keySet();
        if (known.contains(trainedOn) || known.contains(given)) {
            throw SnnException.badInput("--dataset " + given + ": " + image + " was trained on " + trainedOn + " (" + source
                    + "); give --dataset " + trainedOn + ", or --any-dataset to measure it on another dataset anyway");
        }
        if (!common.quiet) {
            common.err().println("verify: note: the model was trained on " + trainedOn + ", the test set is " + given);
        }
    }

    private Path modelFromSidecar(ImageSidecar o) {
        if (o == null) {
            return null;
        }
        Path side = QuantizeCommand.sidecarOf(image);
        if (o.model() == null) {
            throw SnnException.badInput(side + ": field 'model' is missing");
        }
        Path p = Path.of(o.model());
        if (!Files.exists(p)) {
            throw SnnException.badInput(side + ": names model " + p + ", which does not exist (give --model)");
        }
        return p;
    }
}
