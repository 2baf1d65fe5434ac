package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.SERVICES;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.estimation.LineEstimate;
import vn.onedesk.engine.estimation.OneDeskEstimator;
import vn.onedesk.engine.routing.BalancedRouting;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/** A frozen queue answers as the live queue did when it was frozen, whatever the live queue does afterwards. */
class FrozenQueueTest {
    private final CentreQueue queue = CentreQueue.empty(TestCentre.definition(false), new BalancedRouting(),
            new OneDeskEstimator());
    private Instant now = local("09:00");
    private int ids;

    private Ticket issue(String service, PriorityGroup priority) {
        now = now.plusSeconds(20);
        return assertInstanceOf(Event.TicketIssued.class, accepted(queue.handle(new IssueTicket("t" + (++ids),
                service, priority, Channel.WALK_IN), now)).get(0)).ticket();
    }

    private List<Ticket> busyMorning() {
        accepted(queue.handle(new OpenCounter("Q01"), now));
        accepted(queue.handle(new OpenCounter("Q03"), now));
        List<Ticket> issued = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String service = SERVICES.get(i % SERVICES.size());
            issued.add(issue(service, i % 7 == 3 ? PriorityGroup.ELDERLY : PriorityGroup.NONE));
        }
        now = now.plusSeconds(60);
        accepted(queue.handle(new CallNext("Q01"), now));
        now = now.plusSeconds(400);
        accepted(queue.handle(new CompleteService("Q01"), now));
        accepted(queue.handle(new CallNext("Q01"), now));
        accepted(queue.handle(new CallNext("Q03"), now));
        return issued;
    }

    @Test
    void itsPlacesStatusesAndEstimatesAreThoseOfTheLiveQueueWhenFrozen() {
        List<Ticket> issued = busyMorning();
        Instant at = now.plusSeconds(5);
        FrozenQueue frozen = queue.frozen(at);
        for (String service : SERVICES) {
            assertEquals(queue.waiting().count(service), frozen.waiting().count(service), service);
            assertEquals(queue.waiting().inOrder(service).toList(), frozen.waiting().inOrder(service).toList());
            assertEquals(queue.waiting().head(service), frozen.waiting().head(service));
            assertEquals(queue.waiting().headOrdinary(service), frozen.waiting().headOrdinary(service));
            assertEquals(queue.waiting().firstAppointment(service), frozen.waiting().firstAppointment(service));
            assertEquals(queue.status(service, at), frozen.status(service));
            assertEquals(queue.openCounters(service), frozen.openCounters(service));
            assertEquals(queue.servers(service), frozen.servers(service));
            assertEquals(queue.meanServiceTime(service), frozen.meanServiceTime(service));
            assertEquals(queue.serviceTimeCv(service), frozen.serviceTimeCv(service));
            assertEquals(queue.lastDelay(service), frozen.lastDelay(service));
            LineEstimate line = frozen.line(service);
            assertEquals(queue.estimateForService(service), frozen.forNewTicket(line, service), service);
        }
        for (Ticket t : issued) {
            assertEquals(queue.ticket(t.id()), frozen.ticket(t.id()));
            assertEquals(queue.ahead(t.id()), frozen.ahead(t.id()), t.id());
            LineEstimate line = frozen.line(t.service());
            assertEquals(queue.estimateFor(t.id()), frozen.forTicket(line, t.id()), t.id());
        }
        assertEquals(queue.counters(), frozen.counters());
        assertEquals(queue.lastCallSeq(), frozen.lastCallSeq());
        assertEquals(queue.parked(), frozen.parked());
    }

    @Test
    void itDoesNotMoveWhenTheLiveQueueMovesOn() {
        busyMorning();
        FrozenQueue frozen = queue.frozen(now);
        List<Ticket> tp = frozen.waiting().inOrder(TP).toList();
        String estimateBefore = frozen.forNewTicket(frozen.line(TP), TP).toString();
        List<CounterStateView> countersBefore = CounterStateView.of(frozen);

        for (int i = 0; i < 10; i++) {
            issue(TP, PriorityGroup.NONE);
            issue(BHXH, PriorityGroup.NONE);
        }
        now = now.plusSeconds(600);
        accepted(queue.handle(new CompleteService("Q03"), now));
        accepted(queue.handle(new CallNext("Q03"), now));
        accepted(queue.handle(new OpenCounter("Q02"), now));

        assertNotEquals(tp.size(), queue.waiting().count(TP), "the live queue did move");
        assertEquals(tp, frozen.waiting().inOrder(TP).toList());
        assertEquals(tp.size(), frozen.waiting().count(TP));
        assertEquals(estimateBefore, frozen.forNewTicket(frozen.line(TP), TP).toString());
        assertEquals(countersBefore, CounterStateView.of(frozen));
        assertEquals(0, frozen.waiting().count("NOPE"));
        assertEquals(frozen.waiting().count(BHTN), frozen.waiting().inOrder(BHTN).count());
    }

    @Test
    void itReusesTheProjectionsTheLiveQueueKeepsForItsRepliesAndProjectsTheOthers() {
        busyMorning();
        queue.estimateForService(TP); // a reply's estimate: the queue projects TP's line and keeps it
        FrozenQueue frozen = queue.frozen(now);
        assertSame(frozen.line(TP), frozen.line(TP), "TP's kept line, not a new projection");
        assertNotSame(frozen.line(BHXH), frozen.line(BHXH), "BHXH was not projected: each call projects it");


        now = now.plusSeconds(1);
        accepted(queue.handle(new CompleteService("Q03"), now)); // a counter event: the kept lines no longer hold
        FrozenQueue after = queue.frozen(now);
        assertNotSame(after.line(TP), after.line(TP), "projected afresh");
        assertEquals(queue.estimateForService(TP), after.forNewTicket(after.line(TP), TP));
    }

    /** What a frozen queue says of its counters, to compare before and after. */
    private record CounterStateView(String id, boolean open, String current) {
        static List<CounterStateView> of(FrozenQueue q) {
            return q.counters().stream().map(c -> new CounterStateView(c.id(), c.open(), c.currentTicket())).toList();
        }
    }
}
