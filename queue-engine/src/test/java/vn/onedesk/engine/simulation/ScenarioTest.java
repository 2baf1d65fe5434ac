package vn.onedesk.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scenario that contradicts itself is refused with every problem listed. */
class ScenarioTest {

    @Test
    void sharesThatDoNotAddUpAreRefusedWithEveryProblem() {
        Scenario.InvalidScenarioException e = assertThrows(Scenario.InvalidScenarioException.class,
                () -> new Demand(0, Map.of(8, 0.5, 25, 0.2), Map.of("TP", 1.2), 1.5, 0.1, -0.1, List.of(), 1));
        assertEquals(List.of(
                "demand.visitsPerDay must be positive, got 0.0",
                "demand.arrivalShareByHour: hour 25 is not between 0 and 23",
                "demand.arrivalShareByHour must sum to 1, sums to 0.7",
                "demand.serviceMix.TP must be a share between 0 and 1, got 1.2",
                "demand.serviceMix must sum to 1, sums to 1.2",
                "demand.priorityShare must be a share between 0 and 1, got 1.5",
                "demand.noShowShare must be a share between 0 and 1, got -0.1"), e.problems());
    }

    @Test
    void namesThatTheCentreDoesNotKnowAreRefused() {
        Scenario hall = TestScenarios.hall(100);
        Demand demand = new Demand(100, hall.demand().arrivalShareByHour(), Map.of("TP", 0.5, "XX", 0.5), 0, 0, 0,
                List.of(new Demand.Transfer("TP", "YY", 0.1)), 1);
        Scenario.InvalidScenarioException e = assertThrows(Scenario.InvalidScenarioException.class,
                () -> new Scenario("bad", "", hall.centre(), Map.of("Q99", TestScenarios.AFTERNOON), demand,
                        Map.of("TP", new ServiceTime(300, 0.5), "ZZ", new ServiceTime(300, 0.5))));
        assertEquals(List.of(
                "sessions are given for unknown counter Q99",
                "demand.serviceMix names unknown service XX",
                "demand.transfers names unknown service YY",
                "serviceTimeSeconds names unknown service ZZ"), e.problems());
    }

    @Test
    void aServiceInDemandNeedsAServiceTime() {
        Scenario hall = TestScenarios.hall(100);
        Scenario.InvalidScenarioException e = assertThrows(Scenario.InvalidScenarioException.class,
                () -> new Scenario("bad", "", hall.centre(), Map.of(), hall.demand(),
                        Map.of("TP", new ServiceTime(300, 0.5), "BHTN", new ServiceTime(300, 0.5))));
        assertEquals(List.of(
                "service BHXH is in demand.serviceMix but has no serviceTimeSeconds",
                "service KQ is in demand.serviceMix but has no serviceTimeSeconds",
                "service KQ receives transfers but has no serviceTimeSeconds"), e.problems());
    }

    @Test
    void aCounterWithoutItsOwnSessionsWorksTheCentresHours() {
        Scenario hall = TestScenarios.hall(100);
        assertEquals(TestScenarios.CENTRE_SESSIONS, hall.sessionsOf(hall.centre().counter("Q01").orElseThrow()));
        assertEquals(TestScenarios.AFTERNOON, hall.sessionsOf(hall.centre().counter("Q04").orElseThrow()));
    }
}
