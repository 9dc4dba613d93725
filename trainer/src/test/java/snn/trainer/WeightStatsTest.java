package snn.trainer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WeightStatsTest {
    /**
     * Two fields over four inputs, worked by hand: neuron 0 = (1, 0, 0, 0), neuron 1 = (1/2, 1/2, 1/2, 1/2)
     * in units of weight_max 254. Hoyer: (2 - 1/1)/(2 - 1) = 1 and (2 - 2/1)/1 = 0; cosine 1/2;
     * neuron 0 answers classes (4, 1, 1): (4 - 1)/(4 + 1) = 0.6; neuron 1 never answers.
     */
    @Test
    void handWorkedFields() {
        int[] w = {254, 127, 0, 127, 0, 127, 0, 127};
        float[] response = {4, 1, 1, 0, 0, 0};
        WeightStats s = WeightStats.of(w, 4, 2, 254, response, 3);
        assertEquals(3.0 / 8, s.meanWeight(), 1e-12);
        assertEquals(3.0 / 8, s.nearZero(), 1e-12);
        assertEquals(0.5, s.hoyer(), 1e-12);
        assertEquals(0.6, s.selectivity(), 1e-12);
        assertEquals(0.5, s.silent(), 1e-12);
        assertEquals(0.5, s.overlap(), 1e-12);
    }

    /** (1)^2 / 1 = 1 input for the single weight, (4 * 1/2)^2 / (4 * 1/4) = 4 for the flat field. */
    @Test
    void fieldSizesAreParticipationRatios() {
        int[] w = {254, 127, 0, 127, 0, 127, 0, 127};
        double[] size = WeightStats.fieldSizes(w, 4, 2);
        assertEquals(1.0, size[0], 1e-12);
        assertEquals(4.0, size[1], 1e-12);
        assertEquals(0.0, WeightStats.fieldSizes(new int[3], 3, 1)[0]);
    }

    @Test
    void zeroFieldsAndUnknownResponses() {
        WeightStats s = WeightStats.of(new int[6], 3, 2, 255, new float[0], 10);
        assertEquals(0, s.meanWeight());
        assertEquals(1, s.nearZero());
        assertEquals(0, s.hoyer());
        assertEquals(0, s.overlap());
        assertTrue(Double.isNaN(s.selectivity()));
        assertEquals(null, s.toMap().get("selectivity"));
        assertEquals(WeightStats.NAMES, java.util.List.copyOf(s.toMap().keySet()));
    }
}
