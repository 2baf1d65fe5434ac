package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.DAY;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.emptyQueue;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CloseCounter;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.MarkNoShow;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.Recall;
import vn.onedesk.engine.Command.StartService;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.Event.CounterClosed;
import vn.onedesk.engine.Event.ServiceCompleted;
import vn.onedesk.engine.Event.ServiceStarted;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketIssued;
import vn.onedesk.engine.Event.TicketNoShow;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.estimation.ServiceTimes;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

class CentreQueueTest {
    private CentreQueue queue = emptyQueue(definition(false));
    private Instant now = local("07:00");
    private int ids;

    // --- helpers: each command happens one minute after the previous one unless a time is given ---

    private Decision handle(Command command) {
        now = now.plusSeconds(60);
        return queue.handle(command, now);
    }

    private Decision handleAt(String localTime, Command command) {
        now = local(localTime);
        return queue.handle(command, now);
    }

    private Ticket issued(Decision decision) {
        List<Event> events = accepted(decision);
        assertEquals(1, events.size(), () -> "one TicketIssued expected: " + events);
        return assertInstanceOf(TicketIssued.class, events.get(0)).ticket();
    }

    private Ticket issue(String service) {
        return issue(service, PriorityGroup.NONE);
    }

    private Ticket issue(String service, PriorityGroup priority) {
        return issued(handle(new IssueTicket("t" + (++ids), service, priority, Channel.WALK_IN)));
    }

    private Ticket issueAt(String localTime, String service) {
        return issueAt(local(localTime), service, PriorityGroup.NONE);
    }

    private Ticket issueAt(String localTime, String service, PriorityGroup priority) {
        return issueAt(local(localTime), service, priority);
    }

    private Ticket issueAt(Instant at, String service, PriorityGroup priority) {
        now = at;
        return issued(queue.handle(new IssueTicket("t" + (++ids), service, priority, Channel.WALK_IN), at));
    }

    private void open(String... counters) {
        for (String c : counters) {
            accepted(handle(new OpenCounter(c)));
        }
    }

    private TicketCalled called(Decision decision) {
        List<Event> events = accepted(decision);
        assertEquals(1, events.size(), () -> "one TicketCalled expected: " + events);
        return assertInstanceOf(TicketCalled.class, events.get(0));
    }

    private TicketCalled callNext(String counter) {
        return called(handle(new CallNext(counter)));
    }

    private TicketCalled callNextAt(String localTime, String counter) {
        return called(handleAt(localTime, new CallNext(counter)));
    }

    private Rejection refusal(Command command) {
        return rejected(handle(command)).rejection();
    }

    private Ticket current(Ticket t) {
        return queue.ticket(t.id()).orElseThrow(() -> new AssertionError(t.number() + " is no longer active"));
    }

    private CounterState counter(String id) {
        return queue.counter(id).orElseThrow();
    }

