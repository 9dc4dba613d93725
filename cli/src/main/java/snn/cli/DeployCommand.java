package snn.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.deploy.link.Links;
import snn.deploy.upload.BoardProgress;
import snn.deploy.upload.Trace;
import snn.deploy.upload.UploadResult;
import snn.deploy.upload.Uploader;
import snn.protocol.wire.WireProtocol;
import snn.sim.board.TrailingShaValidator;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn deploy}: stream a device image to one or more boards, resumably, then check it is active. */
@Command(name = "deploy", description = "Upload a device image to boards over serial, TCP or an in-process emulated board."
        + " Several --port options flash several boards in parallel.")
public final class DeployCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "Device image (snn quantize --out).")
    Path image;

    @Option(names = "--port", defaultValue = Links.SIM, description = "Serial device (e.g. /dev/ttyUSB0, /dev/pts/3),"
            + " tcp://127.0.0.1:N, or sim (default: ${DEFAULT-VALUE}). Repeat to flash boards in parallel.")
    List<String> ports;

    @Option(names = "--baud", defaultValue = "115200", description = "Line rate, 8N1 (default: ${DEFAULT-VALUE}).")
    int baud;

    @Option(names = "--trace", description = "Hex-dump every frame with a timestamp on stderr.")
    boolean trace;

    @Option(names = "--chunk", defaultValue = "1024", description = "Chunk bytes per frame, at most the device's limit (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--window", defaultValue = "8", description = "Chunks in flight (default: ${DEFAULT-VALUE}).")
    int window;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(image)) {
            throw SnnException.badInput("image " + image + ": no such file");
        }
        byte[] bytes = Files.readAllBytes(image);
        if (bytes.length == 0) {
            throw SnnException.badInput("image " + image + ": empty file");
        }
        Links.checkBaud(baud);
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
        BoardProgress progress = new BoardProgress(System.err, unique.toArray(String[]::new), bytes.length, common.quiet);
        Uploader.Options opts = new Uploader.Options(chunk, window, Uploader.Options.DEFAULT.retries(),
                Uploader.Options.DEFAULT.reconnects());
        ExecutorService pool = Executors.newFixedThreadPool(unique.size());
        List<Future<UploadResult>> futures = new ArrayList<>();
        for (int i = 0; i < unique.size(); i++) {
            String port = unique.get(i);
            int idx = i;
            var connector = Links.connector(port, baud); // bad --port values fail here, before any upload
            Trace t = trace ? new Trace(System.err, port) : null;
            futures.add(pool.submit(() -> new Uploader(connector, opts, t, progress.listener(idx)).upload(bytes)));
        }
        pool.shutdown();
        List<Map<String, Object>> boards = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            try {
                UploadResult r = futures.get(i).get();
                boards.add(r.toJson());
                if (r.device().getTrustedKeyIdsCount() == 0 && !common.quiet) {
                    System.err.println("deploy: note: " + r.port() + " is unprovisioned (no trusted keys): it commits unsigned"
                            + " images too; snn device trust --port " + r.port() + " --key PUB makes it take only signed ones");
                }
                progress.finish(i, String.format(java.util.Locale.ROOT, "done in %.2f s, link efficiency %.3f%s", r.seconds(),
                        r.linkEfficiency(), r.resumedFrom() > 0 ? ", resumed from " + r.resumedFrom() : ""));
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof SnnException se && se.exitCode() == SnnException.USAGE && unique.size() == 1) {
                    throw se;
                }
                String msg = c instanceof SnnException ? c.getMessage() : unique.get(i) + ": " + c;
                failures.add(msg);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("port", unique.get(i));
                m.put("ok", false);
                m.put("error", msg);
                boards.add(m);
                progress.finish(i, "FAILED: " + msg);
            }
        }
        if (common.json) {
            Object out;
            if (boards.size() == 1) {
                out = boards.get(0);
            } else {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("image", image.toString());
                m.put("model_sha256", WireProtocol.hex(TrailingShaValidator.sha256(bytes)));
                m.put("boards", boards);
                m.put("succeeded", boards.size() - failures.size());
                m.put("failed", failures.size());
                out = m;
            }
            System.out.println(Json.pretty(out));
        } else if (!common.quiet) {
            for (Map<String, Object> b : boards) {
                System.out.println(b.get("port") + ": " + (Boolean.TRUE.equals(b.get("ok"))
                        ? "model " + b.get("model_sha256") + " active, " + b.get("bytes") + " bytes in "
                        + String.format(java.util.Locale.ROOT, "%.2f s", (Double) b.get("seconds"))
                        : "FAILED: " + b.get("error")));
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
