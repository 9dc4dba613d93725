package snn.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.data.Dataset;
import snn.deploy.quant.ModelFiles;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.image.ImageWriter;
import snn.protocol.model.TrainedModel;
import snn.sim.image.ImageNetworks;
import snn.core.DeviceNetwork;
import snn.protocol.model.ModelNetwork;
import snn.sim.verify.Verifier;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn verify}: the device loop (bit-exact emulator) over the test set, against the trained model. */
@Command(name = "verify", description = "Run a device image's loop over the test set in the emulator and compare its"
        + " accuracy with the trained model's (same images, same seeds).")
public final class VerifyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    CommonOptions common;

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }

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

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--max-drop", paramLabel = "PP", description = "Exit 1 when the device's accuracy is more than PP"
            + " percentage points below the trained model's (a CI gate; needs the trained model).")
    Double maxDrop;

    @Option(names = "--any-dataset", description = "Verify on a dataset other than the one the model was trained on"
            + " (refused by default: the accuracy would mean nothing).")
    boolean anyDataset;

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
        byte[] bytes = Files.readAllBytes(image);
        String imageSha = ImageWriter.hex(ImageWriter.sha256(bytes, 0, bytes.length));
        DeviceImage img = ImageParser.parse(bytes, image.toString());
        Map<String, Object> signature = ImageSignatures.describe(img, bytes, keys);
        ImageSignatures.require(image, signature, keys);
        String selfTest = ImageNetworks.runSelfTest(img);
        if (selfTest != null) {
            throw SnnException.checkFailed(image + ": " + selfTest);
        }
        DeviceNetwork device = ImageNetworks.toNetwork(img);
        Map<String, Object> side = sidecar(imageSha);
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
        String trainedOn = trained != null ? trained.getDataset() : side != null && side.get("dataset") instanceof String s ? s : null;
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
        Verifier.Report r = Verifier.run(device, trainer, test.pixels(), test.labels(), count, threads, strict, common.quiet);

        Map<String, Object> j = new LinkedHashMap<>();
        j.put("image", image.toString());
        j.put("sha256", ImageWriter.hex(ImageWriter.sha256(bytes, 0, bytes.length)));
        j.put("bits", img.weightBits);
        j.put("neurons", img.neurons);
        j.put("dataset", ds.name());
        j.put("images", r.images);
        j.put("device_accuracy", r.device.accuracy());
        j.put("trainer_accuracy", r.trainer == null ? null : r.trainer.accuracy());
        j.put("delta_pp", r.trainer == null ? null : 100 * (r.device.accuracy() - r.trainer.accuracy()));
        j.put("mismatches", r.trainer == null ? null : r.mismatches);
        j.put("images_per_second", r.images / Math.max(1e-9, r.device.seconds));
        j.put("trainer_images_per_second", r.trainer == null ? null : r.images / Math.max(1e-9, r.trainer.seconds));
        j.put("synaptic_events_per_image", (double) r.device.synapticEvents / r.images);
        j.put("steps_per_image", (double) r.device.steps / r.images);
        j.put("threads", threads);
        j.put("strict", strict);
        j.put("selftest", "pass");
        j.putAll(signature);
        j.put("model", modelPath == null ? null : modelPath.toString());
        j.put("trained_on", trainedOn);
        Double drop = r.trainer == null ? null : 100 * (r.trainer.accuracy() - r.device.accuracy());
        if (maxDrop != null) {
            j.put("max_drop_pp", maxDrop);
            j.put("passed", drop <= maxDrop + 1e-9);
        }
        if (common.json) {
            out().println(Json.pretty(j));
        } else {
            out().printf(Locale.ROOT, "%s: device accuracy %.2f%% on %d %s test images (%.0f images/s, %.0f steps and"
                            + " %.0f synaptic events per image)%n", image, 100 * r.device.accuracy(), r.images, ds.name(),
                    j.get("images_per_second"), j.get("steps_per_image"), j.get("synaptic_events_per_image"));
            out().println(image + ": " + ImageSignatures.line(signature));
            if (r.trainer != null) {
                out().printf(Locale.ROOT, "trained model %s: %.2f%%, delta %+.2f points, %d of %d labels differ%n",
                        modelPath, 100 * r.trainer.accuracy(), j.get("delta_pp"), r.mismatches, r.images);
            } else {
                out().println("no trained model to compare with (give --model, or quantize writes IMAGE.json)");
            }
        }
        out().flush();
        if (maxDrop != null && drop > maxDrop + 1e-9) {
            throw SnnException.checkFailed(String.format(Locale.ROOT, "%s: device accuracy %.2f%% is %.2f points below the"
                    + " trained model's %.2f%%, more than --max-drop %s", image, 100 * r.device.accuracy(), drop,
                    100 * r.trainer.accuracy(), maxDrop));
        }
        return 0;
    }

    /** The image's sidecar (quantize's IMAGE.json), or null; refused when it describes another image. */
    private Map<String, Object> sidecar(String imageSha) throws java.io.IOException {
        Path side = QuantizeCommand.sidecarOf(image);
        if (!Files.exists(side)) {
            return null;
        }
        Map<String, Object> o;
        try {
            o = Json.parseObject(Files.readString(side, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw SnnException.badInput(side + ": not a JSON object: " + e.getMessage());
        }
        if (o == null) {
            throw SnnException.badInput(side + ": not a JSON object");
        }
        if (o.get("image_sha256") instanceof String recorded && !recorded.equals(imageSha)) {
            throw SnnException.badInput(side + ": field 'image_sha256' is " + recorded + ", but " + image + " has sha256 "
                    + imageSha + ": the sidecar belongs to another image (quantize again, or remove it and give --model)");
        }
        return o;
    }

    /** The trained model must be the one the image was quantized from (by hash, when the sidecar says) and fit it. */
    private void checkModel(Path modelPath, TrainedModel m, DeviceImage img, Map<String, Object> side)
            throws java.io.IOException {
        if (side != null && side.get("model_sha256") instanceof String recorded) {
            byte[] mb = Files.readAllBytes(modelPath);
            String actual = ImageWriter.hex(ImageWriter.sha256(mb, 0, mb.length));
            if (!recorded.equals(actual)) {
                throw SnnException.badInput("model " + modelPath + " has sha256 " + actual + ", but " + image
                        + " was quantized from a model with sha256 " + recorded + " (" + QuantizeCommand.sidecarOf(image)
                        + ", model " + side.get("model") + "); give that model, or quantize this one");
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
            System.err.println("verify: note: the model was trained on " + trainedOn + ", the test set is " + given);
        }
    }

    private Path modelFromSidecar(Map<String, Object> o) {
        if (o == null) {
            return null;
        }
        Path side = QuantizeCommand.sidecarOf(image);
        Object m = o.get("model");
        if (!(m instanceof String s)) {
            throw SnnException.badInput(side + ": field 'model' is missing");
        }
        Path p = Path.of(s);
        if (!Files.exists(p)) {
            throw SnnException.badInput(side + ": names model " + p + ", which does not exist (give --model)");
        }
        return p;
    }
}
