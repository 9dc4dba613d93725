package snn.sweep;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import snn.cli.CommonOptions;
import snn.support.AtomicFiles;
import snn.support.Json;
import snn.support.SnnException;

/**
 * {@code snn sweep report DIR}: statistics and figures of a sweep directory, written to
 * {@code DIR/report/} (summary.md, summary.json and PNG figures). Reads only the results and the
 * prediction files, never the datasets, so it runs anywhere the directory is copied to.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Write the statistics (mean and 95%% CI per configuration; L1 against L2 by paired t-test over"
                + " seeds and McNemar on the test images) and plots of a sweep to DIR/report/."})
public final class SweepReportCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "DIR", description = "The sweep directory (holding results.jsonl).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(dir.resolve(ResultsLog.JSONL))) {
            throw SnnException.badInput(dir + ": no " + ResultsLog.JSONL + " (is this a sweep directory?)");
        }
        System.setProperty("java.awt.headless", "true");
        ResultsLog log = ResultsLog.read(dir); // read-only: a sweep may be appending
        Analysis an = Analysis.of(dir, log.rows());
        Path out = dir.resolve("report");
        Files.createDirectories(out);
        List<Path> figures = new ArrayList<>();
        figures.addAll(SweepCharts.wt(an, out));
        figures.addAll(SweepCharts.neurons(an, out));
        figures.addAll(SweepCharts.ablations(an, out));
        Map<String, Object> summary = SweepSummary.json(an, out, figures);
        AtomicFiles.write(out.resolve("summary.json"), (Json.pretty(summary) + "\n").getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(out.resolve("summary.md"), SweepSummary.markdown(an, out, figures).getBytes(StandardCharsets.UTF_8));
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("dir", dir.toString());
        j.put("configurations", an.configs.size());
        j.put("comparisons", summary.get("comparisons"));
        j.put("failed_points", an.failedRows);
        j.put("summary_md", out.resolve("summary.md").toString());
        j.put("summary_json", out.resolve("summary.json").toString());
        j.put("figures", figures.stream().map(Path::toString).toList());
        if (common.json) {
            System.out.println(Json.pretty(j));
        } else {
            System.out.printf(Locale.ROOT, "sweep report: %d configurations, %d comparisons, %d figures: %s%n",
                    an.configs.size(), an.comparisons.size(), figures.size(), out.resolve("summary.md"));
        }
        return 0;
    }
}
