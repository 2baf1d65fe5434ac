package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.POSTAL;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/** Changing a running centre's definition: what is refused, what is closed first, and what waiting tickets keep. */
class ReconfigureTest {
    private final CentreDefinition centre = TestCentre.definition(false);
    private final CentreQueue queue = TestCentre.emptyQueue(centre);
    private final Instant nine = local("09:00");

    private void issue(String id, String service) {
        accepted(queue.handle(new Command.IssueTicket(id, service, PriorityGroup.NONE, Channel.WALK_IN), nine));
    }

    private CentreDefinition withoutCounter(String id) {
        return centre.withCounters(centre.counters().stream().filter(c -> !c.id().equals(id)).toList());
    }

    @Test
    void aNewCounterCanBeOpenedAndCallsAWaitingTicketOnceTheChangeIsApplied() {
        issue("t1", TP);
        List<CounterDefinition> counters = new ArrayList<>(centre.counters());
        counters.add(new CounterDefinition("Q09", 9, POSTAL, List.of(TP), List.of()));

        List<Event> events = accepted(queue.handle(new Command.Reconfigure(centre.withCounters(counters)), nine));

        assertEquals(1, events.size());
        assertInstanceOf(Event.CentreReconfigured.class, events.get(0));
        assertTrue(queue.counter("Q09").isPresent());
        accepted(queue.handle(new Command.OpenCounter("Q09"), nine.plusSeconds(1)));
        Event called = accepted(queue.handle(new Command.CallNext("Q09"), nine.plusSeconds(2))).get(0);
        assertEquals("t1", called.ticketId());
    }

    @Test
    void removingACounterThatHoldsACalledTicketIsRefusedWithCounterBusyAndChangesNothing() {
        issue("t1", TP);
        accepted(queue.handle(new Command.OpenCounter("Q01"), nine));
        accepted(queue.handle(new Command.CallNext("Q01"), nine));

        Decision.Rejected refused = rejected(queue.handle(new Command.Reconfigure(withoutCounter("Q01")), nine));

        assertEquals(Rejection.COUNTER_BUSY, refused.rejection());
        assertTrue(refused.message().contains("A001"), refused.message());
        assertEquals(centre, queue.definition());
    }

    @Test
    void removingAnOpenIdleCounterClosesItByItsOwnEventFirst() {
        accepted(queue.handle(new Command.OpenCounter("Q03"), nine));

        List<Event> events = accepted(queue.handle(new Command.Reconfigure(withoutCounter("Q03")), nine));

        assertInstanceOf(Event.CounterClosed.class, events.get(0));
        assertEquals("Q03", events.get(0).counter());
        assertInstanceOf(Event.CentreReconfigured.class, events.get(1));
        assertTrue(queue.counter("Q03").isEmpty());
        assertEquals(Rejection.UNKNOWN_COUNTER, rejected(queue.handle(new Command.CallNext("Q03"), nine)).rejection());
    }

    @Test
    void removingAServiceWithWaitingTicketsIsRefusedWithServiceInUse() {
        issue("t1", BHTN);
        CentreDefinition next = new CentreDefinition(centre.id(), centre.name(), centre.timezone(), centre.sessions(),
                centre.services().stream().filter(s -> !s.code().equals(BHTN)).toList(),
                centre.counters().stream().map(c -> new CounterDefinition(c.id(), c.number(), c.operator(),
                        List.of(c.operator().equals(POSTAL) ? TP : TestCentre.BHXH), List.of())).toList(),
                centre.ticketsOnlyInSessions());

        Decision.Rejected refused = rejected(queue.handle(new Command.Reconfigure(next), nine));

        assertEquals(Rejection.SERVICE_IN_USE, refused.rejection());
    }

    @Test
    void changingSkillsKeepsWaitingTicketsInTheirPlace() {
        issue("t1", BHTN);
        issue("t2", BHTN);
        List<CounterDefinition> counters = centre.counters().stream()
                .map(c -> c.id().equals("Q01") ? new CounterDefinition("Q01", 1, POSTAL, List.of(BHTN), List.of(TP)) : c)
                .toList();

        accepted(queue.handle(new Command.Reconfigure(centre.withCounters(counters)), nine));

        assertEquals(0, queue.ahead("t1"));
        assertEquals(1, queue.ahead("t2"));
        accepted(queue.handle(new Command.OpenCounter("Q01"), nine));
        assertEquals("t1", accepted(queue.handle(new Command.CallNext("Q01"), nine)).get(0).ticketId());
    }

    @Test
    void aNewExpectedServiceTimeIsWhatTheEstimatesStartFromAgain() {
        List<ServiceField> services = centre.services().stream()
                .map(s -> s.code().equals(TP) ? new ServiceField(TP, s.name(), s.prefix(), Set.copyOf(s.servedBy()),
                        s.targetWait(), Duration.ofMinutes(20)) : s)
                .toList();

        accepted(queue.handle(new Command.Reconfigure(centre.withServices(services)), nine));

        assertEquals(Duration.ofMinutes(20), queue.meanServiceTime(TP));
    }

    @Test
    void theSameDefinitionAgainIsAcceptedWithoutAnEvent() {
        assertEquals(List.of(), accepted(queue.handle(new Command.Reconfigure(centre), nine)));
    }

    @Test
    void aChangeRestoredFromASnapshotUnderTheNewDefinitionGivesTheSameQueue() {
        issue("t1", TP);
        List<CounterDefinition> counters = new ArrayList<>(centre.counters());
        counters.add(new CounterDefinition("Q09", 9, POSTAL, List.of(TP), List.of()));
        CentreDefinition next = centre.withCounters(counters);
        accepted(queue.handle(new Command.Reconfigure(next), nine));

        CentreQueue restored = TestCentre.restore(next, queue.snapshot());

        assertEquals(queue.snapshot().activeTickets(), restored.snapshot().activeTickets());
        assertEquals(queue.counters(), restored.counters());
    }
}
