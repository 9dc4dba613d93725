package snn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import snn.data.Dataset;
import snn.trainer.DataStats;
import snn.trainer.TrainData;
import snn.support.Json;

/** {@code snn datasets stats NAME...}: the input statistics the trainer's defaults are derived from. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Input statistics of each dataset's training split (the ones the trainer's defaults derive from).")
public final class DatasetsStatsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first (default: $SNN_DATA).")
    Path dataDir;

    @Parameters(arity = "1..*", paramLabel = "NAME|FOLDER", description = "Datasets to measure.")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : names) {
            Dataset ds = DatasetOptions.resolver(common).load(name, dataDir);
            DataStats st = DataStats.of(TrainData.of(ds));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", ds.name());
            row.put("rows", ds.rows());
            row.put("cols", ds.cols());
            row.putAll(statsMap(st));
            rows.add(row);
            if (!common.json) {
                out.printf(Locale.ROOT, "%s: %d inputs (%dx%d), %d training images, %d classes; mean pixel %.4f,"
                                + " ink fraction %.4f, %.2f Hz per pixel (default rate, intensity 2), covered pixels %.1f,"
                                + " neighbour correlation %.4f%n", ds.name(), st.inputs(), ds.rows(), ds.cols(),
                        st.trainCount(), st.classes(), st.meanPixel(), st.inkFraction(),
                        2 * st.spikeRatePerPixelHz(snn.trainer.Defaults.rateHz(st)), st.coveredPixels(),
                        st.neighbourCorrelation());
            }
        }
        if (common.json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("datasets", rows);
            out.println(Json.pretty(j));
        }
        out.flush();
        return 0;
    }

    static Map<String, Object> statsMap(DataStats st) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", st.inputs());
        m.put("train_count", st.trainCount());
        m.put("classes", st.classes());
        m.put("mean_pixel", st.meanPixel());
        m.put("ink_fraction", st.inkFraction());
        m.put("rate_at_intensity1_hz", snn.trainer.Defaults.rateHz(st));
        m.put("spike_rate_per_pixel_hz", 2 * st.spikeRatePerPixelHz(snn.trainer.Defaults.rateHz(st)));
        m.put("covered_pixels", st.coveredPixels());
        m.put("neighbour_correlation", st.neighbourCorrelation());
        return m;
    }
}
