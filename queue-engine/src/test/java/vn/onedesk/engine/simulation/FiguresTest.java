package vn.onedesk.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the figures are defined: nearest-rank percentiles, and means over days. */
class FiguresTest {

    @Test
    void theNinetiethPercentileIsTheNearestRank() {
        assertEquals(9, WaitFigures.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9));
        assertEquals(10, WaitFigures.percentile(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 0.9));
        assertEquals(4, WaitFigures.percentile(new double[] {4}, 0.9));
        assertTrue(Double.isNaN(WaitFigures.percentile(new double[0], 0.9)));
    }

    @Test
    void waitFiguresCountEachTicketAgainstItsOwnTarget() {
        WaitFigures f = WaitFigures.of(new double[] {0, 12, 30, 8}, new double[] {10, 10, 40, 5});
        assertEquals(4, f.tickets());
        assertEquals(12.5, f.meanMinutes(), 1e-12);
        assertEquals(30, f.maxMinutes());
        assertEquals(30, f.p90Minutes());
        assertEquals(0.5, f.overTargetShare(), 1e-12, "12 > 10 and 8 > 5; waiting exactly the target is not over");
        assertEquals(WaitFigures.NONE, WaitFigures.of(new double[0], new double[0]));
    }

    @Test
    void daysAreAveragedSkippingDaysWithoutTicketsAndTheMaxIsTheLargest() {
        WaitFigures a = new WaitFigures(10, 4, 9, 20, 0.25);
        WaitFigures b = new WaitFigures(30, 8, 15, 50, 0.75);
        WaitFigures mean = WaitFigures.mean(List.of(a, WaitFigures.NONE, b));
        assertEquals(new WaitFigures(40, 6, 12, 50, 0.5), mean);
        assertEquals(WaitFigures.NONE, WaitFigures.mean(List.of(WaitFigures.NONE)));
    }

    @Test
    void anEstimatorScoreIsMaeRmseAndTheShareInsideTheBand() {
        EstimatorScore.Tally tally = new EstimatorScore.Tally();
        tally.add(600, 300, 900, 600); // exact, inside
        tally.add(600, 300, 900, 1200); // 10 min late, outside
        tally.add(0, 0, 0, 0); // no wait predicted, none happened: inside
        tally.add(300, 0, 600, 60); // 4 min early, inside
        EstimatorScore score = tally.score();
        assertEquals(4, score.tickets());
        assertEquals((0 + 10 + 0 + 4) / 4.0, score.maeMinutes(), 1e-12);
        assertEquals(Math.sqrt((0 + 100 + 0 + 16) / 4.0), score.rmseMinutes(), 1e-12);
        assertEquals(0.75, score.insideBandShare(), 1e-12);
        assertEquals((10 + 10 + 0 + 10) / 4.0, score.meanBandWidthMinutes(), 1e-12);
        assertEquals(EstimatorScore.NONE, new EstimatorScore.Tally().score());
    }
}
