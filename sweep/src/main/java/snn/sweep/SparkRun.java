package snn.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs points on Spark, one single-task job per point, all submitted at once: Spark's scheduler
 * keeps every executor core busy, and the driver hears of each point the moment its job ends (a
 * single job over all points would hand results back only at its end, or in partition order).
 * A job that dies outside the trainer (a lost executor, an out-of-memory kill) becomes a failed
 * point like any other.
 */
final class SparkRun {
    private SparkRun() {
    }

    static SparkConf conf(String master, Map<String, String> extra) {
        SparkConf conf = new SparkConf().setAppName("snn sweep").setMaster(master)
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            // embedded: nothing listens beyond this machine, and no host-name lookup can stall start-up
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        } else {
            if (master.startsWith("spark://127.0.0.1:") || master.startsWith("spark://localhost:")) {
                // a cluster on this machine (sweep/local-cluster.sh): its executors reach the driver on loopback
                conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
            }
            String jar = ownJar();
            if (jar != null) {
                conf.setJars(new String[] {jar}); // executors load the trainer from the jar we run from
            }
        }
        for (Map.Entry<String, String> e : extra.entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return conf;
    }

    /** Runs every point and hands each outcome to {@code sink} (on this thread) as soon as it is known. */
    static void run(SparkConf conf, List<SweepPoint> points, int threads, Path dataDir, Consumer<PointOutcome> sink)
            throws InterruptedException {
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            sc.setLogLevel("WARN");
            PointTask task = new PointTask(threads, dataDir);
            List<JavaFutureAction<List<PointOutcome>>> jobs = new ArrayList<>();
            for (SweepPoint p : points) {
                jobs.add(sc.parallelize(List.of(p), 1).map(task).collectAsync());
            }
            List<Integer> open = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                open.add(i);
            }
            while (!open.isEmpty()) {
                boolean any = false;
                for (int k = 0; k < open.size(); k++) {
                    int i = open.get(k);
                    if (!jobs.get(i).isDone()) {
                        continue;
                    }
                    open.remove(k--);
                    any = true;
                    sink.accept(outcome(points.get(i), jobs.get(i)));
                }
                if (!any) {
                    Thread.sleep(100);
                }
            }
        }
    }

    private static PointOutcome outcome(SweepPoint p, JavaFutureAction<List<PointOutcome>> job) throws InterruptedException {
        try {
            List<PointOutcome> r = job.get();
            if (r.size() == 1) {
                return r.get(0);
            }
            return new PointOutcome(p.id(), new java.util.LinkedHashMap<>(), null, "Spark returned " + r.size() + " outcomes", "?");
        } catch (ExecutionException | RuntimeException e) {
            Throwable c = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String msg = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
            int nl = msg.indexOf('\n');
            return new PointOutcome(p.id(), new java.util.LinkedHashMap<>(), null,
                    "Spark job failed: " + (nl > 0 ? msg.substring(0, nl) : msg), "?");
        }
    }

    /** The jar this class was loaded from, if it was loaded from a jar. */
    static String ownJar() {
        try {
            var src = SparkRun.class.getProtectionDomain().getCodeSource();
            if (src == null) {
                return null;
            }
            Path p = Path.of(src.getLocation().toURI());
            return p.toString().endsWith(".jar") ? p.toString() : null;
        } catch (Exception e) {
            return null;
        }
    }
}
