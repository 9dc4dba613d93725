package snn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What one image's record holds: both rules' answers from the same counts, the winner, and silence. */
class ImageAnswersTest {
    @Test
    void recordsBothRulesTheWinnerAndSilence() {
        int[] labels = {0, 0, 1, 1, 2};
        ImageAnswers a = new ImageAnswers(3);
        // neuron 0 spikes most (max-neuron says 0), but class 0 averages 2.5 and class 1 averages 4 (vote says 1)
        a.record(0, new int[] {5, 0, 4, 4, 0}, labels, 3, 2);
        assertEquals(0, a.maxNeuron[0]);
        assertEquals(1, a.vote[0]);
        assertEquals(13, a.spikes[0]);
        assertEquals(0, a.winner[0]);
        assertEquals(5, a.winnerSpikes[0]);
        assertEquals(2, a.presentations[0]);
        // a tie goes to the lowest neuron index
        a.record(1, new int[] {0, 3, 0, 3, 0}, labels, 3, 1);
        assertEquals(1, a.winner[1]);
        assertEquals(0, a.maxNeuron[1]);
        // no spike: no answer under either rule, no winner
        a.record(2, new int[] {0, 0, 0, 0, 0}, labels, 3, 3);
        assertEquals(Decision.NONE, a.maxNeuron[2]);
        assertEquals(Decision.NONE, a.vote[2]);
        assertEquals(-1, a.winner[2]);
        assertEquals(0, a.winnerSpikes[2]);
        assertEquals(0, a.spikes[2]);
    }
}
