package snn.sweep;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.Function;
import snn.cli.CommonOptions;
import snn.cli.DatasetOptions;
import snn.data.Dataset;
import snn.protocol.model.TrainSummary;
import snn.core.DeviceNetwork;
import snn.trainer.Evaluator;
import snn.trainer.TrainData;
import snn.trainer.TrainParams;
import snn.trainer.Trainer;
import snn.trainer.WeightStats;
import snn.support.SnnException;

/**
 * Runs one point on a Spark executor: the trainer in-process, exactly as {@code snn train} with the
 * same arguments would (but without the accuracy curve, which only costs time). Any error becomes
 * a failed outcome, so that one bad point never fails the Spark job or the sweep.
 */
public final class PointTask implements Function<SweepPoint, PointOutcome> {
    private static final long serialVersionUID = 1L;

    /** Datasets already read by this executor JVM, by name or folder and data dir. */
    private static final Map<String, TrainData> DATASETS = new ConcurrentHashMap<>();

    private final int threads;
    private final String dataDir;

    public PointTask(int threads, Path dataDir) {
        this.threads = threads;
        this.dataDir = dataDir == null ? null : dataDir.toString();
    }

    @Override
    public PointOutcome call(SweepPoint point) {
        String host = hostName();
        try {
            TrainArgs a = TrainArgs.parse(point.trainArgs(threads));
            TrainParams p = a.train.params();
            Trainer t = a.train.trainer(p, true);
            t.curvePoints = 0;
            TrainData td = load(a.data.dataset);
            if (t.trainImages > td.trainCount()) {
                throw SnnException.badInput("--train-images " + t.trainImages + " exceeds the " + td.trainCount()
                        + " training images of " + td.name());
            }
            Trainer.Result r = t.train(td);
            TrainSummary s = r.model().getSummary();
            LinkedHashMap<String, Object> v = new LinkedHashMap<>();
            v.put("test_images", s.getTestImages());
            v.put("test_accuracy", t.decision == DeviceNetwork.DECISION_VOTE ? s.getTestAccuracyVote()
                    : s.getTestAccuracyMaxNeuron());
            v.put("test_accuracy_max_neuron", s.getTestAccuracyMaxNeuron());
            v.put("test_accuracy_vote", s.getTestAccuracyVote());
            v.put("train_seconds", r.trainSeconds());
            v.put("images_per_second", r.imagesPerSecond());
            v.put("total_seconds", r.totalSeconds());
            v.putAll(WeightStats.of(r.model()).toMap());
            return new PointOutcome(point.id(), v, predictions(td, r.test()), null, host);
        } catch (Throwable e) {
            String msg = e instanceof SnnException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            return new PointOutcome(point.id(), new LinkedHashMap<>(), null, msg, host);
        }
    }

    private TrainData load(String dataset) throws java.io.IOException {
        String cacheKey = dataset + "\u0000" + dataDir;
        TrainData td = DATASETS.get(cacheKey);
        if (td != null) {
            return td;
        }
        synchronized (DATASETS) {
            td = DATASETS.get(cacheKey);
            if (td == null) {
                CommonOptions quiet = new CommonOptions();
                quiet.quiet = true;
                Dataset ds;
                try {
                    ds = DatasetOptions.resolver(quiet).load(dataset, dataDir == null ? null : Path.of(dataDir));
                } catch (Exception | LinkageError e) {
                    throw unreachable(dataset, dataDir, e);
                }
                td = TrainData.of(ds);
                DATASETS.put(cacheKey, td);
            }
            return td;
        }
    }

    /**
     * The error of an executor that cannot read the dataset: it names this host and the path, since on a
     * cluster the dataset must be on every worker (shared storage, or the same path on each host).
     */
    static SnnException unreachable(String dataset, String dataDir, Throwable cause) {
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        String where = Path.of(dataset).isAbsolute() || dataset.contains("/") ? dataset
                : dataset + (dataDir == null ? " (no --data-dir: $SNN_DATA, the cache, or a download)"
                        : " under --data-dir " + dataDir);
        return SnnException.badInput("executor on host " + hostName() + " cannot read the dataset " + where
                + ": " + why + " (every worker must reach it: shared storage or the same path on each host)");
    }

    static byte[] predictions(TrainData td, Evaluator.Pass test) {
        if (test == null) {
            return new Predictions(td.classes(), new byte[0], new byte[0], new byte[0]).encode();
        }
        int n = test.predMaxNeuron.length;
        byte[] labels = java.util.Arrays.copyOf(td.testLabels(), n);
        byte[] mx = new byte[n];
        byte[] vote = new byte[n];
        for (int k = 0; k < n; k++) {
            mx[k] = (byte) test.predMaxNeuron[k];
            vote[k] = (byte) test.predVote[k];
        }
        return new Predictions(td.classes(), labels, mx, vote).encode();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }
}
