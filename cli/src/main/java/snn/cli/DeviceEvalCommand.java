package snn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.data.Dataset;
import snn.deploy.eval.DeviceEval;
import snn.deploy.link.Links;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.LinkLost;
import snn.protocol.image.ImageWriter;
import snn.protocol.wire.DeviceInfo;
import snn.support.Json;
import snn.support.Progress;
import snn.support.SnnException;

/** {@code snn device eval}: accuracy on the device, every answer checked against the emulator. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Stream test images to a board, report its accuracy, and compare every answer with the emulator.")
public final class DeviceEvalCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DatasetOptions data;

    @Option(names = "--port", required = true, description = "Serial device, tcp://127.0.0.1:N (a sim board has no model until deployed in the same process).")
    String port;

    @Option(names = "--baud", defaultValue = "115200", description = "Line rate (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "The device image the board runs: the emulator's reference. Its SHA-256 must equal the board's active model.")
    Path image;

    @Option(names = "--limit", defaultValue = "500", description = "Test images to stream (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--first", defaultValue = "0", description = "First test image (default: ${DEFAULT-VALUE}).")
    int first;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw SnnException.badInput(image + ": no such file");
        }
        byte[] img = Files.readAllBytes(image);
        Dataset ds = data.load(common);
        Dataset.Split test = ds.test();
        if (first < 0 || limit < 1 || first + limit > test.count()) {
            throw SnnException.badInput("--first " + first + " --limit " + limit + " must lie within the "
                    + test.count() + " test images of " + ds.name());
        }
        String sha = ImageWriter.hex(ImageWriter.sha256(img, 0, img.length));
        Map<String, Object> signature = ImageSignatures.describe(snn.protocol.image.ImageParser.parse(img, image.toString()),
                img, java.util.List.of());
        DeviceEval.Result r;
        DeviceInfo info;
        try (DeviceClient c = new DeviceClient(Links.connector(port, baud).open(), null)) {
            info = c.hello();
            String active = ImageWriter.hex(info.getModelSha256().toByteArray());
            if (!active.equals(sha)) {
                throw SnnException.checkFailed(port + ": the device runs model " + (active.isEmpty() ? "(none)" : active)
                        + ", not " + image + " (" + sha + "); deploy it first");
            }
            try (Progress bar = new Progress("device eval " + port, limit, "img", common.quiet)) {
                r = DeviceEval.run(c, img, test.pixels(), test.labels(), first, limit, bar);
            }
        } catch (LinkLost e) {
            throw SnnException.checkFailed(port + ": the link was lost during device eval (" + e.getMessage() + ")");
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("port", port);
        j.put("dataset", ds.name());
        j.put("model_sha256", sha);
        j.put("images", r.images);
        j.put("first", first);
        j.put("device_accuracy", r.accuracy());
        j.put("mismatches", r.mismatches);
        j.put("mismatch_examples", r.firstMismatches);
        j.put("seconds", r.seconds);
        j.put("images_per_second", r.images / Math.max(r.seconds, 1e-9));
        j.put("firmware", info.getFirmwareVersion());
        j.putAll(signature);
        java.util.List<String> trusted = new java.util.ArrayList<>();
        info.getTrustedKeyIdsList().forEach(k -> trusted.add(ImageWriter.hex(k.toByteArray())));
        j.put("board_trusted_key_ids", trusted);
        if (common.json) {
            System.out.println(Json.pretty(j));
        } else {
            System.out.printf(Locale.ROOT, "%s: %.2f%% on %d %s test images, %d mismatches against the emulator (%.1f images/s)%n",
                    port, r.accuracy() * 100, r.images, ds.name(), r.mismatches, r.images / Math.max(r.seconds, 1e-9));
            r.firstMismatches.forEach(m -> System.out.println("  mismatch " + m));
            System.out.println(image + ": " + ImageSignatures.line(signature) + "; board "
                    + (trusted.isEmpty() ? "unprovisioned" : "trusts key ids " + String.join(", ", trusted)));
        }
        return r.mismatches == 0 ? 0 : SnnException.CHECK_FAILED;
    }
}
