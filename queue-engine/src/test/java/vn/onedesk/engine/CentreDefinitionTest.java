package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHXH_OFFICER;
import static vn.onedesk.engine.TestCentre.POSTAL;
import static vn.onedesk.engine.TestCentre.ZONE;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CentreDefinition.InvalidCentreException;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;

class CentreDefinitionTest {
    private static final Operator CONG_AN = new Operator("CONG_AN");

    private static ServiceField service(String code, String prefix, Operator... servedBy) {
        return new ServiceField(code, code, prefix, Set.of(servedBy), Duration.ofMinutes(30), Duration.ofMinutes(8));
    }

    private static CentreDefinition centre(List<ServiceField> services, List<CounterDefinition> counters) {
        return CentreDefinition.checked("C1", "Centre", ZONE, TestCentre.sessions(), services, counters, false, true);
    }

    @Test
    void aCentreUnderConstructionMayLackCountersAndNamesWhatItLacks() {
        CentreDefinition empty = new CentreDefinition("C1", "Centre", ZONE, TestCentre.sessions(), List.of(), List.of(),
                false);
        assertEquals(List.of("it has no services", "it has no counters"), empty.gaps());

        CentreDefinition unserved = empty.withServices(List.of(service("TP", "A", POSTAL)));
        assertEquals(List.of("it has no counters", "no counter can serve service TP"), unserved.gaps());

        CentreDefinition complete = unserved.withCounters(
                List.of(new CounterDefinition("Q01", 1, POSTAL, List.of("TP"), List.of())));
        assertEquals(List.of(), complete.gaps());
    }

    @Test
    void aContradictionIsRefusedEvenInACentreUnderConstruction() {
        InvalidCentreException e = assertThrows(InvalidCentreException.class, () -> new CentreDefinition("C1",
                "Centre", ZONE, TestCentre.sessions(), List.of(service("TP", "A", POSTAL), service("HT", "A", POSTAL)),
                List.of(), false));
        assertEquals(List.of("ticket prefix A is used by more than one service"), e.problems());
    }

    @Test
    void aConsistentCentreIsAccepted() {
        CentreDefinition centre = assertDoesNotThrow(() -> TestCentre.definition(true));
        assertEquals(3, centre.services().size());
        assertEquals("G", centre.service("BHXH").orElseThrow().prefix());
        assertTrue(centre.counter("Q02").orElseThrow().canServe("BHTN"));
        assertTrue(centre.service("CCCD").isEmpty());
        assertTrue(centre.counter("Q99").isEmpty());
    }

    @Test
    void everyMisconfigurationIsReportedAtOnce() {
        List<ServiceField> services = List.of(
                service("TP", "A", POSTAL),
                service("TP", "B", POSTAL),
                service("BHXH", "G", BHXH_OFFICER),
                service("BHTN", "G", POSTAL, BHXH_OFFICER),
                service("CCCD", "C", CONG_AN));
        List<CounterDefinition> counters = List.of(
                new CounterDefinition("Q01", 1, POSTAL, List.of("TP"), List.of("BHTN")),
                new CounterDefinition("Q02", 2, BHXH_OFFICER, List.of("BHXH"), List.of("TP")),
                new CounterDefinition("Q03", 2, POSTAL, List.of("BHTN"), List.of()));

        InvalidCentreException e = assertThrows(InvalidCentreException.class, () -> centre(services, counters));

        assertEquals(List.of(
                "service TP is defined twice",
                "ticket prefix G is used by more than one service",
                "counter Q02 (BHXH) may not serve TP, which is served by [POSTAL]",
                "counter number 2 is used twice",
                "no counter can serve service CCCD"), e.problems());
        for (String problem : e.problems()) {
            assertTrue(e.getMessage().contains(problem), e.getMessage());
        }
        assertTrue(e.getMessage().startsWith("centre C1 is misconfigured: "), e.getMessage());
    }

