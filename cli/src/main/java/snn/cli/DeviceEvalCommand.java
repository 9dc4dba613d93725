package snn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.cli.json.DeviceEvalJson;
import snn.data.Dataset;
import snn.deploy.eval.DeviceEval;
import snn.deploy.link.Links;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.LinkLost;
import snn.protocol.wire.DeviceInfo;
import snn.support.Hex;
import snn.support.Json;
import snn.support.Progress;
import snn.support.Sha256;
import snn.support.SnnException;
import snn.cli.json.SignatureJson;

/** {@code snn device eval}: accuracy on the device, every answer checked against the emulator. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Stream test images to a board, report its accuracy, and compare every answer with the emulator.")
public final class DeviceEvalCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    DatasetOptions data;

    @Option(names = "--port", paramLabel = "PORT", required = true, description = "Serial device, tcp://127.0.0.1:N (a sim board has no model until deployed in the same process).")
    String port;

    @Mixin
    BaudOption line;

    @Option(names = "--image", required = true, paramLabel = "FILE",
            description = "The device image the board runs: the emulator's reference. Its SHA-256 must equal the board's active model.")
    Path image;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "500", description = "Test images to stream.")
    int limit;

    @Option(names = "--first", paramLabel = "N", defaultValue = "0", description = "First test image.")
    int first;

    @Option(names = Predictions.OPTION, paramLabel = "FILE", description = Predictions.DESCRIPTION
            + " Each line has the board's answer, the emulator's, and whether they match in label, steps and every count.")
    Path predictions;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw SnnException.badInput(image + ": no such file");
        }
        Predictions.check(predictions);
        byte[] img = Files.readAllBytes(image);
        Dataset ds = data.load(common);
        Dataset.Split test = ds.test();
        if (first < 0 || limit < 1 || first + limit > test.count()) {
            throw SnnException.badInput("--first " + first + " --limit " + limit + " must lie within the "
                    + test.count() + " test images of " + ds.name());
        }
        String sha = Sha256.hexOf(img);
        SignatureJson signature = ImageSignatures.describe(snn.protocol.image.ImageParser.parse(img, image.toString()),
                img, java.util.List.of());
        DeviceEval.Result r;
        DeviceInfo info;
        try (DeviceClient c = new DeviceClient(Links.connector(port, line.baud).open(), null)) {
            info = c.hello();
            String active = Hex.encode(info.getModelSha256().toByteArray());
            if (!active.equals(sha)) {
                throw SnnException.checkFailed(port + ": the device runs model " + (active.isEmpty() ? "(none)" : active)
                        + ", not " + image + " (" + sha + "); deploy it first");
            }
            try (Progress bar = new Progress(common.err(), "device eval " + port, limit, "img", common.quiet)) {
                r = DeviceEval.run(c, img, test.pixels(), test.labels(), first, limit, bar);
            }
        } catch (LinkLost e) {
            throw SnnException.checkFailed(port + ": the link was lost during device eval (" + e.getMessage() + ")");
        }
        if (predictions != null) { // mismatches too: they are what the file is for
            Predictions.write(predictions, first, test.labels(), r.deviceLabel, r.device, null, r.emulatorLabel, r.match);
        }
        java.util.List<String> trusted = new java.util.ArrayList<>();
        info.getTrustedKeyIdsList().forEach(k -> trusted.add(Hex.encode(k.toByteArray())));
        DeviceEvalJson j = new DeviceEvalJson(port, ds.name(), sha, r.images, first, r.accuracy(), r.mismatches,
                r.firstMismatches, r.seconds, r.images / Math.max(r.seconds, 1e-9), info.getFirmwareVersion(),
                signature.signed(), signature.keyId(), signature.securityVersion(), signature.signatureVerified(), trusted);
        if (common.json) {
            common.out().println(Json.pretty(j));
        } else {
            common.out().printf(Locale.ROOT, "%s: %.2f%% on %d %s test images, %d mismatches against the emulator (%.1f images/s)%n",
                    port, r.accuracy() * 100, r.images, ds.name(), r.mismatches, r.images / Math.max(r.seconds, 1e-9));
            r.firstMismatches.forEach(m -> common.out().println("  mismatch " + m));
            common.out().println(image + ": " + signature.line() + "; board "
                    + (trusted.isEmpty() ? "unprovisioned" : "trusts key ids " + String.join(", ", trusted)));
        }
        return r.mismatches == 0 ? 0 : SnnException.CHECK_FAILED;
    }
}
