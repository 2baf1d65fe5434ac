package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.emptyQueue;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CallNumber;
import vn.onedesk.engine.Command.CallParked;
import vn.onedesk.engine.Command.ExpireParked;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.Park;
import vn.onedesk.engine.Command.StartService;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketNoShow;
import vn.onedesk.engine.Event.TicketParked;
import vn.onedesk.engine.counters.ParkedTicket;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/** PARK, CALL_PARKED, CALL_NUMBER and the expiry of parked tickets, one behaviour at a time. */
class ParkingTest {
    private final CentreQueue queue = emptyQueue(definition(false));
    private Instant now = local("08:00");
    private int ids;

    private Decision handle(Command command) {
        now = now.plusSeconds(60);
        return queue.handle(command, now);
    }

    private Ticket issue(String service) {
        return assertInstanceOf(Event.TicketIssued.class, accepted(handle(new IssueTicket("T" + (++ids), service,
                PriorityGroup.NONE, Channel.WALK_IN))).get(0)).ticket();
    }

    private Ticket state(Ticket t) {
        return queue.ticket(t.id()).orElseThrow();
    }

    @BeforeEach
    void openCounters() {
        accepted(handle(new OpenCounter("Q01")));
        accepted(handle(new OpenCounter("Q03")));
        accepted(handle(new OpenCounter("Q04")));
    }

    @Test
    void parkingSetsTheCitizenAsideAndFreesTheCounterForTheNextInLine() {
        Ticket a1 = issue(TP);
        Ticket a2 = issue(TP);
        accepted(handle(new CallNext("Q01")));
        accepted(handle(new StartService("Q01")));

        List<Event> events = accepted(handle(new Park("Q01", "Đi photo giấy tờ")));

        assertEquals(List.of(new TicketParked(a1.id(), "Q01", "Đi photo giấy tờ", null, now)), events);
        assertEquals(TicketState.PARKED, state(a1).state());
        assertEquals(Optional.empty(), queue.counter("Q01").orElseThrow().current());
        assertEquals(List.of(a2.id()), queue.waiting().inOrder(TP).map(Ticket::id).toList(),
                "a parked ticket is not in the line");
        assertEquals(List.of(new ParkedTicket(a1.id(), "Q01", "Đi photo giấy tờ", null, now)), queue.parked());
        TicketCalled next = assertInstanceOf(TicketCalled.class, accepted(handle(new CallNext("Q01"))).get(0));
        assertEquals(a2.id(), next.ticketId());
    }

    @Test
    void aParkedTicketIsCalledBackToItsCounterAsACallThatIsNotAFirstCall() {
        Ticket a1 = issue(TP);
        TicketCalled first = assertInstanceOf(TicketCalled.class, accepted(handle(new CallNext("Q01"))).get(0));
        accepted(handle(new Park("Q01", "Bổ sung giấy tờ")));

        TicketCalled resumed = assertInstanceOf(TicketCalled.class,
                accepted(handle(new CallParked("Q01", a1.number()))).get(0));

        assertEquals(new TicketCalled(a1.id(), "Q01", first.callSeq() + 1, false, TicketCalled.PARKED, null, now, null),
                resumed);
        assertTrue(resumed.resumed());
        assertEquals(TicketState.CALLED, state(a1).state());
        assertEquals(Optional.of(a1.id()), queue.counter("Q01").orElseThrow().current());
        assertEquals(List.of(), queue.parked());
        assertEquals(Optional.empty(), queue.nextParkingExpiry());
    }

    @Test
    void anotherCounterThatServesTheServiceMayCallItBackButOneThatDoesNotIsRefused() {
        Ticket a1 = issue(TP);
        accepted(handle(new CallNext("Q01")));
        accepted(handle(new Park("Q01", "Đi photo giấy tờ")));

        assertEquals(Rejection.NOT_SERVED_HERE, rejected(handle(new CallParked("Q04", a1.number()))).rejection());
        TicketCalled resumed = assertInstanceOf(TicketCalled.class,
                accepted(handle(new CallParked("Q03", a1.number()))).get(0));
        assertEquals("Q03", resumed.counter());
    }

    @Test
    void callingBackIsRefusedForAnUnknownNumberATicketNotParkedOrABusyCounter() {
        Ticket a1 = issue(TP);
        Ticket a2 = issue(TP);
        accepted(handle(new CallNext("Q01")));
        accepted(handle(new Park("Q01", "Đi photo giấy tờ")));

        assertEquals(Rejection.UNKNOWN_TICKET, rejected(handle(new CallParked("Q01", "A999"))).rejection());
        assertEquals(Rejection.NOT_PARKED, rejected(handle(new CallParked("Q01", a2.number()))).rejection());
        accepted(handle(new CallNext("Q01")));
        assertEquals(Rejection.INVALID_STATE, rejected(handle(new CallParked("Q01", a1.number()))).rejection());
        assertEquals(Rejection.INVALID_STATE, rejected(handle(new Park("Q03", "nobody here"))).rejection());
    }

