package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.MarkNoShow;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.Recall;
import vn.onedesk.engine.Command.Requeue;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketIssued;
import vn.onedesk.engine.Event.TicketRequeued;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/** REQUEUE, the recall limit and transfers to a counter or an officer, one documented rule at a time. */
class CounterOperationsTest {
    /** Recall limit 2, grace 20 min, a requeued ticket goes behind 2 of its lane. */
    private static final CounterRules RULES = new CounterRules(2, Duration.ofMinutes(15), Duration.ofMinutes(20), 2,
            Duration.ofMinutes(2));
    private final CentreDefinition centre = TestCentre.definition(false).withRules(RULES);
    private CentreQueue queue = TestCentre.emptyQueue(centre);
    private Instant now = local("08:00");
    private int ids;

    private Decision handle(Command command) {
        now = now.plusSeconds(60);
        return queue.handle(command, now);
    }

    private Ticket issue(String service, PriorityGroup priority) {
        List<Event> events = accepted(handle(new IssueTicket("T" + (++ids), service, priority, Channel.WALK_IN)));
        return assertInstanceOf(TicketIssued.class, events.get(0)).ticket();
    }

    private Ticket issue(String service) {
        return issue(service, PriorityGroup.NONE);
    }

    private String call(String counter) {
        TicketCalled called = assertInstanceOf(TicketCalled.class, accepted(handle(new CallNext(counter))).get(0));
        return queue.ticket(called.ticketId()).orElseThrow().number();
    }

    private List<String> line(String service) {
        return queue.waiting().inOrder(service).map(Ticket::number).toList();
    }

    /** Issues A001, calls it at Q01 and marks it no-show. */
    private Ticket missed() {
        Ticket first = issue(TP);
        accepted(handle(new OpenCounter("Q01")));
        assertEquals(first.number(), call("Q01"));
        accepted(handle(new MarkNoShow("Q01")));
        return first;
    }

    @Test
    void aNoShowRequeuedWithinTheGraceGoesBehindTheFirstTwoOfItsLaneKeepingNumberAndPriorityGroup() {
        Ticket first = missed();
        issue(TP);
        issue(TP);
        issue(TP);
        issue(TP, PriorityGroup.ELDERLY); // another lane: ahead of everybody ordinary anyway
        List<Event> events = accepted(handle(new Requeue(first.number(), null)));
        TicketRequeued requeued = assertInstanceOf(TicketRequeued.class, events.get(0));
        assertNull(requeued.counter(), "from a kiosk");
        Ticket back = queue.ticket(first.id()).orElseThrow();
        assertEquals(TicketState.WAITING, back.state());
        assertEquals(first.originalArrival(), back.originalArrival(), "reports keep its first arrival");
        assertEquals(List.of("A005", "A002", "A003", "A001", "A004"), line(TP));
        assertEquals(3, queue.ahead(first.id()));
    }

    @Test
    void theRequeuePlaceIsExactAmongTicketsIssuedAtOneInstantAndAmongOtherRequeuedTickets() {
        Ticket first = missed();
        Ticket second = issue(TP);
        accepted(handle(new CallNext("Q01")));
        accepted(handle(new MarkNoShow("Q01")));
        for (int i = 0; i < 4; i++) { // one batch of the gateway: four tickets at the same instant
            accepted(queue.handle(new IssueTicket("B" + i, TP, PriorityGroup.NONE, Channel.WALK_IN), now));
        }
        assertEquals(List.of("A003", "A004", "A005", "A006"), line(TP));
        accepted(queue.handle(new Requeue(first.number(), null), now));
        assertEquals(List.of("A003", "A004", "A001", "A005", "A006"), line(TP));
        accepted(queue.handle(new Requeue(second.number(), null), now));
        assertEquals(List.of("A003", "A004", "A002", "A001", "A005", "A006"), line(TP),
                "right behind two again, before the one requeued there earlier");
        queue = TestCentre.restore(centre, queue.snapshot());
        assertEquals(List.of("A003", "A004", "A002", "A001", "A005", "A006"), line(TP), "kept by a snapshot");
    }

    @Test
    void aRequeuedTicketGoesToTheEndOfItsLaneWhenFewerThanRequeueAfterWait() {
        Ticket first = missed();
        issue(TP);
        accepted(handle(new Requeue(first.number(), "Q01")));
        Ticket later = issue(TP);
        assertEquals(List.of("A002", "A001", later.number()), line(TP), "later arrivals queue behind it");
        assertEquals("A002", call("Q01"));
    }

    @Test
    void aRequeueAfterTheGraceIsRefusedAsExpiredAndAnUnknownOrActiveNumberAsNotANoShow() {
        Ticket first = missed();
        Ticket waiting = issue(TP);
        assertEquals(Rejection.NOT_A_NO_SHOW, rejected(handle(new Requeue(waiting.number(), null))).rejection());
        assertEquals(Rejection.NOT_A_NO_SHOW, rejected(handle(new Requeue("A999", null))).rejection());
        now = now.plus(Duration.ofMinutes(21));
        assertEquals(Rejection.REQUEUE_EXPIRED, rejected(handle(new Requeue(first.number(), null))).rejection());
        now = now.plus(Duration.ofHours(4));
        assertEquals(Rejection.NOT_A_NO_SHOW, rejected(handle(new Requeue(first.number(), null))).rejection(),
                "forgotten after the longest grace");
    }

