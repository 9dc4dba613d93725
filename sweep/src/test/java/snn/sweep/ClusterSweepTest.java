package snn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.cli.Main;
import snn.support.Json;

/**
 * {@code snn sweep} on a real Spark standalone cluster on this machine, started by
 * {@code sweep/local-cluster.sh}: a master and two workers, each its own JVM, running the classes
 * of this build (the test class path, handed to daemons and executors as SNN_SWEEP_CLASSPATH, so
 * the shaded jar need not exist yet). While points run, one worker is killed with SIGKILL; the sweep
 * must finish on the other (the point it ran is lost and run again) with every point recorded exactly once and the same accuracies as a
 * {@code local[2]} run of the same grid, and a rerun must run nothing.
 */
public class ClusterSweepTest {
    /** Every process this test started (daemons and executors): stopped at the end, and by a shutdown hook. */
    private static final List<ProcessHandle> STARTED = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ClusterSweepTest::killAll, "cluster-test-cleanup"));
    }

    @TempDir
    Path tmp;

    /** 8 points: 2 norms x 4 seeds, each about a second of training on the synthetic strokes. */
    private static final String[] GRID = {"--norm", "l1,l2", "--seeds", "4", "--neurons", "30", "--train-images", "1200",
            "--label-images", "200", "--test-images", "150", "-q", "--json"};

    @Test
    void aWorkerKilledMidSweepLosesNothingAndResultsMatchLocal() throws Exception {
        Path module = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
        Path script = module.resolve("local-cluster.sh");
        Assumptions.assumeTrue(Files.isRegularFile(script), "no " + script);
        Assumptions.assumeTrue(new File("/proc/self").exists() && new File("/bin/bash").canExecute(),
                "local-cluster.sh needs Linux and bash");
        String cp = testClassPath();
        Path data = SweepCommandTest.strokes(tmp, 1200, 150);

        // The reference: the same grid on local[2].
        Path localDir = tmp.resolve("local");
        Run local = sweep(data, localDir, "local[2]");
        assertEquals(0, local.code, local.err + local.out);
        Map<String, Map<String, Object>> expected = byKey(rows(localDir));
        assertEquals(8, expected.size());

        Path clusterDir = tmp.resolve("cluster");
        Map<String, String> env = Map.of("SNN_CLUSTER_DIR", clusterDir.toString(), "SNN_SWEEP_CLASSPATH", cp,
                "SNN_WORKER_MEMORY", "768m", "SNN_CLUSTER_TIMEOUT", "150");
        ExecutorService bg = Executors.newSingleThreadExecutor();
        try {
            String started = script(script, env, "start", "2");
            for (String name : new String[] {"master", "worker-1", "worker-2"}) {
                track(pid(clusterDir, name));
            }
            String master = started.lines().filter(l -> l.startsWith("master: ")).map(l -> l.substring(8).trim())
                    .findFirst().orElseThrow(() -> new AssertionError("no master line in: " + started));
            assertTrue(master.startsWith("spark://127.0.0.1:"), master);

            Path sweepDir = tmp.resolve("sweep");
            LostTasks.LOST.set(0);
            Future<Run> running = bg.submit(() -> sweep(data, sweepDir, master, "--spark-conf", "spark.executor.memory=512m",
                    "--spark-conf", "spark.extraListeners=" + LostTasks.class.getName()));
            // Kill worker 1 (SIGKILL, by pid) while both executors run a point.
            long victim = pid(clusterDir, "worker-1");
            int before = -1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (!running.isDone() && System.nanoTime() < deadline) {
                int n = lines(sweepDir.resolve(ResultsLog.JSONL));
                if (busyExecutors() >= 2) {
                    Optional<ProcessHandle> w = ProcessHandle.of(victim);
                    assertTrue(w.isPresent(), "worker 1 runs");
                    w.get().descendants().forEach(STARTED::add); // its executor, to clean up should it outlive it
                    assertTrue(w.get().destroyForcibly(), "SIGKILL worker 1");
                    before = n;
                    break;
                }
                Thread.sleep(20);
            }
            assertTrue(before >= 0 && before < 8, "worker 1 killed while points ran (" + before + " of 8 recorded)");
            Run cluster = running.get(150, TimeUnit.SECONDS);
            System.err.printf("ClusterSweepTest: killed worker 1 (pid %d) with %d of 8 points recorded, %d task(s) lost with it; %s",
                    victim, before, LostTasks.LOST.get(),
                    cluster.out.isEmpty() ? "\n" : "sweep: " + Json.parseObject(cluster.out).get("seconds") + " s\n");
            assertEquals(0, cluster.code, cluster.err + cluster.out);
            assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false), "worker 1 is dead");
            assertTrue(LostTasks.LOST.get() >= 1, "the point running on worker 1 was lost and run again");
            Map<String, Object> j = Json.parseObject(cluster.out);
            assertEquals(8.0, j.get("ok"), cluster.out);
            assertEquals(0.0, j.get("failed"), cluster.out);

            // Every point exactly once, and the accuracies of local[2].
            List<Map<String, Object>> rows = rows(sweepDir);
            assertEquals(8, rows.size(), "one row per point");
            Set<String> ids = new HashSet<>();
            for (Map<String, Object> r : rows) {
                assertTrue(ids.add((String) r.get("id")), "point " + r.get("id") + " recorded twice");
                assertEquals("ok", r.get("status"), r.toString());
                Map<String, Object> e = expected.get((String) r.get("key"));
                assertNotNull(e, "a point of the grid: " + r.get("key"));
                for (String k : new String[] {"test_accuracy", "test_accuracy_max_neuron", "test_accuracy_vote", "hoyer"}) {
                    assertEquals(e.get(k), r.get(k), k + " of " + r.get("args"));
                }
                assertTrue(Files.exists(ResultsLog.predictionFile(sweepDir, (String) r.get("id"))));
            }
            assertEquals(8, Files.readAllLines(sweepDir.resolve(ResultsLog.CSV)).size() - 1);

            // A rerun resumes: every point is done, nothing runs.
            Run again = sweep(data, sweepDir, master);
            assertEquals(0, again.code, again.err + again.out);
            assertEquals(0.0, Json.parseObject(again.out).get("ran"));
            assertEquals(8.0, Json.parseObject(again.out).get("skipped"));
            assertEquals(8, rows(sweepDir).size());
        } finally {
            bg.shutdownNow();
            try {
                script(script, env, "stop");
            } finally {
                killAll();
            }
        }
    }

    record Run(int code, String out, String err) {
    }

    /** Executors of the running sweep (driver in this JVM) that run a task now. */
    private static int busyExecutors() {
        scala.Option<org.apache.spark.SparkContext> sc = org.apache.spark.SparkContext$.MODULE$.getActive();
        if (sc.isEmpty()) {
            return 0;
        }
        int busy = 0;
        for (org.apache.spark.SparkExecutorInfo e : sc.get().statusTracker().getExecutorInfos()) {
            busy += e.numRunningTasks() > 0 ? 1 : 0;
        }
        return busy;
    }

    /** Counts the tasks that ended because their executor was lost (registered by spark.extraListeners). */
    public static final class LostTasks extends org.apache.spark.scheduler.SparkListener {
        static final java.util.concurrent.atomic.AtomicInteger LOST = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
            if (end.reason() instanceof org.apache.spark.ExecutorLostFailure) {
                LOST.incrementAndGet();
            }
        }
    }

    /** Runs {@code snn sweep} in this JVM (the driver), capturing its output. */
    private static synchronized Run sweep(Path data, Path dir, String master, String... extra) {
        List<String> a = new ArrayList<>(List.of("sweep", "--dataset", data.toString(), "--dir", dir.toString(),
                "--master", master));
        a.addAll(List.of(GRID));
        a.addAll(List.of(extra));
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setErr(new PrintWriter(e, true));
        PrintStream old = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = cl.execute(a.toArray(new String[0]));
            return new Run(code, captured.toString(StandardCharsets.UTF_8), e.toString());
        } finally {
            System.setOut(old);
        }
    }

    /** Runs local-cluster.sh; its output, or an AssertionError with it when it fails. */
    private static String script(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        STARTED.add(p.toHandle());
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(200, TimeUnit.SECONDS), "local-cluster.sh " + String.join(" ", args) + " hangs");
        assertEquals(0, p.exitValue(), "local-cluster.sh " + String.join(" ", args) + ":\n" + out);
        return out;
    }

    private static long pid(Path clusterDir, String name) throws Exception {
        return Long.parseLong(Files.readString(clusterDir.resolve("pids").resolve(name + ".pid")).trim());
    }

    private static void track(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            STARTED.add(h);
            h.descendants().forEach(STARTED::add);
        });
    }

    /** SIGKILL to every process this test started, with the children (executors) they have now. */
    private static void killAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle h : STARTED) {
            h.descendants().forEach(all::add);
            all.add(h);
        }
        for (ProcessHandle h : all) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
    }

    /** The class path of this test JVM (surefire hands the real one in surefire.test.class.path). */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path");
        }
        return cp;
    }

    private static int lines(Path f) throws Exception {
        try {
            return (int) Files.readAllLines(f).stream().filter(l -> !l.isBlank()).count();
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        }
    }

    private static List<Map<String, Object>> rows(Path dir) throws Exception {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(ResultsLog.JSONL))) {
            rows.add(Json.parseObject(line));
        }
        return rows;
    }

    private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> m = new HashMap<>();
        for (Map<String, Object> r : rows) {
            assertEquals("ok", r.get("status"), r.toString());
            m.put((String) r.get("key"), r);
        }
        return m;
    }
}
