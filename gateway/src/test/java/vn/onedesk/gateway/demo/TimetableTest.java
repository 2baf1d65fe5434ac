package vn.onedesk.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.gateway.config.ConfigLoader;

/** When the simulated day starts and when its counters are staffed (demo centre: 07:30–11:30, 13:30–17:00). */
class TimetableTest {
    private static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    private final CentreDefinition centre = ConfigLoader.load(Map.of()).centres().get(0);
    private final Scenario scenario = DemoScenario.forCentre(centre);
    private final Timetable timetable = new Timetable(scenario,
            centre.counters().stream().filter(c -> !c.id().equals("Q01")).toList());

    @Test
    void startsAtTheCurrentTimeWhenTheCentreIsOpen() {
        assertEquals(at("2025-03-03T09:41"), timetable.startAt(at("2025-03-03T09:41")));
        assertEquals(at("2025-03-03T16:59"), timetable.startAt(at("2025-03-03T16:59")));
    }

    @Test
    void startsAtTheNextOpeningWhenTheCentreIsClosed() {
        assertEquals(at("2025-03-03T07:30"), timetable.startAt(at("2025-03-03T05:00")));
        assertEquals(at("2025-03-03T13:30"), timetable.startAt(at("2025-03-03T11:30")), "a session ends at its 'to'");
        assertEquals(at("2025-03-03T13:30"), timetable.startAt(at("2025-03-03T12:15")));
        assertEquals(at("2025-03-04T07:30"), timetable.startAt(at("2025-03-03T17:00")));
        assertEquals(at("2025-03-04T07:30"), timetable.startAt(at("2025-03-03T23:59")));
    }

    @Test
    void knowsWhetherAnySimulatedCounterIsInSession() {
        assertTrue(timetable.staffed(at("2025-03-03T07:30")));
        assertTrue(timetable.staffed(at("2025-03-03T11:29")));
        assertFalse(timetable.staffed(at("2025-03-03T11:30")));
        assertFalse(timetable.staffed(at("2025-03-03T07:29")));
    }

    @Test
    void aCounterWithItsOwnHoursKeepsThem() {
        CounterDefinition q05 = centre.counter("Q05").orElseThrow();
        Scenario late = new Scenario("late", "", centre,
                Map.of("Q05", List.of(new Session(java.time.LocalTime.of(18, 0), java.time.LocalTime.of(20, 0)))),
                scenario.demand(), scenario.serviceTimes());
        Timetable own = new Timetable(late, List.of(q05));
        assertFalse(own.staffed(at("2025-03-03T09:00")));
        assertTrue(own.staffed(at("2025-03-03T19:00")));
        assertEquals(at("2025-03-03T18:00"), own.startAt(at("2025-03-03T09:00")));
        assertEquals(2, timetable.shifts(java.time.LocalDate.of(2025, 3, 3)).stream()
                .filter(s -> s.counter().id().equals("Q05")).count(), "the centre's two sessions");
    }

    private static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(HCM).toInstant();
    }
}