    @Test
    void aTicketIsRequeuedOnceOnly() {
        Ticket first = missed();
        accepted(handle(new Requeue(first.number(), null)));
        assertEquals(first.number(), call("Q01"));
        accepted(handle(new MarkNoShow("Q01")));
        assertEquals(Rejection.REQUEUE_LIMIT, rejected(handle(new Requeue(first.number(), "Q01"))).rejection());
    }

    @Test
    void aRestoredQueueStillRequeuesTheNoShowsOfItsSnapshot() {
        Ticket first = missed();
        issue(TP);
        queue = TestCentre.restore(centre, queue.snapshot());
        accepted(handle(new Requeue(first.number(), null)));
        assertEquals(List.of("A002", "A001"), line(TP));
    }

    @Test
    void recallIsRefusedOnceTheLimitIsReachedAndNoShowIsStillAccepted() {
        issue(TP);
        accepted(handle(new OpenCounter("Q01")));
        call("Q01");
        accepted(handle(new Recall("Q01")));
        accepted(handle(new Recall("Q01")));
        Decision.Rejected third = rejected(handle(new Recall("Q01")));
        assertEquals(Rejection.RECALL_LIMIT, third.rejection());
        assertTrue(third.message().contains("recalled 2 times"), third.message());
        accepted(handle(new MarkNoShow("Q01")));
    }

    @Test
    void aTicketTransferredToACounterIsCalledOnlyThereFirstWithItsNote() {
        issue(BHTN);
        Ticket other = issue(BHTN);
        accepted(handle(new OpenCounter("Q01")));
        accepted(handle(new OpenCounter("Q03")));
        assertEquals("H001", call("Q01"));
        TicketTransferred transferred = assertInstanceOf(TicketTransferred.class, accepted(handle(
                new Transfer("Q01", null, "Q03", null, "thiếu bản sao CCCD"))).get(0));
        assertEquals(BHTN, transferred.toService(), "keeps its service");
        assertEquals("Q03", transferred.toCounter());
        assertEquals(List.of(other.number()), line(BHTN), "other counters' routing does not see it");
        assertEquals(other.number(), call("Q01"), "Q01 calls the next one, not the reserved one");
        assertEquals("H001", call("Q03"));
        Ticket atQ03 = queue.ticket(queue.counter("Q03").orElseThrow().currentTicket()).orElseThrow();
        assertEquals("thiếu bản sao CCCD", atQ03.handover().note());
    }

    @Test
    void aTransferToACounterThatCannotServeTheServiceIsRefused() {
        issue(TP);
        accepted(handle(new OpenCounter("Q01")));
        call("Q01");
        assertEquals(Rejection.COUNTER_CANNOT_SERVE,
                rejected(handle(new Transfer("Q01", null, "Q02", null, null))).rejection());
        assertEquals(Rejection.UNKNOWN_COUNTER,
                rejected(handle(new Transfer("Q01", null, "Q99", null, null))).rejection());
        assertEquals(Rejection.INVALID_STATE,
                rejected(handle(new Transfer("Q01", null, "Q01", null, null))).rejection());
    }

    @Test
    void aTicketTransferredToAnOfficerWaitsUntilTheyOpenACounterAndThenGoesThereFirst() {
        issue(BHTN);
        issue(BHXH);
        accepted(handle(new OpenCounter("Q03")));
        assertEquals("H001", call("Q03"));
        accepted(handle(new Transfer("Q03", null, null, "lan.nguyen", "hồ sơ đã kiểm tra")));
        accepted(handle(new OpenCounter("Q04", new Officer("minh.tran", "Trần Minh"))));
        assertEquals("G001", call("Q04"), "another officer's counter does not get it");
        accepted(handle(new OpenCounter("Q02", new Officer("lan.nguyen", "Nguyễn Lan"))));
        assertEquals("H001", call("Q02"), "her counter takes it first");
    }

    @Test
    void aReservationNobodyTakesUpLapsesAfterTheTargetWaitAndAnyAbleCounterCallsIt() {
        issue(BHTN);
        accepted(handle(new OpenCounter("Q03")));
        call("Q03");
        accepted(handle(new Transfer("Q03", null, null, "ghost.officer", null)));
        accepted(handle(new OpenCounter("Q01")));
        assertEquals(Rejection.NO_TICKET_WAITING, rejected(handle(new CallNext("Q01"))).rejection());
        now = now.plus(Duration.ofMinutes(30)); // BHTN's target wait
        Decision lapsed = handle(new CallNext("Q01"));
        TicketCalled called = assertInstanceOf(TicketCalled.class, accepted(lapsed).get(0));
        assertTrue(called.reason().contains("not taken up"), called.reason());
    }
}
