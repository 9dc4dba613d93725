package snn.protocol.model;

import snn.core.DeviceNetwork;

/** Builds the loop's {@link DeviceNetwork} from a trained model at full (training) precision. */
public final class ModelNetwork {
    private ModelNetwork() {
    }

    /** The trained model as the trainer evaluates it: training-precision weights, one shared membrane unit. */
    public static DeviceNetwork fromModel(TrainedModel m) {
        LoopParams p = m.getLoop();
        int n = m.getNeurons();
        int inputs = m.getInputs();
        int[] w = new int[inputs * n];
        for (int k = 0; k < w.length; k++) {
            w[k] = m.getWeights(k);
        }
        int[] thr = new int[n];
        int[] inh = new int[n];
        int[] floor = new int[n];
        int[] labels = new int[n];
        for (int j = 0; j < n; j++) {
            thr[j] = m.getThresholds(j);
            inh[j] = p.getWInhToExc();
            floor[j] = p.getVFloor();
            labels[j] = m.getLabels(j);
        }
        int[] rate = new int[256];
        for (int q = 0; q < 256; q++) {
            rate[q] = p.getRateQ16(q);
        }
        return new DeviceNetwork(inputs, n, m.getClasses(), w, (int) p.getWeightMax(), thr, inh, floor, labels,
                p.getSteps(), p.getLeakExcQ16(), p.getLeakInhQ16(), p.getRefractoryExc(), p.getRefractoryInh(),
                p.getWExcToInh(), p.getThresholdInh(), p.getVShift(), rate, p.getIntensity(), p.getIntensityMax(),
                p.getMinSpikes(), p.getDecision());
    }
}