    @Test
    void aServiceOnlyListedAtCountersWhoseOperatorMayNotServeItCountsAsUnserved() {
        InvalidCentreException e = assertThrows(InvalidCentreException.class, () -> centre(
                List.of(service("TP", "A", POSTAL), service("BHXH", "G", BHXH_OFFICER)),
                List.of(new CounterDefinition("Q01", 1, POSTAL, List.of("TP", "BHXH"), List.of()))));
        assertEquals(List.of(
                "counter Q01 (POSTAL) may not serve BHXH, which is served by [BHXH]",
                "no counter can serve service BHXH"), e.problems());
    }

    @Test
    void aCounterListingAnUnknownServiceAndATwiceDefinedCounterAreBothReported() {
        InvalidCentreException e = assertThrows(InvalidCentreException.class, () -> centre(
                List.of(service("TP", "A", POSTAL)),
                List.of(new CounterDefinition("Q01", 1, POSTAL, List.of("TP"), List.of("DAT_DAI")),
                        new CounterDefinition("Q01", 2, POSTAL, List.of("TP"), List.of()))));
        assertEquals(List.of(
                "counter Q01 lists unknown service DAT_DAI",
                "counter Q01 is defined twice"), e.problems());
    }

    @Test
    void aCentreWithoutServicesOrCountersReportsBoth() {
        InvalidCentreException e = assertThrows(InvalidCentreException.class, () -> centre(List.of(), List.of()));
        assertEquals(List.of("it has no services", "it has no counters"), e.problems());
    }

    @Test
    void partsThatContradictThemselvesAreRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> service("TP", "A"));
        assertThrows(IllegalArgumentException.class, () -> new ServiceField("TP", "TP", "A", Set.of(POSTAL),
                Duration.ZERO, Duration.ofMinutes(8)));
        assertThrows(IllegalArgumentException.class, () -> new ServiceField("TP", "TP", "A", Set.of(POSTAL),
                Duration.ofMinutes(30), Duration.ofMinutes(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> new CounterDefinition("Q01", 1, POSTAL, List.of("TP"), List.of("TP")));
        assertThrows(IllegalArgumentException.class,
                () -> new CounterDefinition("Q01", 1, POSTAL, List.of(), List.of("TP")));
        assertThrows(IllegalArgumentException.class,
                () -> new CounterDefinition("Q01", 0, POSTAL, List.of("TP"), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Session(LocalTime.NOON, LocalTime.of(11, 0)));
        assertThrows(IllegalArgumentException.class, () -> new Operator("postal"));
    }

    @Test
    void theServiceDayIsTheLocalDateInTheCentresTimezone() {
        CentreDefinition centre = TestCentre.definition(false);
        assertEquals(LocalDate.of(2025, 3, 3), centre.serviceDay(Instant.parse("2025-03-03T16:59:59Z")));
        assertEquals(LocalDate.of(2025, 3, 4), centre.serviceDay(Instant.parse("2025-03-03T17:00:00Z")));
        assertEquals(LocalDate.of(2025, 3, 3), centre.serviceDay(Instant.parse("2025-03-02T17:00:00Z")));
    }

    @Test
    void sessionsIncludeTheirStartAndExcludeTheirEnd() {
        CentreDefinition centre = TestCentre.definition(true);
        assertTrue(centre.inSession(TestCentre.local("07:30")));
        assertFalse(centre.inSession(TestCentre.local("11:30")));
        assertTrue(centre.inSession(TestCentre.local("13:30")));
        assertFalse(centre.inSession(TestCentre.local("17:00")));
        assertFalse(centre.inSession(TestCentre.local("12:00")));
    }

    @Test
    void skillsListPrimaryServicesBeforeSecondaryOnes() {
        CounterDefinition counter = new CounterDefinition("Q01", 1, POSTAL, List.of("TP", "DAT_DAI"),
                List.of("BHTN"));
        assertEquals(List.of("TP", "DAT_DAI", "BHTN"), counter.skills());
        assertTrue(counter.isPrimaryFor("DAT_DAI"));
        assertFalse(counter.isPrimaryFor("BHTN"));
        assertTrue(counter.canServe("BHTN"));
        assertFalse(counter.canServe("BHXH"));
    }
}
