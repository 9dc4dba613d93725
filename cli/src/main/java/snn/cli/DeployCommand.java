package snn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.cli.json.DeployJson;
import snn.deploy.link.Links;
import snn.deploy.upload.BoardProgress;
import snn.deploy.upload.Trace;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.wire.WireProtocol;
import snn.support.Json;
import snn.support.Sha256;
import snn.support.SnnException;

/** {@code snn deploy}: stream a device image to one or more boards, resumably, then check it is active. */
@Command(name = "deploy", description = "Upload a device image to boards over serial, TCP or an in-process emulated board."
        + " Several --port options flash several boards in parallel.")
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Device image (snn quantize --out).")
    Path image;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = Links.SIM, description = "Serial device (e.g. /dev/ttyUSB0, /dev/pts/3),"
            + " tcp://127.0.0.1:N, or sim. Repeat to flash boards in parallel.")
    List<String> ports;

    @Mixin
    BaudOption line;

    @Option(names = "--trace", description = "Hex-dump every frame with a timestamp on stderr.")
    boolean trace;

    @Option(names = "--chunk", paramLabel = "BYTES", defaultValue = "1024", description = "Chunk bytes per frame, at most the device's limit.")
    int chunk;

    @Option(names = "--window", paramLabel = "N", defaultValue = "8", description = "Chunks in flight.")
    int window;

    @Option(names = "--no-compress", description = "Send the raw image even to a board that offers the SNZ1 stream"
            + " (by default the image travels compressed when the board offers it; docs/protocol.md).")
    boolean noCompress;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw SnnException.badInput("image " + image + ": no such file");
        }
        byte[] bytes = Files.readAllBytes(image);
        if (bytes.length == 0) {
            throw SnnException.badInput("image " + image + ": empty file");
        }
        Links.checkBaud(line.baud);
        if (chunk < 1 || chunk > WireProtocol.MAX_CHUNK || window < 1 || window > 64) {
            throw SnnException.badInput("--chunk " + chunk + " --window " + window
                    + ": need chunk 1.." + WireProtocol.MAX_CHUNK + ", window 1..64");
        }
        // each "sim" is a board of its own; a real port named twice would fight itself
        List<String> unique = new ArrayList<>();
        for (String p : ports) {
            if (p.equals(Links.SIM) || !unique.contains(p)) {
                unique.add(p);
            }
        }
        BoardProgress progress = new BoardProgress(common.err(), unique.toArray(String[]::new), bytes.length, common.quiet);
        Uploader.Options opts = new Uploader.Options(chunk, window, Uploader.Options.DEFAULT.retries(),
                Uploader.Options.DEFAULT.reconnects(), !noCompress);
        ExecutorService pool = Executors.newFixedThreadPool(unique.size());
        List<Future<UploadResult>> futures = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            String port = unique.get(i);
            int idx = i;
            var connector = Links.connector(port, line.baud); // bad --port values fail here, before any upload
            Trace t = trace ? new Trace(common.err(), port) : null;
            futures.add(pool.submit(() -> new Uploader(connector, opts, t, progress.listener(idx)).upload(bytes)));
        }
        pool.shutdown();
        List<DeployJson.Board> boards = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                UploadResult r = futures.get(i).get();
                boards.add(DeployJson.Board.of(r));
                if (r.device().getTrustedKeyIdsCount() == 0 && !common.quiet) {
                    common.err().println("deploy: note: " + r.port() + " is unprovisioned (no trusted keys): it commits unsigned"
                            + " images too; snn device trust --port " + r.port() + " --key PUB makes it take only signed ones");
                }
                progress.finish(i, String.format(java.util.Locale.ROOT, "done in %.2f s, %s%s%s", r.seconds(),
                        r.speed(), r.encoding().equals("snz1") && !r.alreadyActive()
                                ? String.format(java.util.Locale.ROOT, ", SNZ1 stream %d bytes (%.3f of the image)", r.streamBytes(),
                                        (double) r.streamBytes() / r.bytes()) : "",
                        r.resumedFrom() > 0 ? ", resumed from " + r.resumedFrom() : ""));
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof SnnException se && se.exitCode() == SnnException.USAGE && unique.size() == 1) {
                    throw se;
                }
                String msg = c instanceof SnnException ? c.getMessage() : unique.get(i) + ": " + c;
                failures.add(msg);
                boards.add(DeployJson.Board.failed(unique.get(i), msg));
                progress.finish(i, "FAILED: " + msg);
            }
        }
        if (common.json) {
            Object out = boards.size() == 1 ? boards.get(0) : new DeployJson.Many(image.toString(),
                    Sha256.hexOf(bytes), boards, boards.size() - failures.size(), failures.size());
            common.out().println(Json.pretty(out));
        } else if (!common.quiet) {
            for (DeployJson.Board b : boards) {
                common.out().println(b.port() + ": " + (b.ok()
                        ? "model " + b.modelSha256() + " active, " + b.bytes() + " bytes in "
                        + String.format(java.util.Locale.ROOT, "%.2f s", b.seconds())
                        : "FAILED: " + b.error()));
            }
        }
        if (!failures.isEmpty()) {
            if (common.json) {
                return SnnException.CHECK_FAILED; // the JSON already says which board failed and why
            }
            throw SnnException.checkFailed(failures.size() == 1 ? failures.get(0)
                    : failures.size() + " of " + boards.size() + " boards failed: " + String.join("; ", failures));
        }
        return 0;
    }
}
