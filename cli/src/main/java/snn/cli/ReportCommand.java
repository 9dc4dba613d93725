package snn.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.protocol.model.TrainedModel;
import snn.report.Report;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn report RUN_DIR}: figures and a web page about a trained model, written into its run folder. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write PNG figures (receptive fields, confusion matrix, threshold and weight histograms,"
                + " accuracy curve, device versus trainer accuracy), index.html and report.json into RUN_DIR.",
                "The model is RUN_DIR/model.snn, or the only *.snn file there, unless --model names it."})
public final class ReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "The run folder: where the figures go.")
    Path runDir;

    @Option(names = "--model", paramLabel = "FILE", description = "The trained model (default: see above).")
    Path model;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(runDir)) {
            throw SnnException.badInput("run folder " + runDir + " does not exist or is not a directory");
        }
        Path file = model != null ? model : findModel(runDir);
        TrainedModel m = load(file);
        Report.Result r = write(runDir, m, file, common.quiet);
        if (common.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("run_dir", runDir.toString());
            j.put("index", runDir.resolve("index.html").toString());
            j.putAll(r.summary());
            System.out.println(Json.pretty(j));
        } else {
            System.out.println("report: " + runDir.resolve("index.html") + " (" + r.figures().size() + " figures)");
        }
        return 0;
    }

    /** Writes the report and prints its notes on stderr unless quiet; shared with {@code train}. */
    static Report.Result write(Path runDir, TrainedModel m, Path modelFile, boolean quiet) throws IOException {
        Path abs = runDir.toAbsolutePath().normalize();
        Path mf = modelFile.toAbsolutePath().normalize();
        String name = mf.startsWith(abs) ? abs.relativize(mf).toString() : mf.toString();
        Report.Result r = Report.write(runDir, m, name);
        if (!quiet) {
            for (String n : r.notes()) {
                System.err.println("report: " + n);
            }
        }
        return r;
    }

    static Path findModel(Path dir) throws IOException {
        Path def = dir.resolve("model.snn");
        if (Files.isRegularFile(def)) {
            return def;
        }
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.snn")) {
            ds.forEach(found::add);
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        throw SnnException.badInput("run folder " + dir + ": " + (found.isEmpty() ? "no model.snn or other *.snn file"
                : found.size() + " *.snn files and no model.snn") + "; name the model with --model FILE");
    }

    static TrainedModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw SnnException.badInput("model " + file + " does not exist or is not a file");
        }
        try {
            TrainedModel m = TrainedModel.parseFrom(Files.readAllBytes(file));
            if (m.getFormatVersion() != 1) {
                throw SnnException.badInput("model " + file + ": format_version " + m.getFormatVersion()
                        + " is not 1 (not a trained model written by snn train?)");
            }
            return m;
        } catch (InvalidProtocolBufferException e) {
            throw SnnException.badInput("model " + file + " is not a trained model: " + e.getMessage());
        }
    }
}
