package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.emptyQueue;
import static vn.onedesk.engine.TestCentre.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Changes.ChangedTicket;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CloseCounter;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.MarkNoShow;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.RateService;
import vn.onedesk.engine.Command.Recall;
import vn.onedesk.engine.Command.StartService;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * {@link CentreQueue#execute} reports what each command changed: given a queue, when one command is executed, expect
 * exactly these tickets (as they stand after it, finished ones in their final state) and these counters.
 */
class ExecuteTest {
    private static final Officer AN = new Officer("officer-Q01", "Nguyễn Văn An");

    private final CentreQueue queue = emptyQueue(definition(false));
    private Instant now = local("08:00");
    private int ids;

    // --- given: commands that must be accepted; when: the command under test; expect: what it reported ---

    private void given(Command... commands) {
        for (Command c : commands) {
            now = now.plusSeconds(60);
            assertInstanceOf(Execution.Applied.class, queue.execute(c, now), () -> "given " + c);
        }
    }

    private Ticket givenIssued(String service) {
        String id = "t" + (++ids);
        given(new IssueTicket(id, service, PriorityGroup.NONE, Channel.WALK_IN));
        return queue.ticket(id).orElseThrow();
    }

    private Changes when(Command command) {
        now = now.plusSeconds(60);
        Execution execution = queue.execute(command, now);
        return assertInstanceOf(Execution.Applied.class, execution, () -> "expected " + command + " to be applied")
                .changes();
    }

    private Ticket active(String id) {
        return queue.ticket(id).orElseThrow();
    }

    private static ChangedTicket stillActive(Ticket t) {
        return new ChangedTicket(t, null, false);
    }

    private CounterState counter(String id) {
        return queue.counter(id).orElseThrow();
    }

    @Test
    void issuingReportsTheNewTicketAsIssuedAndNoCounter() {
        Changes changes = when(new IssueTicket("t1", TP, PriorityGroup.NONE, Channel.WALK_IN));

        Ticket t1 = active("t1");
        assertEquals(List.of(new ChangedTicket(t1, null, true)), changes.tickets());
        assertEquals(List.of(), changes.counters());
        assertEquals(Optional.of(t1), changes.subject());
        assertInstanceOf(Event.TicketIssued.class, changes.events().get(0));
    }

    @Test
    void callingNextReportsTheTicketCalledAndTheCounterNowServingItWithTheRoutingReason() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"));

        Changes changes = when(new CallNext("Q01"));

        assertEquals(List.of(stillActive(active(a1.id()))), changes.tickets());
        assertEquals(TicketState.CALLED, changes.subject().orElseThrow().state());
        assertEquals(List.of(new CounterState("Q01", true, a1.id())), changes.counters());
        Event.TicketCalled called = assertInstanceOf(Event.TicketCalled.class, changes.events().get(0));
        assertEquals(Optional.of(called.reason()), changes.callReason());
    }

    @Test
    void aRecallChangesTheTicketsCallsButNotTheCounterSoNoCounterIsReported() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"));

        Changes changes = when(new Recall("Q01"));

        assertEquals(2, changes.subject().orElseThrow().calls());
        assertEquals(List.of(stillActive(active(a1.id()))), changes.tickets());
        assertEquals(List.of(), changes.counters());
        assertEquals(Optional.empty(), changes.callReason(), "a recall gives no routing reason");
    }

    @Test
    void startingServiceReportsTheTicketServing() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"));

        Changes changes = when(new StartService("Q01"));

        assertEquals(List.of(stillActive(active(a1.id()))), changes.tickets());
        assertEquals(TicketState.SERVING, changes.subject().orElseThrow().state());
        assertEquals(List.of(), changes.counters());
    }

    @Test
    void completingReportsTheTicketDoneWithItsFinishTimeThoughTheQueueNoLongerHoldsItAndTheCounterFree() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"), new StartService("Q01"));
        Ticket serving = active(a1.id());

        Changes changes = when(new CompleteService("Q01"));

        assertEquals(Optional.empty(), queue.ticket(a1.id()), "the queue holds active tickets only");
        assertEquals(List.of(new ChangedTicket(serving.finished(TicketState.DONE), now, false)), changes.tickets());
        assertTrue(changes.tickets().get(0).finished());
        assertEquals("Q01", changes.subject().orElseThrow().counter(), "finished where it was served");
        assertEquals(List.of(new CounterState("Q01", true, null)), changes.counters());
    }

    @Test
    void markingNoShowReportsTheTicketNoShowFinishedNowAndTheCounterFree() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"));
        Ticket called = active(a1.id());

        Changes changes = when(new MarkNoShow("Q01"));

        assertEquals(List.of(new ChangedTicket(called.finished(TicketState.NO_SHOW), now, false)),
                changes.tickets());
        assertEquals(List.of(new CounterState("Q01", true, null)), changes.counters());
    }

    @Test
    void parkingReportsTheTicketParkedStillActiveAndTheCounterFree() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"));

        Changes changes = when(new Command.Park("Q01", "Đi photo giấy tờ"));

        assertEquals(List.of(stillActive(active(a1.id()))), changes.tickets());
        assertEquals(TicketState.PARKED, changes.subject().orElseThrow().state());
        assertEquals(List.of(new CounterState("Q01", true, null)), changes.counters());
    }

    @Test
    void expiringParkedTicketsReportsEachNoShowFinishedAndLeavesTheCounterServingSomeoneElseUnreported() {
        Ticket a1 = givenIssued(TP);
        Ticket g1 = givenIssued(BHXH);
        Ticket a2 = givenIssued(TP);
        given(new OpenCounter("Q01"), new OpenCounter("Q02"), new CallNext("Q01"), new Command.Park("Q01", "x"),
                new CallNext("Q02"), new Command.Park("Q02", "y"), new CallNext("Q01"));
        Ticket parkedA1 = active(a1.id());
        Ticket parkedG1 = active(g1.id());
        now = now.plus(queue.definition().rules().parkTimeout()).plusSeconds(60);
        Instant expiry = now;

        Execution execution = queue.execute(new Command.ExpireParked(), expiry);

        Changes changes = assertInstanceOf(Execution.Applied.class, execution).changes();
        assertEquals(List.of(new ChangedTicket(parkedA1.finished(TicketState.NO_SHOW), expiry, false),
                new ChangedTicket(parkedG1.finished(TicketState.NO_SHOW), expiry, false)), changes.tickets());
        assertEquals(List.of(), changes.counters(), "Q01 serves A002 still, Q02 was free already");
        assertEquals(Optional.of(a2.id()), counter("Q01").current());
    }

    @Test
    void expiringManyParkedTicketsAtOnceReportsEachOnceInTheOrderTheyExpired() {
        List<Ticket> parked = new ArrayList<>();
        given(new OpenCounter("Q01"));
        for (int i = 0; i < 12; i++) { // more than the recorder searches in order before it keeps an index
            Ticket t = givenIssued(TP);
            given(new CallNext("Q01"), new Command.Park("Q01", "Bổ sung giấy tờ"));
            parked.add(active(t.id()));
        }
        Instant expiry = now.plus(queue.definition().rules().parkTimeout()).plusSeconds(60);

        Execution execution = queue.execute(new Command.ExpireParked(), expiry);

        Changes changes = assertInstanceOf(Execution.Applied.class, execution).changes();
        assertEquals(parked.stream().map(t -> new ChangedTicket(t.finished(TicketState.NO_SHOW), expiry, false))
                .toList(), changes.tickets());
        assertEquals(List.of(), changes.counters());
        assertEquals(Optional.of(parked.get(11).finished(TicketState.NO_SHOW)), changes.subject());
    }

    @Test
    void aTransferReportsTheTicketWaitingForItsNewServiceAndTheCounterFree() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"));

        Changes changes = when(new Transfer("Q01", BHTN));

        assertEquals(List.of(stillActive(active(a1.id()))), changes.tickets());
        assertEquals(BHTN, changes.subject().orElseThrow().service());
        assertEquals(TicketState.WAITING, changes.subject().orElseThrow().state());
        assertEquals(List.of(new CounterState("Q01", true, null)), changes.counters());
    }

    @Test
    void aRatingIsAnEventOnlyItChangesNoTicketAndNoCounter() {
        givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"), new CompleteService("Q01"));

        Changes changes = when(RateService.atPad("Q01", "A001", 5, List.of()));

        assertInstanceOf(Event.ServiceRated.class, changes.events().get(0));
        assertEquals(List.of(), changes.tickets());
        assertEquals(Optional.empty(), changes.subject());
        assertEquals(List.of(), changes.counters());
    }

    @Test
    void aRequeueReportsTheNoShowBackInLineThoughTheQueueHadDroppedIt() {
        Ticket a1 = givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"), new MarkNoShow("Q01"));

        Changes changes = when(new Command.Requeue(a1.number(), null));

        Ticket back = active(a1.id());
        assertEquals(TicketState.WAITING, back.state());
        assertEquals(List.of(stillActive(back)), changes.tickets());
        assertEquals(List.of(), changes.counters());
    }

    @Test
    void openingAndClosingReportTheCounterAsItNowStandsWithItsOfficer() {
        Changes opened = when(new OpenCounter("Q01", AN));
        assertEquals(List.of(new CounterState("Q01", true, null, AN)), opened.counters());
        assertEquals(List.of(), opened.tickets());

        Changes closed = when(new CloseCounter("Q01"));
        assertEquals(List.of(CounterState.closed("Q01")), closed.counters());
    }

    @Test
    void anAcceptedNoOpReportsNothing() {
        given(new OpenCounter("Q01"));

        Changes changes = when(new OpenCounter("Q01"));

        assertEquals(new Changes(List.of(), List.of(), List.of()), changes);
    }

    @Test
    void aReconfigurationReportsTheCounterItClosesAndTheCounterItAddsButNotTheOneItRemoves() {
        given(new OpenCounter("Q01"), new OpenCounter("Q03"), new OpenCounter("Q04"));
        List<CounterDefinition> counters = new ArrayList<>(queue.definition().counters());
        counters.replaceAll(c -> c.id().equals("Q01")
                ? new CounterDefinition("Q01", 1, TestCentre.BHXH_OFFICER, List.of(BHXH), List.of()) : c);
        counters.removeIf(c -> c.id().equals("Q03"));
        counters.add(new CounterDefinition("Q05", 5, TestCentre.POSTAL, List.of(TP), List.of()));

        Changes changes = when(new Command.Reconfigure(queue.definition().withCounters(counters)));

        assertEquals(List.of(CounterState.closed("Q01"), CounterState.closed("Q05")), changes.counters(),
                "Q01 closes with its new operator, Q05 appears closed, Q03 is gone, Q04 is as it was");
        assertEquals(List.of(), changes.tickets());
    }

    @Test
    void aRefusedCommandChangesNothingAndSaysWhy() {
        givenIssued(TP);
        given(new OpenCounter("Q01"), new CallNext("Q01"));
        QueueSnapshot before = queue.snapshot();

        Execution execution = queue.execute(new CallNext("Q01"), now.plusSeconds(60));

        Execution.Refused refused = assertInstanceOf(Execution.Refused.class, execution);
        assertEquals(Rejection.INVALID_STATE, refused.rejection());
        assertTrue(refused.message().contains("A001"), refused.message());
        assertEquals(before, queue.snapshot());
        assertEquals(queue.decide(new CallNext("Q01"), now.plusSeconds(60)), execution.decision());
    }
}