    @Test
    void callingByNumberSkipsTheLineAndRecordsTheReason() {
        Ticket a1 = issue(TP);
        Ticket a2 = issue(TP);
        Ticket a3 = issue(TP);

        TicketCalled call = assertInstanceOf(TicketCalled.class,
                accepted(handle(new CallNumber("Q01", a3.number(), "Lãnh đạo yêu cầu"))).get(0));

        assertEquals(new TicketCalled(a3.id(), "Q01", 1, false, TicketCalled.NUMBER, null, now, "Lãnh đạo yêu cầu"),
                call);
        assertTrue(call.outOfOrder());
        assertEquals(List.of(a1.id(), a2.id()), queue.waiting().inOrder(TP).map(Ticket::id).toList(),
                "the others keep their order");
    }

    @Test
    void callingByNumberIsRefusedForAnUnknownNumberATicketNotWaitingAServiceNotServedHereOrABusyCounter() {
        Ticket a1 = issue(TP);
        Ticket g1 = issue(BHXH);
        accepted(handle(new CallNext("Q01")));

        assertEquals(Rejection.UNKNOWN_TICKET, rejected(handle(new CallNumber("Q03", "A404", "x"))).rejection());
        assertEquals(Rejection.NOT_WAITING, rejected(handle(new CallNumber("Q03", a1.number(), "x"))).rejection());
        assertEquals(Rejection.NOT_SERVED_HERE, rejected(handle(new CallNumber("Q03", g1.number(), "x"))).rejection());
        assertEquals(Rejection.INVALID_STATE, rejected(handle(new CallNumber("Q01", g1.number(), "x"))).rejection());
    }

    @Test
    void aParkedTicketExpiresToNoShowAfterTheParkTimeoutExactlyOnceLeavingItsCounterAlone() {
        Ticket a1 = issue(TP);
        Ticket a2 = issue(TP);
        accepted(handle(new CallNext("Q01")));
        accepted(handle(new Park("Q01", "Đi photo giấy tờ")));
        Instant parkedAt = now;
        accepted(handle(new CallNext("Q01")));
        Duration timeout = queue.definition().rules().parkTimeout();
        assertEquals(Optional.of(parkedAt.plus(timeout)), queue.nextParkingExpiry());

        assertEquals(List.of(), accepted(queue.handle(new ExpireParked(), parkedAt.plus(timeout).minusSeconds(1))));
        List<Event> expired = accepted(queue.handle(new ExpireParked(), parkedAt.plus(timeout)));

        assertEquals(List.of(new TicketNoShow(a1.id(), "Q01", null, parkedAt.plus(timeout), true)), expired);
        assertEquals(Optional.empty(), queue.ticket(a1.id()));
        assertEquals(Optional.of(a2.id()), queue.counter("Q01").orElseThrow().current(), "Q01 keeps serving A002");
        assertEquals(List.of(), accepted(queue.handle(new ExpireParked(), parkedAt.plus(timeout).plusSeconds(60))));
        assertEquals(Optional.empty(), queue.nextParkingExpiry());
    }

    @Test
    void aRestoredQueueKeepsItsParkedTicketsWithTheirReasonsAndTimes() {
        Ticket a1 = issue(TP);
        accepted(handle(new CallNext("Q01")));
        accepted(handle(new Park("Q01", "Đi photo giấy tờ")));

        CentreQueue restored = TestCentre.restore(queue.definition(), queue.snapshot());

        assertEquals(queue.snapshot(), restored.snapshot());
        assertEquals(queue.parked(), restored.parked());
        assertEquals(queue.nextParkingExpiry(), restored.nextParkingExpiry());
        assertEquals(TicketState.PARKED, restored.ticket(a1.id()).orElseThrow().state());
    }

    @Test
    void aParkedTicketWhoseParkingWasNotStoredIsStillHeldAndExpires() {
        Ticket a1 = issue(TP);
        accepted(handle(new CallNext("Q01")));
        Instant calledAt = now;
        accepted(handle(new Park("Q01", "Đi photo giấy tờ")));
        QueueSnapshot full = queue.snapshot();
        QueueSnapshot withoutParking = new QueueSnapshot(full.activeTickets(), full.counters(), full.numbering(),
                full.lastCallSeq(), full.lastOrdinal());

        CentreQueue restored = TestCentre.restore(queue.definition(), withoutParking);

        assertEquals(List.of(new ParkedTicket(a1.id(), "Q01", "", null, calledAt)), restored.parked());
    }
}
