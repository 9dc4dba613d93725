package snn.deploy.quant;

import java.util.SplittableRandom;
import snn.protocol.model.LoopParams;
import snn.protocol.model.TrainedModel;

/** Small trained models with the trainer's units (weights 0..65535, membranes in weight units). */
final class TestModels {
    private TestModels() {
    }

    static TrainedModel model(long seed, int inputs, int neurons) {
        SplittableRandom r = new SplittableRandom(seed);
        TrainedModel.Builder b = TrainedModel.newBuilder().setFormatVersion(1).setDataset("test").setInputs(inputs)
                .setImageRows(1).setImageCols(inputs).setNeurons(neurons).setClasses(10);
        for (int k = 0; k < inputs * neurons; k++) {
            b.addWeights(r.nextInt(3) == 0 ? r.nextInt(65536) : r.nextInt(2000));
        }
        for (int j = 0; j < neurons; j++) {
            // a threshold worth 8..30 strong input spikes, as trained networks have
            b.addThresholds((8 + r.nextInt(22)) * 65535);
            b.addLabels(r.nextInt(10));
        }
        LoopParams.Builder p = LoopParams.newBuilder().setSteps(60).setWeightMax(65535).setLeakExcQ16(645)
                .setLeakInhQ16(6237).setRefractoryExc(5).setRefractoryInh(2).setVFloor(-35 * 109225)
                .setWInhToExc(14 * 109225).setWExcToInh(62000).setThresholdInh(20000).setIntensity(2)
                .setIntensityMax(6).setMinSpikes(5).setVShift(0).setDecision(0);
        for (int px = 0; px < 256; px++) {
            p.addRateQ16((int) Math.round(px / 255.0 * 0.25 * 65536));
        }
        return b.setLoop(p).build();
    }
}
