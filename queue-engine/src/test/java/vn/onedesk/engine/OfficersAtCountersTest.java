package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.definition;
import static vn.onedesk.engine.TestCentre.emptyQueue;
import static vn.onedesk.engine.TestCentre.local;
import static vn.onedesk.engine.TestCentre.rejected;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import vn.onedesk.engine.Event.CounterOpened;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/** OPEN may bind an officer to a counter: who is at it, what its events record, and one counter per officer. */
class OfficersAtCountersTest {
    private static final Officer AN = new Officer("officer-Q01", "Nguyễn Văn An");
    private static final Officer BINH = new Officer("officer-Q03", "Trần Thị Bình");

    private CentreQueue queue = emptyQueue(definition(false));
    private Instant now = local("07:00");
    private int ids;

    private Decision handle(Command command) {
        now = now.plusSeconds(60);
        return queue.handle(command, now);
    }

    private void issue(String service) {
        accepted(handle(new IssueTicket("t" + (++ids), service, PriorityGroup.NONE, Channel.WALK_IN)));
    }

    private CounterState counter(String id) {
        return queue.counter(id).orElseThrow();
    }

    @Test
    void openingWithAnOfficerBindsThemToTheCounterAndRecordsThemOnTheOpening() {
        List<Event> events = accepted(handle(new OpenCounter("Q01", AN)));

        CounterOpened opened = assertInstanceOf(CounterOpened.class, events.get(0));
        assertEquals(AN, opened.by());
        assertEquals("officer-Q01", opened.officer());
        assertTrue(counter("Q01").open());
        assertEquals(AN, counter("Q01").officer());
    }

    @Test
    void everyEventOfTheCounterRecordsTheBoundOfficer() {
        issue(TP);
        issue(TP);
        issue(TP);
        List<Event> events = new ArrayList<>();
        events.addAll(accepted(handle(new OpenCounter("Q01", AN))));
        events.addAll(accepted(handle(new CallNext("Q01"))));
        events.addAll(accepted(handle(new Recall("Q01"))));
        events.addAll(accepted(handle(new StartService("Q01"))));
        events.addAll(accepted(handle(new CompleteService("Q01"))));
        events.addAll(accepted(handle(new CallNext("Q01"))));
        events.addAll(accepted(handle(new MarkNoShow("Q01"))));
        events.addAll(accepted(handle(new CallNext("Q01"))));
        events.addAll(accepted(handle(new Transfer("Q01", BHXH))));
        events.addAll(accepted(handle(new CloseCounter("Q01"))));

        assertEquals(List.of("CounterOpened", "TicketCalled", "TicketCalled", "ServiceStarted", "ServiceCompleted",
                        "TicketCalled", "TicketNoShow", "TicketCalled", "TicketTransferred", "CounterClosed"),
                events.stream().map(e -> e.getClass().getSimpleName()).toList());
        events.forEach(e -> assertEquals("officer-Q01", e.officer(), () -> "officer of " + e));
    }

    @Test
    void closingUnbindsTheOfficerSoTheyMayOpenAnotherCounter() {
        accepted(handle(new OpenCounter("Q01", AN)));
        accepted(handle(new CloseCounter("Q01")));

        assertNull(counter("Q01").officer());
        accepted(handle(new OpenCounter("Q03", AN)));
        assertEquals(AN, counter("Q03").officer());
        issue(TP);
        assertNull(accepted(handle(new OpenCounter("Q01"))).get(0).officer(), "Q01 reopened by nobody");
    }

    @Test
    void closingOnAnOfficersBehalfClosesTheirCounterAndRecordsThem() {
        accepted(handle(new OpenCounter("Q01", AN)));

        List<Event> closed = accepted(handle(new CloseCounter("Q01", AN.id())));

        assertEquals("officer-Q01", assertInstanceOf(Event.CounterClosed.class, closed.get(0)).officer());
        assertTrue(!counter("Q01").open() && counter("Q01").officer() == null);
    }

    @Test
    void closingOnAnOfficersBehalfLeavesACounterTheyNoLongerHoldAsItIs() {
        accepted(handle(new OpenCounter("Q01", AN)));
        accepted(handle(new CloseCounter("Q01")));
        accepted(handle(new OpenCounter("Q01", BINH)));
        accepted(handle(new OpenCounter("Q03")));

        assertEquals(List.of(), accepted(handle(new CloseCounter("Q01", AN.id()))), "Bình's counter now");
        assertEquals(List.of(), accepted(handle(new CloseCounter("Q03", AN.id()))), "nobody's counter");
        assertEquals(BINH, counter("Q01").officer());
        assertTrue(counter("Q03").open());
    }

    @Test
    void closingOnAnOfficersBehalfIsRefusedWhileTheirCounterHoldsATicketAndTheyStayBound() {
        issue(TP);
        accepted(handle(new OpenCounter("Q01", AN)));
        accepted(handle(new CallNext("Q01")));

        Decision.Rejected refused = rejected(handle(new CloseCounter("Q01", AN.id())));

        assertEquals(Rejection.INVALID_STATE, refused.rejection());
        assertTrue(counter("Q01").open() && counter("Q01").current().isPresent());
        assertEquals(AN, counter("Q01").officer());
    }

