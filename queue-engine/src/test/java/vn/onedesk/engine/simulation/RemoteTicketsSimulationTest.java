package vn.onedesk.engine.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Channel;

/**
 * Remote tickets in the simulated day: a seeded share of citizens take their ticket from the phone, some remote
 * tickets are never confirmed, and the study compares the same citizens' waits with and without them.
 */
class RemoteTicketsSimulationTest {
    private static final RemoteDemand SOME = new RemoteDemand(0.3, 0.2, Duration.ofMinutes(45));

    @Test
    void theSameSeedGivesTheSameDayAndTheSameStudy() {
        Scenario hall = TestScenarios.hall(140);
        DayResult a = new DaySimulator(hall, SOME).runDay("balanced", 7);
        DayResult b = new DaySimulator(hall, SOME).runDay("balanced", 7);
        assertEquals(a.tickets(), b.tickets());
        assertEquals(RemoteTicketsStudy.run(hall, "balanced", SOME, 3, 11),
                RemoteTicketsStudy.run(hall, "balanced", SOME, 3, 11));
    }

    @Test
    void withoutRemoteDemandTheDayIsExactlyTheDayOfTheSimulatorWithoutIt() {
        Scenario hall = TestScenarios.hall(140);
        DayResult plain = new DaySimulator(hall).runDay("balanced", 3);
        DayResult none = new DaySimulator(hall, RemoteDemand.NONE).runDay("balanced", 3);
        assertEquals(plain.tickets(), none.tickets());
        assertTrue(none.tickets().stream().noneMatch(t -> t.channel() == Channel.REMOTE));
    }

    @Test
    void noRemoteTicketIsCalledUnconfirmedAndThoseNeverConfirmedAreNeverServedButExpireOrWaitAtClose() {
        Scenario hall = TestScenarios.hall(140);
        Map<String, Instant> confirmed = new HashMap<>();
        Set<String> remoteIds = new HashSet<>();
        Map<String, Instant> calledAt = new HashMap<>();
        DayResult day = new DaySimulator(hall, SOME).runDay("balanced", 5, (event, queue) -> {
            if (event instanceof Event.TicketIssued issued && issued.ticket().remote() != null) {
                remoteIds.add(issued.ticket().id());
            } else if (event instanceof Event.RemoteTicketConfirmed c) {
                confirmed.putIfAbsent(c.ticketId(), c.at());
            } else if (event instanceof Event.TicketCalled called && remoteIds.contains(called.ticketId())) {
                calledAt.putIfAbsent(called.ticketId(), called.at());
                assertNotNull(confirmed.get(called.ticketId()), "called only once confirmed: " + called);
            }
        });
        List<TicketOutcome> remote = day.tickets().stream().filter(t -> t.channel() == Channel.REMOTE).toList();
        assertTrue(remote.size() > 20, "about 30 % of some 140 citizens, and more never confirmed: " + remote.size());
        List<TicketOutcome> neverCome = remote.stream().filter(t -> t.id().startsWith("X")).toList();
        assertTrue(!neverCome.isEmpty(), "some are never confirmed");
        for (TicketOutcome t : neverCome) {
            assertTrue(t.waitToFirstCall().isEmpty(), "never called: " + t);
            assertTrue(t.end() == TicketOutcome.End.NO_SHOW || t.end() == TicketOutcome.End.WAITING_AT_CLOSE,
                    "expired or still waiting at close, never served: " + t);
        }
        assertTrue(neverCome.stream().anyMatch(t -> t.end() == TicketOutcome.End.NO_SHOW),
                "the confirmation rule expires the unconfirmed ones as the counters call past them");
        for (TicketOutcome t : remote) {
            if (t.waitToFirstCall().isPresent()) {
                assertTrue(t.id().startsWith("R"), "only a citizen who came is called: " + t);
                assertTrue(!calledAt.get(t.id()).isBefore(t.arrival()), "not before the citizen reached the hall");
            }
        }
    }

    @Test
    void citizensWhoTakeTheirTicketFromThePhoneWaitLessInTheHallAndTheStudyCountsTheRemoteTickets() {
        RemoteTicketsStudy study = RemoteTicketsStudy.run(TestScenarios.hall(140), "balanced", SOME, 5, 21);
        assertEquals(5, study.days());
        assertTrue(study.remote().tickets() > 0 && study.walkIns().tickets() > 0, study.toString());
        assertEquals(study.remote().tickets(), study.remoteWithout().tickets(), "the same citizens compared");
        assertEquals(study.walkIns().tickets(), study.walkInsWithout().tickets(), "the same citizens compared");
        assertTrue(study.remote().meanMinutes() < study.remoteWithout().meanMinutes(),
                "they spend part of their wait elsewhere: " + study);
        // their places in line were held while they came: the others wait at least as long as without them, on average
        assertTrue(study.walkIns().meanMinutes() >= study.walkInsWithout().meanMinutes() - 0.5, study.toString());
        assertTrue(study.neverConfirmed() > 0 && study.expired() > 0, study.toString());
        assertTrue(study.remoteTaken() > study.neverConfirmed(), study.toString());
    }

    @Test
    void outOfBoundsRemoteDemandIsRefusedWithItsReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RemoteDemand(1.5, 0, Duration.ZERO));
        assertTrue(e.getMessage().contains("from 0 to 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RemoteDemand(0.2, 0.95, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RemoteDemand(0.2, 0.1, Duration.ofHours(5)));
    }
}
