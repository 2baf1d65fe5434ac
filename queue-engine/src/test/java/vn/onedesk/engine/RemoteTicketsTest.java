package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.ConfirmRemote;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.RemoteHold;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/** The rule of remote tickets: taken from a phone, confirmed in the hall, or passed over and then expired. */
class RemoteTicketsTest {
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final CentreDefinition centre = TestCentre.definition(true)
            .withRules(vn.onedesk.engine.centre.CounterRules.DEFAULT.withRemote(2, GRACE, 3));
    private final CentreQueue queue = TestCentre.emptyQueue(centre);

    private Instant at(String time) {
        return local(time);
    }

    private Ticket remote(String id, String holder, String code, String time) {
        accepted(queue.handle(IssueTicket.remote(id, TP, RemoteHold.taken(holder, code)), at(time)));
        return queue.ticket(id).orElseThrow();
    }

    private void walkIn(String id, String time) {
        accepted(queue.handle(new IssueTicket(id, TP, PriorityGroup.NONE, Channel.WALK_IN), at(time)));
    }

    private List<Event> callAt(String counter, String time) {
        return accepted(queue.handle(new CallNext(counter), at(time)));
    }

    private void completeAt(String counter, String time) {
        accepted(queue.handle(new Command.CompleteService(counter), at(time)));
    }

