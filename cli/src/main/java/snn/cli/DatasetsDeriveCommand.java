package snn.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.data.Dataset;
import snn.data.DatasetTransform;
import snn.trainer.DataStats;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.SnnException;

/**
 * {@code snn datasets derive --from mnist --resize 14 --out DIR}: a dataset of another shape made
 * from one we have (centre crop, area-average resize, fewer training images), written as the four
 * IDX files of a folder dataset that {@code --dataset DIR} reads.
 */
@Command(name = "derive", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Make a dataset of another shape from an existing one (centre crop, then area-average resize;"
                + " optionally only the first training images) and write it as a folder of IDX files.")
public final class DatasetsDeriveCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "NAME|FOLDER", description = "Source dataset.")
    String from;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Look here first for the source (default: $SNN_DATA).")
    Path dataDir;

    @Option(names = "--crop", paramLabel = "S", description = "Centre crop to S x S pixels first (default: none).")
    int crop;

    @Option(names = "--resize", paramLabel = "R", description = "Area-average down to R x R pixels (default: keep).")
    int resize;

    @Option(names = "--train-limit", paramLabel = "N", description = "Keep only the first N training images (default: all).")
    int trainLimit;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the four IDX files into.")
    Path out;

    @Override
    public Integer call() throws Exception {
        java.io.PrintWriter w = spec.commandLine().getOut();
        DatasetTransform tf = new DatasetTransform(crop, resize, trainLimit);
        if (crop == 0 && resize == 0 && trainLimit == 0) {
            throw SnnException.badInput("give at least one of --crop, --resize, --train-limit");
        }
        AtomicFiles.checkWritableDir("--out", out);
        Dataset src = DatasetOptions.resolver(common).load(from, dataDir);
        tf.shape(src.rows(), src.cols()); // bad sizes fail here, before anything is written
        Dataset.Split[] s = tf.write(src, out);
        DataStats st = DataStats.of(s[0].pixels(), s[0].count(), s[0].rows(), s[0].cols(), src.classes());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("from", src.name());
        j.put("transform", tf.describe());
        j.put("out", out.toString());
        j.put("rows", s[0].rows());
        j.put("cols", s[0].cols());
        j.put("train_images", s[0].count());
        j.put("test_images", s[1].count());
        j.putAll(DatasetsStatsCommand.statsMap(st));
        if (common.json) {
            w.println(Json.pretty(j));
        } else {
            w.printf(Locale.ROOT, "%s: %s from %s: %d train / %d test images of %dx%d%n", out, tf.describe(),
                    src.name(), s[0].count(), s[1].count(), s[0].rows(), s[0].cols());
        }
        w.flush();
        return 0;
    }
}