    @Test
    void anOfficerBoundToOneCounterIsRefusedAtASecondAndNothingChanges() {
        accepted(handle(new OpenCounter("Q01", AN)));

        Decision.Rejected refused = rejected(handle(new OpenCounter("Q03", AN)));

        assertEquals(Rejection.OFFICER_BUSY, refused.rejection());
        assertTrue(refused.message().contains("Q01"), refused.message());
        assertTrue(!counter("Q03").open() && counter("Q03").officer() == null);
        assertEquals(AN, counter("Q01").officer());
    }

    @Test
    void aSecondOfficerCannotTakeOverACounterWhileAnotherIsBoundToIt() {
        accepted(handle(new OpenCounter("Q01", AN)));

        assertEquals(Rejection.INVALID_STATE, rejected(handle(new OpenCounter("Q01", BINH))).rejection());
        assertEquals(AN, counter("Q01").officer());
    }

    @Test
    void openingAgainBySameOfficerChangesNothing() {
        accepted(handle(new OpenCounter("Q01", AN)));

        assertEquals(List.of(), accepted(handle(new OpenCounter("Q01", AN))));
    }

    @Test
    void openWithoutAnOfficerStillOpensACounterAndLeavesABoundOneAsItIs() {
        List<Event> plain = accepted(handle(new OpenCounter("Q03")));
        assertNull(plain.get(0).officer());
        assertTrue(counter("Q03").open());

        accepted(handle(new OpenCounter("Q01", AN)));
        assertEquals(List.of(), accepted(handle(new OpenCounter("Q01"))));
        assertEquals(AN, counter("Q01").officer());
    }

    @Test
    void anOfficerMayBindToACounterAlreadyOpenedWithoutOne() {
        accepted(handle(new OpenCounter("Q01")));

        CounterOpened bound = assertInstanceOf(CounterOpened.class, accepted(handle(new OpenCounter("Q01", AN))).get(0));

        assertEquals(AN, bound.by());
        assertEquals(AN, counter("Q01").officer());
    }

    @Test
    void restoringASnapshotOrReplayingTheEventsKeepsWhoIsAtWhichCounter() {
        List<Event> log = new ArrayList<>();
        log.addAll(accepted(handle(new IssueTicket("t1", TP, PriorityGroup.NONE, Channel.WALK_IN))));
        log.addAll(accepted(handle(new OpenCounter("Q01", AN))));
        log.addAll(accepted(handle(new CallNext("Q01"))));

        CentreQueue restored = TestCentre.restore(queue.definition(), queue.snapshot());
        assertEquals(AN, restored.counter("Q01").orElseThrow().officer());
        assertEquals(Rejection.OFFICER_BUSY,
                rejected(restored.handle(new OpenCounter("Q03", AN), now.plusSeconds(60))).rejection());

        CentreQueue replayed = emptyQueue(queue.definition());
        log.forEach(replayed::apply);
        assertEquals(queue.counter("Q01"), replayed.counter("Q01"));
    }

    /** Seeded random days: at any moment no officer is bound to two counters, and only open counters have one. */
    @Test
    void inSeededRandomDaysNoOfficerIsEverBoundToTwoCountersAndEveryEventNamesTheCountersOfficer() {
        List<Officer> officers = List.of(AN, BINH, new Officer("officer-Q02", "Lê Văn Cường"));
        List<String> counters = List.of("Q01", "Q02", "Q03", "Q04");
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            queue = emptyQueue(definition(false));
            now = local("07:00");
            for (int step = 0; step < 400; step++) {
                String c = counters.get(random.nextInt(counters.size()));
                String boundBefore = counter(c).officerId();
                Command command = switch (random.nextInt(7)) {
                    case 0 -> new OpenCounter(c, random.nextBoolean() ? officers.get(random.nextInt(3)) : null);
                    case 1 -> new CloseCounter(c);
                    case 2 -> new IssueTicket("t" + (++ids), random.nextBoolean() ? TP : BHXH, PriorityGroup.NONE,
                            Channel.WALK_IN);
                    case 3 -> new CallNext(c);
                    case 4 -> new StartService(c);
                    case 5 -> new CompleteService(c);
                    default -> new MarkNoShow(c);
                };
                Decision decision = handle(command);
                if (decision instanceof Decision.Accepted ok && !(command instanceof OpenCounter)
                        && !(command instanceof IssueTicket)) {
                    long s = seed;
                    ok.events().forEach(e -> assertEquals(boundBefore, e.officer(), () -> "seed " + s + ": " + e));
                }
                List<String> bound = queue.counters().stream().map(CounterState::officerId)
                        .filter(o -> o != null).toList();
                assertEquals(bound.size(), bound.stream().distinct().count(), "seed " + seed + ": " + bound);
                queue.counters().stream().filter(k -> !k.open())
                        .forEach(k -> assertNull(k.officer(), "a closed counter has nobody bound"));
            }
        }
    }
}