    @Test
    void anUnconfirmedRemoteTicketIsPassedOverKeepsItsPlaceAndTheNextTicketIsCalled() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "K7M3QX", "08:01");
        walkIn("w1", "08:02");
        walkIn("w2", "08:03");

        List<Event> events = callAt("Q01", "08:10");

        assertInstanceOf(Event.RemoteTicketPassed.class, events.get(0));
        Event.TicketCalled called = assertInstanceOf(Event.TicketCalled.class, events.get(1));
        assertEquals("w1", called.ticketId());
        Ticket r1 = queue.ticket("r1").orElseThrow();
        assertEquals(TicketState.WAITING, r1.state());
        assertEquals(at("08:10"), r1.remote().passedAt());
        assertEquals(0, queue.ahead("r1"), "it stays at the head of its line");
        assertEquals(1, queue.ahead("w2"), "the remote ticket still counts ahead of the next citizen");
    }

    @Test
    void aRemoteTicketConfirmedAtTheKioskIsCalledInItsTurn() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "K7M3QX", "08:01");
        walkIn("w1", "08:02");

        List<Event> confirmed = accepted(queue.handle(new ConfirmRemote("K7M3QX", "kiosk-1"), at("08:05")));
        assertEquals(List.of(new Event.RemoteTicketConfirmed("r1", "kiosk-1", at("08:05"))), confirmed);

        List<Event> events = callAt("Q01", "08:10");
        assertEquals(1, events.size());
        assertEquals("r1", events.get(0).ticketId());
    }

    @Test
    void aPassedTicketIsPassedAgainWithinTheGraceAndExpiresAtTheFirstCallAfterIt() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "K7M3QX", "08:01");
        walkIn("w1", "08:02");
        walkIn("w2", "08:03");
        walkIn("w3", "08:04");

        callAt("Q01", "08:10"); // passes r1, calls w1
        completeAt("Q01", "08:12");
        List<Event> within = callAt("Q01", "08:14"); // within the 5 minutes: passed again, no new event
        assertEquals(1, within.size());
        assertEquals("w2", within.get(0).ticketId());
        assertEquals(at("08:10"), queue.ticket("r1").orElseThrow().remote().passedAt(), "the first pass counts");
        completeAt("Q01", "08:15");

        List<Event> after = callAt("Q01", "08:15:01");
        Event.TicketNoShow expired = assertInstanceOf(Event.TicketNoShow.class, after.get(0));
        assertEquals("r1", expired.ticketId());
        assertTrue(expired.expired());
        assertEquals("w3", after.get(1).ticketId());
        assertTrue(queue.ticket("r1").isEmpty(), "the expired ticket left the queue");
        assertEquals(0, queue.waiting().count(TP));
    }

    @Test
    void withNoGraceARemoteTicketIsSkippedOnceAndExpiresAtItsSecondTurn() {
        CentreQueue strict = TestCentre.emptyQueue(TestCentre.definition(true)
                .withRules(vn.onedesk.engine.centre.CounterRules.DEFAULT.withRemote(2, Duration.ZERO, 3)));
        accepted(strict.handle(new OpenCounter("Q01"), at("08:00")));
        accepted(strict.handle(new OpenCounter("Q03"), at("08:00")));
        accepted(strict.handle(IssueTicket.remote("r1", TP, RemoteHold.taken("p", "AAAAAA")), at("08:01")));
        accepted(strict.handle(new IssueTicket("w1", TP, PriorityGroup.NONE, Channel.WALK_IN), at("08:02")));
        accepted(strict.handle(new IssueTicket("w2", TP, PriorityGroup.NONE, Channel.WALK_IN), at("08:03")));

        List<Event> first = accepted(strict.handle(new CallNext("Q01"), at("08:10")));
        assertInstanceOf(Event.RemoteTicketPassed.class, first.get(0));
        List<Event> second = accepted(strict.handle(new CallNext("Q03"), at("08:10")));
        assertTrue(assertInstanceOf(Event.TicketNoShow.class, second.get(0)).expired());
        assertEquals("w2", second.get(1).ticketId());
    }

    @Test
    void aTurnCountsOnlyWhenSomeoneElseIsCalledInstead() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "K7M3QX", "08:01");

        Decision.Rejected nobody = rejected(queue.handle(new CallNext("Q01"), at("08:30")));

        assertEquals(Rejection.NO_TICKET_WAITING, nobody.rejection());
        assertTrue(nobody.message().contains("not yet confirmed"), nobody.message());
        assertEquals(null, queue.ticket("r1").orElseThrow().remote().passedAt());
    }

    @Test
    void aCallByNumberAtTheCounterCallsAnUnconfirmedRemoteTicketAndConfirmsIt() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        Ticket r1 = remote("r1", "phone-a", "K7M3QX", "08:01");

        accepted(queue.handle(new Command.CallNumber("Q01", r1.number(), "công dân đã đến quầy"), at("08:05")));

        Ticket called = queue.ticket("r1").orElseThrow();
        assertEquals(TicketState.CALLED, called.state());
        assertNotNull(called.remote().confirmedAt());
        assertEquals(null, called.remoteHolder(), "a ticket at a counter no longer counts against its phone");
    }

    @Test
    void aPhoneHoldsAtMostTheCentresLimitOfRemoteTicketsNotYetCalled() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "AAAAAA", "08:01");
        remote("r2", "phone-a", "BBBBBB", "08:02");

        Decision.Rejected third = rejected(queue.handle(IssueTicket.remote("r3", TP,
                RemoteHold.taken("phone-a", "CCCCCC")), at("08:03")));
        assertEquals(Rejection.REMOTE_LIMIT, third.rejection());
        remote("r4", "phone-b", "DDDDDD", "08:03"); // another phone is not bound by it

        accepted(queue.handle(new ConfirmRemote("AAAAAA", "kiosk-1"), at("08:04")));
        callAt("Q01", "08:05"); // r1, confirmed, is called: phone-a holds one remote ticket not yet called
        remote("r5", "phone-a", "EEEEEE", "08:06");
    }

    @Test
    void aCodeInUseIsRefusedSoThatTheCallerDrawsAnother() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "AAAAAA", "08:01");

        assertEquals(Rejection.INVALID_STATE, rejected(queue.handle(IssueTicket.remote("r2", TP,
                RemoteHold.taken("phone-b", "AAAAAA")), at("08:02"))).rejection());
    }

    @Test
    void remoteTicketsAreTakenOnlyInOpeningHoursWhileACounterServesTheService() {
        CentreQueue anyHour = TestCentre.emptyQueue(TestCentre.definition(false));
        Decision noCounter = anyHour.handle(IssueTicket.remote("r1", TP, RemoteHold.taken("p", "AAAAAA")), at("08:00"));
        assertEquals(Rejection.SERVICE_CLOSED, rejected(noCounter).rejection());

        accepted(anyHour.handle(new OpenCounter("Q01"), at("08:00")));
        Decision lunch = anyHour.handle(IssueTicket.remote("r1", TP, RemoteHold.taken("p", "AAAAAA")), at("12:00"));
        assertEquals(Rejection.SERVICE_CLOSED, rejected(lunch).rejection(), "outside the sessions, though the"
                + " centre issues walk-in tickets at any hour");

        accepted(anyHour.handle(IssueTicket.remote("r1", TP, RemoteHold.taken("p", "AAAAAA")), at("13:45")));
    }

    @Test
    void aCentreWithALimitOfZeroTakesNoRemoteTickets() {
        CentreQueue none = TestCentre.emptyQueue(TestCentre.definition(true)
                .withRules(vn.onedesk.engine.centre.CounterRules.DEFAULT.withRemote(0, GRACE, 3)));
        accepted(none.handle(new OpenCounter("Q01"), at("08:00")));
        assertEquals(Rejection.REMOTE_LIMIT, rejected(none.handle(IssueTicket.remote("r1", TP,
                RemoteHold.taken("p", "AAAAAA")), at("08:01"))).rejection());
    }

    @Test
    void confirmingAnUnknownCodeIsRefusedAndConfirmingTwiceChangesNothing() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "AAAAAA", "08:01");

        assertEquals(Rejection.UNKNOWN_REMOTE_TICKET,
                rejected(queue.handle(new ConfirmRemote("ZZZZZZ", "kiosk-1"), at("08:02"))).rejection());
        accepted(queue.handle(new ConfirmRemote("AAAAAA", "kiosk-1"), at("08:02")));
        assertEquals(List.of(), accepted(queue.handle(new ConfirmRemote("AAAAAA", "kiosk-2"), at("08:03"))));
        assertEquals(at("08:02"), queue.ticket("r1").orElseThrow().remote().confirmedAt());
    }

    @Test
    void anExpiredRemoteTicketPutBackInLineAtTheKioskIsConfirmed() {
        CentreQueue strict = TestCentre.emptyQueue(TestCentre.definition(true)
                .withRules(vn.onedesk.engine.centre.CounterRules.DEFAULT.withRemote(2, Duration.ZERO, 3)));
        accepted(strict.handle(new OpenCounter("Q01"), at("08:00")));
        accepted(strict.handle(IssueTicket.remote("r1", TP, RemoteHold.taken("p", "AAAAAA")), at("08:01")));
        accepted(strict.handle(new IssueTicket("w1", TP, PriorityGroup.NONE, Channel.WALK_IN), at("08:02")));
        accepted(strict.handle(new IssueTicket("w2", TP, PriorityGroup.NONE, Channel.WALK_IN), at("08:03")));
        accepted(strict.handle(new CallNext("Q01"), at("08:10")));
        accepted(strict.handle(new Command.CompleteService("Q01"), at("08:11")));
        accepted(strict.handle(new CallNext("Q01"), at("08:12"))); // r1 expires, w2 called
        String number = strict.recentNoShows().get(0).ticket().number();

        accepted(strict.handle(new Command.Requeue(number, null), at("08:13")));

        Ticket back = strict.ticket("r1").orElseThrow();
        assertFalse(back.awaitsConfirmation(), "the citizen asked at the kiosk: they are in the hall");
    }

    @Test
    void aSnapshotKeepsTheRemoteHoldSoThatARestartChangesNothing() {
        accepted(queue.handle(new OpenCounter("Q01"), at("08:00")));
        remote("r1", "phone-a", "AAAAAA", "08:01");
        walkIn("w1", "08:02");
        callAt("Q01", "08:10");

        CentreQueue restored = TestCentre.restore(centre, queue.snapshot());

        assertEquals(queue.ticket("r1"), restored.ticket("r1"));
        assertEquals(queue.remoteByCode("AAAAAA"), restored.remoteByCode("AAAAAA"));
    }
}
