package snn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.junit.jupiter.api.Test;

/**
 * Accuracy axes zoom to the data (issue 16 item 20: on a 0-100% axis the tenths of a point between
 * device and trainer, which the charts exist to show, were invisible).
 */
class AxisRangeTest {
    @Test
    void theRangeIsTheDataWithAMarginRoundedOutwardsToTheStep() {
        // the demo's device and trainer accuracies: tenths of a point apart
        assertEquals(new AxisRange(91.0, 92.5, 0.5), AxisRange.of(91.87, 91.93, 91.76, 91.80));
        // with the paper's 88.84%: a spread of 3 points, whole-point steps
        assertEquals(new AxisRange(87, 93, 1), AxisRange.of(91.87, 91.93, 88.84));
        assertEquals(new AxisRange(69, 79, 1), AxisRange.of(70, 78));
        assertEquals(new AxisRange(55, 85, 5), AxisRange.of(60, 80));
        // an accuracy curve from 20% up: steps of 10, the top kept at 100
        assertEquals(new AxisRange(10, 100, 10), AxisRange.of(20, 40, 60, 80, 90.5));
        assertEquals(new AxisRange(49.5, 50.5, 0.5), AxisRange.of(50));
        assertEquals(new AxisRange(99, 100, 0.5), AxisRange.of(99.9, 100));
        assertEquals(new AxisRange(0, 1, 0.5), AxisRange.of(0.2, 0.3));
        assertEquals(new AxisRange(0, 100, 10), AxisRange.of(Double.NaN));
        assertEquals(new AxisRange(0, 100, 10), AxisRange.of());
        assertEquals(new AxisRange(69, 79, 1), AxisRange.of(70, Double.NaN, 78));
    }

    @Test
    void nearIsWithinTheRangeWidenedByTheReach() {
        AxisRange r = new AxisRange(91.0, 92.5, 0.5);
        assertEquals(true, r.near(88.0, 3));
        assertEquals(false, r.near(87.99, 3));
        assertEquals(true, r.near(95.5, 3));
        assertEquals(false, r.near(95.51, 3));
    }

    @Test
    void theLabelSaysWhereTheAxisStartsUnlessAtZero() {
        assertEquals("accuracy (%), axis from 91", AxisRange.of(91.87, 91.93).label("accuracy (%)"));
        assertEquals("accuracy (%), axis from 99.5", new AxisRange(99.5, 100, 0.5).label("accuracy (%)"));
        assertEquals("accuracy (%)", AxisRange.of(0.2, 0.3).label("accuracy (%)"));
    }

    @Test
    void theDeviceAndAccuracyChartsUseTheZoomedAxis() {
        JFreeChart dev = Charts.deviceVsTrainerChart(List.of(new DeviceResults.Entry(8, 0.9193, 0.9187, "verify-8.json"),
                new DeviceResults.Entry(4, 0.9176, 0.9187, "verify-4.json")), List.of(), "mnist");
        NumberAxis y = (NumberAxis) dev.getCategoryPlot().getRangeAxis();
        assertEquals(91.0, y.getLowerBound());
        assertEquals(92.5, y.getUpperBound());
        assertEquals(0.5, y.getTickUnit().getSize());
        assertEquals("accuracy (%), axis from 91", y.getLabel());

        JFreeChart withPaper = Charts.deviceVsTrainerChart(List.of(new DeviceResults.Entry(8, 0.9193, 0.9187, "v")),
                List.of(new Charts.Marker("paper", 88.84)), "mnist");
        NumberAxis py = (NumberAxis) withPaper.getCategoryPlot().getRangeAxis();
        assertEquals(87.0, py.getLowerBound());
        assertEquals(93.0, py.getUpperBound());

        JFreeChart curve = Charts.accuracyCurveChart(new int[] {100, 200, 300}, new double[] {0.905, 0.912, 0.915}, 0.9187, "mnist");
        NumberAxis cy = (NumberAxis) curve.getXYPlot().getRangeAxis();
        assertEquals(90.0, cy.getLowerBound());
        assertEquals(92.5, cy.getUpperBound());
        assertEquals(0.5, cy.getTickUnit().getSize());
    }
}
