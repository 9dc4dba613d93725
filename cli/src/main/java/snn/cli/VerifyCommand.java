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
import snn.sim.image.ImageNetworks;
import snn.sim.lif.DeviceNetwork;
import snn.sim.lif.ModelNetwork;
import snn.sim.verify.Verifier;
import snn.util.Json;
import snn.util.SnnException;

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

    @Option(names = "--strict", description = "Fail on any membrane value the spec would saturate.")
    boolean strict;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() throws Exception {
        if (threads < 1) {
            throw SnnException.badInput("--threads is " + threads + ", expected >= 1");
        }
        byte[] bytes = Files.readAllBytes(image);
        DeviceImage img = ImageParser.parse(bytes, image.toString());
        String selfTest = ImageNetworks.runSelfTest(img);
        if (selfTest != null) {
            throw SnnException.checkFailed(image + ": " + selfTest);
        }
        DeviceNetwork device = ImageNetworks.toNetwork(img);
        Path modelPath = model != null ? model : modelFromSidecar();
        DeviceNetwork trainer = modelPath == null ? null : ModelNetwork.fromModel(ModelFiles.read(modelPath));

        Dataset ds = data.load(common);
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
        j.put("model", modelPath == null ? null : modelPath.toString());
        if (common.json) {
            out().println(Json.pretty(j));
        } else {
            out().printf(Locale.ROOT, "%s: device accuracy %.2f%% on %d %s test images (%.0f images/s, %.0f steps and"
                            + " %.0f synaptic events per image)%n", image, 100 * r.device.accuracy(), r.images, ds.name(),
                    j.get("images_per_second"), j.get("steps_per_image"), j.get("synaptic_events_per_image"));
            if (r.trainer != null) {
                out().printf(Locale.ROOT, "trained model %s: %.2f%%, delta %+.2f points, %d of %d labels differ%n",
                        modelPath, 100 * r.trainer.accuracy(), j.get("delta_pp"), r.mismatches, r.images);
            } else {
                out().println("no trained model to compare with (give --model, or quantize writes IMAGE.json)");
            }
        }
        out().flush();
        return 0;
    }

    private Path modelFromSidecar() throws java.io.IOException {
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
        Object m = o == null ? null : o.get("model");
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
