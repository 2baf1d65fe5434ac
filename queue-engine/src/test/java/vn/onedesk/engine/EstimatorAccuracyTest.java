package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.day.DaySimulation;
import vn.onedesk.engine.day.ProvincialCentre;

/**
 * On seeded simulated days at the provincial centre under balanced, the onedesk estimate is at least
 * as accurate as QL's (RMSE) and at least 80% of actual waits fall inside the band it shows. A
 * regression guard for the calibration; the full comparison is {@link EstimatorCalibrationReport}.
 */
class EstimatorAccuracyTest {
    @Test
    void onedeskBeatsQueueLengthAndItsBandHoldsFourWaitsInFive() {
        for (ProvincialCentre.Day day : List.of(ProvincialCentre.ordinaryDay(), ProvincialCentre.rushDay())) {
            DaySimulation.Result total = null;
            for (long seed = 101; seed <= 103; seed++) {
                DaySimulation.Result r = DaySimulation.run(day, "balanced", List.of("onedesk", "ql"), seed);
                total = total == null ? r : total.plus(r);
            }
            DaySimulation.Accuracy onedesk = total.accuracy().get("onedesk");
            DaySimulation.Accuracy ql = total.accuracy().get("ql");
            String summary = day.name() + ": onedesk rmse " + onedesk.rmse() + " inside " + onedesk.insideShare()
                    + ", ql rmse " + ql.rmse() + " over " + onedesk.n() + " tickets";
            System.out.println(summary);
            assertTrue(onedesk.n() > 1_500, summary);
            assertTrue(onedesk.rmse() <= ql.rmse(), summary);
            assertTrue(onedesk.insideShare() >= 0.8, summary);
        }
    }
}