    private List<String> calledNumbers(String counter, int calls) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            TicketCalled call = callNext(counter);
            numbers.add(queue.ticket(call.ticketId()).orElseThrow().number());
            accepted(handle(new CompleteService(counter)));
        }
        return numbers;
    }

    @Nested
    class Numbering {
        @Test
        void ticketsOfOneServiceAreNumberedWithItsPrefixAndThreeDigitsInIssueOrder() {
            Ticket first = issue(TP);
            Ticket second = issue(TP);
            Ticket third = issue(TP);
            assertEquals(List.of("A001", "A002", "A003"), List.of(first.number(), second.number(), third.number()));
            assertEquals(List.of(1, 2, 3), List.of(first.sequence(), second.sequence(), third.sequence()));
        }

        @Test
        void eachServiceCountsItsOwnNumbersIndependently() {
            List<String> numbers = List.of(issue(TP), issue(BHXH), issue(TP), issue(BHTN), issue(BHXH), issue(BHTN))
                    .stream().map(Ticket::number).toList();
            assertEquals(List.of("A001", "G001", "A002", "H001", "G002", "H002"), numbers);
        }

        @Test
        void issueOrdinalsIncreaseAcrossAllServices() {
            List<Long> ordinals = List.of(issue(TP), issue(BHXH), issue(BHTN), issue(TP)).stream()
                    .map(Ticket::ordinal).toList();
            assertEquals(List.of(1L, 2L, 3L, 4L), ordinals);
        }

        @Test
        void numberingRestartsAtOneOnTheNextLocalDayWhichBeginsAt1700Utc() {
            Ticket morning = issueAt(Instant.parse("2025-03-03T00:30:00Z"), TP, PriorityGroup.NONE);
            Ticket lateEvening = issueAt(Instant.parse("2025-03-03T16:59:59Z"), TP, PriorityGroup.NONE);
            Ticket afterLocalMidnight = issueAt(Instant.parse("2025-03-03T17:00:00Z"), TP, PriorityGroup.NONE);
            Ticket next = issueAt(Instant.parse("2025-03-03T17:05:00Z"), TP, PriorityGroup.NONE);

            assertAll(
                    () -> assertEquals("A001", morning.number()),
                    () -> assertEquals("A002", lateEvening.number()),
                    () -> assertEquals(DAY, lateEvening.serviceDay()),
                    () -> assertEquals("A001", afterLocalMidnight.number(),
                            "the UTC date is still the 3rd, but it is the 4th in Ho Chi Minh City"),
                    () -> assertEquals(LocalDate.of(2025, 3, 4), afterLocalMidnight.serviceDay()),
                    () -> assertEquals("A002", next.number()));
        }

        @Test
        void aServiceFirstUsedOnTheNextDayStillStartsAtOne() {
            issueAt(Instant.parse("2025-03-03T02:00:00Z"), TP, PriorityGroup.NONE);
            issueAt(Instant.parse("2025-03-03T02:01:00Z"), BHXH, PriorityGroup.NONE);
            Ticket bhxhNextDay = issueAt(Instant.parse("2025-03-04T02:00:00Z"), BHXH, PriorityGroup.NONE);
            Ticket tpNextDay = issueAt(Instant.parse("2025-03-04T02:01:00Z"), TP, PriorityGroup.NONE);
            assertEquals("G001", bhxhNextDay.number());
            assertEquals("A001", tpNextDay.number());
        }

        @Test
        void aTicketIdCannotBeReusedWhileItsTicketIsActive() {
            accepted(handle(new IssueTicket("same", TP, PriorityGroup.NONE, Channel.WALK_IN)));
            Decision.Rejected again = rejected(handle(new IssueTicket("same", BHXH, PriorityGroup.NONE,
                    Channel.REMOTE)));
            assertEquals(Rejection.INVALID_STATE, again.rejection());
            assertTrue(again.message().contains("same"), again.message());
        }
    }

    @Nested
    class OpeningHours {
        @Test
        void outsideItsSessionsACentreThatSaysSoRefusesTicketsWithServiceClosed() {
            queue = emptyQueue(definition(true));
            for (String time : List.of("06:00", "07:29:59", "11:30", "12:15", "13:29", "17:00", "22:00")) {
                Decision.Rejected refused = rejected(handleAt(time, new IssueTicket("t" + time, TP,
                        PriorityGroup.NONE, Channel.WALK_IN)));
                assertEquals(Rejection.SERVICE_CLOSED, refused.rejection(), time);
                assertTrue(refused.message().contains("07:30"), refused.message());
            }
            assertTrue(queue.activeTickets().isEmpty());
        }

        @Test
        void insideItsSessionsACentreIssuesTickets() {
            queue = emptyQueue(definition(true));
            for (String time : List.of("07:30", "09:00", "11:29:59", "13:30", "16:59:59")) {
                issueAt(time, TP);
            }
            assertEquals(5, queue.activeTickets().size());
        }

        @Test
        void aCentreThatIssuesAroundTheClockIgnoresItsSessions() {
            assertEquals("A001", issueAt("22:00", TP).number());
            assertEquals("A002", issueAt("23:59", TP).number());
        }

        @Test
        void countersMayStillCallTheRemainingQueueAfterClosingTime() {
            queue = emptyQueue(definition(true));
            Ticket late = issueAt("16:59", TP);
            now = local("17:10");
            open("Q01");
            assertEquals(late.id(), callNext("Q01").ticketId());
        }
    }

    @Nested
    class UnknownAndClosed {
        @Test
        void aTicketForAnUnknownServiceIsRefused() {
            Decision.Rejected refused = rejected(handle(new IssueTicket("t1", "CCCD", PriorityGroup.NONE,
                    Channel.WALK_IN)));
            assertEquals(Rejection.UNKNOWN_SERVICE, refused.rejection());
            assertTrue(refused.message().contains("CCCD"), refused.message());
        }

        @Test
        void everyCounterCommandAtAnUnknownCounterIsRefused() {
            for (Command command : List.of(new OpenCounter("Q99"), new CloseCounter("Q99"), new CallNext("Q99"),
                    new Recall("Q99"), new MarkNoShow("Q99"), new StartService("Q99"), new CompleteService("Q99"),
                    new Transfer("Q99", BHTN))) {
                Decision.Rejected refused = rejected(handle(command));
                assertEquals(Rejection.UNKNOWN_COUNTER, refused.rejection(), command.toString());
                assertTrue(refused.message().contains("Q99"), refused.message());
            }
        }

        @Test
        void aCounterThatWasNeverOpenedCannotCallOrActOnTickets() {
            issue(TP);
            for (Command command : List.of(new CallNext("Q01"), new Recall("Q01"), new MarkNoShow("Q01"),
                    new StartService("Q01"), new CompleteService("Q01"), new Transfer("Q01", BHTN))) {
                assertEquals(Rejection.COUNTER_CLOSED, refusal(command), command.toString());
            }
        }

        @Test
        void aCounterClosedAgainCannotCall() {
            issue(TP);
            open("Q01");
            accepted(handle(new CloseCounter("Q01")));
            assertEquals(Rejection.COUNTER_CLOSED, refusal(new CallNext("Q01")));
        }

        @Test
        void openingAnOpenCounterOrClosingAClosedOneChangesNothing() {
            assertEquals(List.of(), accepted(handle(new CloseCounter("Q01"))));
            open("Q01");
            assertEquals(List.of(), accepted(handle(new OpenCounter("Q01"))));
            assertTrue(counter("Q01").open());
        }
    }

    @Nested
    class Calling {
        @Test
        void callNextWithAnEmptyQueueSaysNoTicketIsWaiting() {
            open("Q01");
            Decision.Rejected refused = rejected(handle(new CallNext("Q01")));
            assertEquals(Rejection.NO_TICKET_WAITING, refused.rejection());
            assertTrue(refused.message().contains("TP") && refused.message().contains("BHTN"), refused.message());
        }

        @Test
        void callNextWhileATicketIsCalledAtTheCounterIsInvalid() {
            Ticket first = issue(TP);
            issue(TP);
            open("Q01");
            callNext("Q01");
            Decision.Rejected refused = rejected(handle(new CallNext("Q01")));
            assertEquals(Rejection.INVALID_STATE, refused.rejection());
            assertTrue(refused.message().contains(first.number()), refused.message());
        }

        @Test
        void callNextWhileATicketIsBeingServedAtTheCounterIsInvalid() {
            issue(TP);
            issue(TP);
            open("Q01");
            callNext("Q01");
            accepted(handle(new StartService("Q01")));
            assertEquals(Rejection.INVALID_STATE, refusal(new CallNext("Q01")));
        }

        @Test
        void aCalledTicketIsAtTheCounterAndLeavesTheWaitingLine() {
            Ticket ticket = issue(TP);
            open("Q01");
            TicketCalled call = callNext("Q01");
            Ticket atCounter = current(ticket);
            assertAll(
                    () -> assertEquals(ticket.id(), call.ticketId()),
                    () -> assertFalse(call.recall()),
                    () -> assertEquals(TicketState.CALLED, atCounter.state()),
                    () -> assertEquals("Q01", atCounter.counter()),
                    () -> assertEquals(call.at(), atCounter.calledAt()),
                    () -> assertEquals(1, atCounter.calls()),
                    () -> assertEquals(ticket.id(), counter("Q01").currentTicket()),
                    () -> assertEquals(0, queue.waiting().count(TP)));
        }

        @Test
        void ticketsOfOneServiceAreCalledFirstComeFirstServed() {
            issue(TP);
            issue(TP);
            issue(TP);
            open("Q01");
            assertEquals(List.of("A001", "A002", "A003"), calledNumbers("Q01", 3));
        }

        @Test
        void aPriorityCitizenIsCalledBeforeOrdinaryCitizensWhoCameEarlier() {
            issue(TP);
            issue(TP);
            issue(TP, PriorityGroup.ELDERLY);
            open("Q01");
            assertEquals(List.of("A003", "A001", "A002"), calledNumbers("Q01", 3));
        }

        @Test
        void priorityCitizensAmongThemselvesAreCalledInArrivalOrderWhateverTheirGroup() {
            issue(TP, PriorityGroup.PREGNANT);
            issue(TP, PriorityGroup.MERIT);
            issue(TP, PriorityGroup.CHILD_UNDER_6);
            open("Q01");
            assertEquals(List.of("A001", "A002", "A003"), calledNumbers("Q01", 3));
        }

        @Test
        void aCounterCallsTheLongestWaitingCitizenAcrossItsPrimaryAndSecondarySkills() {
            issueAt("08:01", BHTN);
            issueAt("08:02", TP);
            issueAt("08:03", BHTN);
            now = local("08:10");
            open("Q01");
            assertEquals(List.of("H001", "A001", "H002"), calledNumbers("Q01", 3));
        }

        @Test
        void aPriorityCitizenOfASecondarySkillGoesBeforeOrdinaryCitizensOfThePrimarySkill() {
            issueAt("08:01", TP);
            issueAt("08:02", BHTN, PriorityGroup.DISABLED);
            now = local("08:10");
            open("Q01");
            assertEquals(List.of("H001", "A001"), calledNumbers("Q01", 2));
        }

        @Test
        void aCounterOnlyCallsServicesAmongItsSkills() {
            issue(TP);
            issue(BHTN);
            open("Q02", "Q04");
            assertEquals(Rejection.NO_TICKET_WAITING, refusal(new CallNext("Q04")), "Q04 serves only BHXH");
            assertEquals("H001", calledNumbers("Q02", 1).get(0), "Q02 may take BHTN but never TP");
            assertEquals(Rejection.NO_TICKET_WAITING, refusal(new CallNext("Q02")));
            assertEquals(1, queue.waiting().count(TP));
        }

        @Test
        void aCounterDoesNotPreferItsPrimarySkillOverALongerWaitInASecondaryOne() {
            issueAt("08:00", BHTN);
            issueAt("08:01", BHXH);
            now = local("08:05");
            open("Q02");
            assertEquals(List.of("H001", "G001"), calledNumbers("Q02", 2));
        }

        @Test
        void callSequenceIncreasesByExactlyOnePerCallAndRecallAcrossCounters() {
            issue(TP);
            issue(TP);
            issue(BHXH);
            open("Q01", "Q03", "Q02");
            List<Long> seqs = new ArrayList<>();
            seqs.add(callNext("Q01").callSeq());
            seqs.add(called(handle(new Recall("Q01"))).callSeq());
            seqs.add(callNext("Q03").callSeq());
            seqs.add(callNext("Q02").callSeq());
            seqs.add(called(handle(new Recall("Q03"))).callSeq());
            seqs.add(called(handle(new Recall("Q01"))).callSeq());
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), seqs);
            assertEquals(6L, queue.lastCallSeq());
        }

        @Test
        void refusedCallsDoNotUseUpACallSequence() {
            issue(TP);
            open("Q01", "Q02");
            assertEquals(Rejection.NO_TICKET_WAITING, refusal(new CallNext("Q02")));
            assertEquals(Rejection.INVALID_STATE, refusal(new Recall("Q01")));
            assertEquals(1L, callNext("Q01").callSeq());
        }
    }

    @Nested
    class AtTheCounter {
        private Ticket ticket;

        private void callOne() {
            ticket = issue(TP);
            issue(TP);
            open("Q01");
            callNext("Q01");
        }

        @Test
        void aRecallCallsTheSameTicketAgainWithTheNextCallSequence() {
            callOne();
            Instant firstCall = current(ticket).calledAt();
            long seq = queue.lastCallSeq();
            TicketCalled recall = called(handle(new Recall("Q01")));
            Ticket after = current(ticket);
            assertAll(
                    () -> assertTrue(recall.recall()),
                    () -> assertEquals(ticket.id(), recall.ticketId()),
                    () -> assertEquals("Q01", recall.counter()),
                    () -> assertEquals(seq + 1, recall.callSeq()),
                    () -> assertEquals("recall", recall.reason()),
                    () -> assertEquals(TicketState.CALLED, after.state()),
                    () -> assertEquals("Q01", after.counter()),
                    () -> assertEquals(2, after.calls()),
                    () -> assertEquals(firstCall, after.calledAt(), "a recall does not restart the call"),
                    () -> assertEquals(ticket.id(), counter("Q01").currentTicket()),
                    () -> assertEquals(1, queue.waiting().count(TP), "the other ticket still waits"));
        }

        @Test
        void onlyACalledTicketCanBeRecalled() {
            open("Q03");
            assertEquals(Rejection.INVALID_STATE, refusal(new Recall("Q03")), "nothing at the counter");
            callOne();
            accepted(handle(new StartService("Q01")));
            assertEquals(Rejection.INVALID_STATE, refusal(new Recall("Q01")), "already being served");
        }

        @Test
        void aCalledTicketMarkedNoShowLeavesTheQueueAndFreesTheCounter() {
            callOne();
            List<Event> events = accepted(handle(new MarkNoShow("Q01")));
            assertEquals(List.of(new TicketNoShow(ticket.id(), "Q01", now)), events);
            assertTrue(queue.ticket(ticket.id()).isEmpty());
            assertNull(counter("Q01").currentTicket());
            assertEquals("A002", calledNumbers("Q01", 1).get(0));
        }

        @Test
        void aTicketAlreadyBeingServedCannotBeMarkedNoShow() {
            callOne();
            accepted(handle(new StartService("Q01")));
            Decision.Rejected refused = rejected(handle(new MarkNoShow("Q01")));
            assertEquals(Rejection.INVALID_STATE, refused.rejection());
            assertTrue(refused.message().contains("A001") && refused.message().contains("SERVING"),
                    refused.message());
            assertEquals(TicketState.SERVING, current(ticket).state());
        }

        @Test
        void noShowCompleteStartAndTransferNeedATicketAtTheCounter() {
            open("Q01");
            for (Command command : List.of(new MarkNoShow("Q01"), new CompleteService("Q01"),
                    new StartService("Q01"), new Transfer("Q01", BHTN))) {
                assertEquals(Rejection.INVALID_STATE, refusal(command), command.toString());
            }
        }

        @Test
        void serviceStartsOnlyOnceForACalledTicket() {
            callOne();
            List<Event> events = accepted(handle(new StartService("Q01")));
            assertEquals(List.of(new ServiceStarted(ticket.id(), "Q01", now)), events);
            assertEquals(TicketState.SERVING, current(ticket).state());
            assertEquals(now, current(ticket).startedAt());
            assertEquals(Rejection.INVALID_STATE, refusal(new StartService("Q01")));
        }

        @Test
        void serviceCanBeCompletedStraightFromCalled() {
            callOne();
            List<Event> events = accepted(handle(new CompleteService("Q01")));
            assertEquals(List.of(new ServiceCompleted(ticket.id(), "Q01", now)), events);
            assertTrue(queue.ticket(ticket.id()).isEmpty());
            assertNull(counter("Q01").currentTicket());
        }

        @Test
        void serviceCanBeCompletedAfterItStarted() {
            callOne();
            accepted(handle(new StartService("Q01")));
            accepted(handle(new CompleteService("Q01")));
            assertTrue(queue.ticket(ticket.id()).isEmpty());
            assertNull(counter("Q01").currentTicket());
        }

        @Test
        void aCounterCannotCloseWhileATicketIsCalledOrServedAtIt() {
            callOne();
            Decision.Rejected whileCalled = rejected(handle(new CloseCounter("Q01")));
            assertEquals(Rejection.INVALID_STATE, whileCalled.rejection());
            assertTrue(whileCalled.message().contains("A001"), whileCalled.message());
            accepted(handle(new StartService("Q01")));
            assertEquals(Rejection.INVALID_STATE, refusal(new CloseCounter("Q01")));
            assertTrue(counter("Q01").open());

            accepted(handle(new CompleteService("Q01")));
            assertEquals(List.of(new CounterClosed("Q01", now.plusSeconds(60))),
                    accepted(handle(new CloseCounter("Q01"))));
            assertFalse(counter("Q01").open());
        }
    }

    @Nested
    class Transfers {
        @Test
        void aTransferredTicketKeepsItsPlaceInTheNewService() {
            Ticket g = issueAt("08:00", BHXH);
            Ticket h1 = issueAt("08:10", BHTN);
            Ticket h2 = issueAt("08:20", BHTN);
            now = local("08:25");
            open("Q04", "Q03");
            assertEquals(g.id(), callNextAt("08:30", "Q04").ticketId());

            List<Event> events = accepted(handleAt("08:40", new Transfer("Q04", BHTN)));
            assertEquals(List.of(new TicketTransferred(g.id(), "Q04", BHXH, BHTN, local("08:40"))), events);
            Ticket moved = current(g);
            assertAll(
                    () -> assertEquals(TicketState.WAITING, moved.state()),
                    () -> assertEquals(BHTN, moved.service()),
                    () -> assertEquals("G001", moved.number(), "the citizen keeps the paper ticket"),
                    () -> assertEquals(local("08:00"), moved.originalArrival()),
                    () -> assertEquals(local("08:40"), moved.waitingSince()),
                    () -> assertNull(moved.counter()),
                    () -> assertNull(counter("Q04").currentTicket()),
                    () -> assertEquals(0, queue.ahead(g.id())),
                    () -> assertEquals(1, queue.ahead(h1.id())),
                    () -> assertEquals(2, queue.ahead(h2.id())));

            assertEquals(List.of("G001", "H001", "H002"), calledNumbers("Q03", 3));
        }

        @Test
        void aTransferredTicketDoesNotOvertakeCitizensWhoArrivedBeforeIt() {
            Ticket h1 = issueAt("07:50", BHTN);
            Ticket g = issueAt("08:00", BHXH);
            Ticket h2 = issueAt("08:10", BHTN);
            now = local("08:15");
            open("Q04", "Q03");
            callNext("Q04");
            accepted(handle(new Transfer("Q04", BHTN)));
            assertEquals(1, queue.ahead(g.id()));
            assertEquals(List.of(h1.number(), g.number(), h2.number()), calledNumbers("Q03", 3));
        }

        @Test
        void aTicketInServiceCanBeTransferredAndFreesTheCounter() {
            Ticket t = issue(TP);
            open("Q01");
            callNext("Q01");
            accepted(handle(new StartService("Q01")));
            accepted(handle(new Transfer("Q01", BHXH)));
            Ticket moved = current(t);
            assertAll(
                    () -> assertEquals(TicketState.WAITING, moved.state()),
                    () -> assertEquals(BHXH, moved.service()),
                    () -> assertNull(moved.startedAt()),
                    () -> assertNull(moved.calledAt()),
                    () -> assertEquals(0, moved.calls()),
                    () -> assertNull(counter("Q01").currentTicket()),
                    () -> assertEquals(1, queue.waiting().count(BHXH)));
        }

        @Test
        void aTransferredPriorityTicketStaysAPriorityTicket() {
            issueAt("07:40", BHTN);
            Ticket elderly = issueAt("08:00", TP, PriorityGroup.ELDERLY);
            now = local("08:05");
            open("Q01", "Q02");
            assertEquals(elderly.id(), callNext("Q01").ticketId());
            accepted(handle(new Transfer("Q01", BHTN)));
            assertEquals(PriorityGroup.ELDERLY, current(elderly).priority());
            assertEquals(elderly.id(), callNext("Q02").ticketId());
        }

        @Test
        void aTransferredTicketCanBeTransferredAgainAndStillKeepsItsFirstArrival() {
            Ticket t = issueAt("08:00", TP);
            now = local("08:01");
            open("Q01", "Q02");
            callNext("Q01");
            accepted(handle(new Transfer("Q01", BHTN)));
            callNext("Q02");
            accepted(handle(new Transfer("Q02", BHXH)));
            assertEquals(local("08:00"), current(t).originalArrival());
            assertEquals(BHXH, current(t).service());
        }

        @Test
        void aTransferToTheSameServiceIsInvalid() {
            issue(TP);
            open("Q01");
            callNext("Q01");
            assertEquals(Rejection.INVALID_STATE, refusal(new Transfer("Q01", TP)));
        }

        @Test
        void aTransferToAnUnknownServiceIsRefused() {
            issue(TP);
            open("Q01");
            callNext("Q01");
            Decision.Rejected refused = rejected(handle(new Transfer("Q01", "CCCD")));
            assertEquals(Rejection.UNKNOWN_SERVICE, refused.rejection());
            assertTrue(refused.message().contains("CCCD"), refused.message());
        }
    }

    @Nested
    class DecidingIsPure {
        private void busyCentre() {
            issue(TP);
            issue(TP, PriorityGroup.ELDERLY);
            issue(BHXH);
            issue(BHTN);
            issue(BHTN);
            open("Q01", "Q02", "Q03");
            callNext("Q01");
            callNext("Q02");
            accepted(handle(new StartService("Q02")));
        }

        private List<Command> everyKindOfCommand() {
            return List.of(
                    new IssueTicket("fresh", TP, PriorityGroup.NONE, Channel.REMOTE),
                    new IssueTicket("bad", "CCCD", PriorityGroup.NONE, Channel.REMOTE),
                    new OpenCounter("Q04"), new OpenCounter("Q01"), new CloseCounter("Q03"),
                    new CloseCounter("Q01"), new CallNext("Q03"), new CallNext("Q04"), new CallNext("Q01"),
                    new Recall("Q01"), new Recall("Q02"), new MarkNoShow("Q01"), new MarkNoShow("Q02"),
                    new StartService("Q01"), new CompleteService("Q01"), new CompleteService("Q02"),
                    new Transfer("Q01", BHTN), new Transfer("Q02", TP), new Transfer("Q01", TP),
                    new CallNext("Q99"));
        }

        @Test
        void decidingACommandChangesNothingInTheQueue() {
            busyCentre();
            for (Command command : everyKindOfCommand()) {
                QueueSnapshot before = queue.snapshot();
                Map<String, EstimatedWait> estimatesBefore = estimates();
                Decision first = queue.decide(command, now.plusSeconds(30));
                Decision second = queue.decide(command, now.plusSeconds(30));
                assertEquals(first, second, () -> "deciding " + command + " twice gave different answers");
                assertEquals(before, queue.snapshot(), () -> "deciding " + command + " changed the queue");
                assertEquals(estimatesBefore, estimates(), () -> "deciding " + command + " changed estimates");
            }
        }

        @Test
        void handlingAppliesExactlyTheEventsThatDecidingAnnounced() {
            busyCentre();
            for (Command command : everyKindOfCommand()) {
                CentreQueue twin = TestCentre.restore(queue.definition(), queue.snapshot());
                Instant at = now.plusSeconds(30);
                Decision decided = twin.decide(command, at);
                if (decided instanceof Decision.Accepted a) {
                    a.events().forEach(twin::apply);
                }
                CentreQueue handled = TestCentre.restore(queue.definition(), queue.snapshot());
                assertEquals(decided, handled.handle(command, at));
                assertEquals(twin.snapshot(), handled.snapshot(), command::toString);
            }
        }

        private Map<String, EstimatedWait> estimates() {
            Map<String, EstimatedWait> all = new java.util.TreeMap<>();
            queue.activeTickets().forEach(t -> all.put(t.id(), queue.estimateFor(t.id())));
            TestCentre.SERVICES.forEach(s -> all.put("service " + s, queue.estimateForService(s)));
            return all;
        }
    }

    @Nested
    class CallReasons {
        @Test
        void theReasonNamesTheTicketTheCounterThePrimarySkillAndTheWait() {
            issueAt("08:00", TP);
            now = local("08:05");
            open("Q01");
            String reason = callNextAt("08:10", "Q01").reason();
            assertEquals("called A001 at Q01: primary skill TP, longest waiting, waited 10 min of 30 target", reason);
        }

        @Test
        void theReasonSaysWhenASecondarySkillWasUsed() {
            issue(BHTN);
            open("Q01");
            String reason = callNext("Q01").reason();
            assertTrue(reason.contains("H001") && reason.contains("Q01") && reason.contains("secondary skill BHTN"),
                    reason);
        }

        @Test
        void theReasonNamesThePriorityGroup() {
            issue(BHXH, PriorityGroup.MERIT);
            open("Q04");
            String reason = callNext("Q04").reason();
            assertTrue(reason.contains("G001") && reason.contains("Q04") && reason.contains("primary skill BHXH")
                    && reason.contains("priority group MERIT"), reason);
        }
    }

    @Nested
    class Estimates {
        @Test
        void theFirstInLineHasNoWait() {
            Ticket first = issue(TP);
            assertEquals(EstimatedWait.NONE, queue.estimateFor(first.id()));
            assertEquals(Duration.ZERO, queue.estimateFor(first.id()).value());
        }

        @Test
        void anEmptyServiceHasNoWaitForANewTicket() {
            issue(BHXH);
            assertEquals(EstimatedWait.NONE, queue.estimateForService(TP));
        }

        @Test
        void theEstimateGrowsWithThePeopleAheadAndItsBandAlwaysHoldsTheValue() {
            List<Ticket> tickets = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                tickets.add(issue(TP));
            }
            Duration previous = Duration.ofSeconds(-1);
            for (Ticket t : tickets) {
                EstimatedWait wait = queue.estimateFor(t.id());
                assertTrue(wait.value().compareTo(previous) > 0, () -> t.number() + ": " + wait);
                assertBand(wait);
                previous = wait.value();
            }
            EstimatedWait forNewcomer = queue.estimateForService(TP);
            assertTrue(forNewcomer.value().compareTo(previous) > 0, forNewcomer::toString);
            assertBand(forNewcomer);
        }

        @Test
        void theWaitIsSharedAmongOpenCountersOrAllAbleOnesWhenNoneIsOpen() {
            issue(TP);
            issue(TP);
            Ticket third = issue(TP);
            // 2 ahead × 8 min; TP can be served at Q01 and Q03
            assertEquals(2, queue.servers(TP));
            assertEquals(Duration.ofMinutes(8), queue.estimateFor(third.id()).value(), "none open: both able");
            open("Q01");
            assertEquals(1, queue.servers(TP));
            assertEquals(Duration.ofMinutes(16), queue.estimateFor(third.id()).value(), "only Q01 open");
            open("Q02", "Q04");
            assertEquals(Duration.ofMinutes(16), queue.estimateFor(third.id()).value(), "BHXH counters do not help");
            open("Q03");
            assertEquals(Duration.ofMinutes(8), queue.estimateFor(third.id()).value(), "Q01 and Q03 open");
        }

        @Test
        void aTicketThatIsNotWaitingHasNoEstimate() {
            Ticket t = issue(TP);
            issue(TP);
            open("Q01");
            callNext("Q01");
            assertEquals(EstimatedWait.NONE, queue.estimateFor(t.id()));
            assertEquals(EstimatedWait.NONE, queue.estimateFor("no-such-ticket"));
        }

        @Test
        void observedServiceTimesMoveTheMeanTowardsThem() {
            issueAt("08:00", TP);
            issueAt("08:01", TP);
            Ticket third = issueAt("08:02", TP);
            now = local("08:03");
            open("Q01");
            callNextAt("08:10", "Q01");
            accepted(handleAt("08:28", new CompleteService("Q01")));
            // prior 8 min, observed 18 min: 8 + 0.2 × (18 − 8) = 10 min; one ahead, one open counter
            assertEquals(Duration.ofMinutes(10), queue.estimateFor(third.id()).value());
        }

        @Test
        void aServiceStartedAfterTheCallIsTimedFromItsStart() {
            issueAt("08:00", TP);
            issueAt("08:01", TP);
            Ticket third = issueAt("08:02", TP);
            now = local("08:03");
            open("Q01");
            callNextAt("08:10", "Q01");
            accepted(handleAt("08:15", new StartService("Q01")));
            accepted(handleAt("08:33", new CompleteService("Q01")));
            assertEquals(Duration.ofMinutes(10), queue.estimateFor(third.id()).value());
        }

        @Test
        void aSingleTenMinuteServiceAheadReadsFiveToFifteenMinutes() {
            EstimatedWait wait = new QueueLengthEstimator().estimate(1, 1, Duration.ofMinutes(10));
            assertEquals(new EstimatedWait(Duration.ofMinutes(10), Duration.ofMinutes(5), Duration.ofMinutes(15)),
                    wait);
        }

        @Test
        void theEstimatorBandIsRoundedOutwardToFiveMinuteStepsAndNeverShrinksAsTheQueueGrows() {
            QueueLengthEstimator estimator = new QueueLengthEstimator();
            for (int servers = 0; servers <= 4; servers++) {
                for (Duration mean : List.of(Duration.ofSeconds(1), Duration.ofSeconds(97), Duration.ofMinutes(8))) {
                    EstimatedWait previous = estimator.estimate(0, servers, mean);
                    assertEquals(EstimatedWait.NONE, previous);
                    for (int ahead = 1; ahead <= 200; ahead++) {
                        EstimatedWait wait = estimator.estimate(ahead, servers, mean);
                        assertBand(wait);
                        assertTrue(wait.low().toSeconds() % 300 == 0 || wait.low().equals(wait.value()), wait::toString);
                        assertTrue(wait.high().toSeconds() % 300 == 0 || wait.high().equals(wait.value()),
                                wait::toString);
                        assertTrue(wait.high().compareTo(wait.low()) > 0, wait::toString);
                        assertTrue(wait.value().compareTo(previous.value()) >= 0, wait::toString);
                        assertTrue(wait.low().compareTo(previous.low()) >= 0, wait::toString);
                        assertTrue(wait.high().compareTo(previous.high()) >= 0, wait::toString);
                        previous = wait;
                    }
                }
            }
        }

        @Test
        void serviceTimesStartFromTheConfiguredPriorAndFollowAnExponentiallyWeightedMean() {
            ServiceTimes times = new ServiceTimes(Map.of(TP, Duration.ofMinutes(10)));
            assertEquals(Duration.ofMinutes(10), times.mean(TP));
            times.observe(TP, Duration.ofMinutes(20));
            assertEquals(Duration.ofMinutes(12), times.mean(TP));
            times.observe(TP, Duration.ofSeconds(-5));
            assertEquals(Duration.ofMinutes(12), times.mean(TP), "a negative duration is ignored");
            assertEquals(Duration.ofMinutes(8), times.mean("UNKNOWN"), "eight minutes without any prior");
        }

        private void assertBand(EstimatedWait wait) {
            assertTrue(!wait.low().isNegative() && wait.low().compareTo(wait.value()) <= 0
                    && wait.value().compareTo(wait.high()) <= 0, wait::toString);
        }
    }

    @Nested
    class SnapshotAndRestore {
        @Test
        void restoringASnapshotRebuildsTheSameQueueAndContinuesItsNumbersAndCalls() {
            issue(TP);
            issue(TP, PriorityGroup.ELDERLY);
            issue(BHXH);
            Ticket h = issue(BHTN);
            open("Q01", "Q02");
            callNext("Q01");
            accepted(handle(new Recall("Q01")));
            callNext("Q02");
            accepted(handle(new Transfer("Q02", BHTN)));

            CentreQueue restored = TestCentre.restore(queue.definition(), queue.snapshot());
            assertEquals(queue.snapshot(), restored.snapshot());
            assertEquals(queue.ahead(h.id()), restored.ahead(h.id()));

            Instant at = now.plusSeconds(60);
            Command issueAgain = new IssueTicket("next", TP, PriorityGroup.NONE, Channel.WALK_IN);
            Decision original = queue.handle(issueAgain, at);
            assertEquals(original, restored.handle(issueAgain, at));
            assertEquals("A003", issued(original).number());

            Decision call = queue.handle(new CallNext("Q02"), at);
            assertEquals(call, restored.handle(new CallNext("Q02"), at));
            assertEquals(4L, called(call).callSeq());
        }

        @Test
        void restoringUnderANarrowerDefinitionLeavesNoCounterHoldingADroppedTicket() {
            issue(BHTN);
            issue(TP);
            open("Q01", "Q03");
            callNext("Q01"); // H001 at Q01
            CentreDefinition withoutBhtn = new CentreDefinition("HCM-Q1", "narrower", TestCentre.ZONE,
                    TestCentre.sessions(), List.of(TestCentre.tp(), TestCentre.bhxh()),
                    List.of(new CounterDefinition("Q01", 1, TestCentre.POSTAL, List.of(TP), List.of()),
                            new CounterDefinition("Q02", 2, TestCentre.BHXH_OFFICER, List.of(BHXH), List.of())),
                    false);
            CentreQueue restored = TestCentre.restore(withoutBhtn, queue.snapshot());
            assertEquals(Set.of("A001"), Set.copyOf(restored.activeTickets().stream().map(Ticket::number).toList()));
            assertEquals(List.of("Q01", "Q02"), restored.counters().stream().map(CounterState::id).toList());
            assertNull(restored.counter("Q01").orElseThrow().currentTicket(),
                    "Q01 still pointed at the dropped BHTN ticket");
            assertTrue(restored.counter("Q01").orElseThrow().open());
        }

        @Test
        void aTicketCalledToACounterThatNoLongerExistsGoesBackToItsPlaceInLine() {
            Ticket first = issueAt("08:00", TP);
            issueAt("08:01", TP);
            now = local("08:02");
            open("Q03");
            assertEquals(first.id(), callNext("Q03").ticketId());
            CentreDefinition withoutQ03 = new CentreDefinition("HCM-Q1", "fewer counters", TestCentre.ZONE,
                    TestCentre.sessions(), List.of(TestCentre.tp(), TestCentre.bhxh(), TestCentre.bhtn()),
                    TestCentre.counters().subList(0, 2), false);
            CentreQueue restored = TestCentre.restore(withoutQ03, queue.snapshot());
            Ticket back = restored.ticket(first.id()).orElseThrow();
            assertEquals(TicketState.WAITING, back.state(), "otherwise nobody can ever call or finish it");
            assertNull(back.counter());
            assertEquals(local("08:00"), back.originalArrival());
            assertEquals(0, restored.ahead(first.id()));
        }
    }
}
