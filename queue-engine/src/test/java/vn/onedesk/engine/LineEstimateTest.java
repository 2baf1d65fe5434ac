package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.local;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.estimation.EstimateCache;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.LineEstimate;
import vn.onedesk.engine.estimation.OneDeskEstimator;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.routing.BalancedRouting;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * One projection per line instead of one per ticket: the estimates it gives, and when a centre keeps them.
 */
class LineEstimateTest {
    private static final List<String> SERVICES = List.of(TP, BHXH, BHTN);
    private final OneDeskEstimator onedesk = new OneDeskEstimator();

    /** The onedesk estimator, counting the line projections the queue asks it for. */
    private static final class Counting implements WaitEstimator {
        final OneDeskEstimator inner = new OneDeskEstimator();
        int lines;

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public EstimatedWait estimate(QueueView queue, String service, int ahead, Instant now) {
            return inner.estimate(queue, service, ahead, now);
        }

        @Override
        public LineEstimate line(QueueView queue, String service, Instant now) {
            lines++;
            return inner.line(queue, service, now);
        }
    }

    private final Counting counting = new Counting();
    private final CentreQueue queue = CentreQueue.empty(TestCentre.definition(false), new BalancedRouting(), counting);
    private Instant now = local("09:00");
    private int ids;

    private Ticket issue(CentreQueue q, String service, PriorityGroup priority, Channel channel, Instant appointment) {
        Event.TicketIssued issued = (Event.TicketIssued) accepted(q.handle(
                new IssueTicket("t" + (++ids), service, priority, channel, appointment), now)).get(0);
        return issued.ticket();
    }

    private Ticket issue(String service) {
        return issue(queue, service, PriorityGroup.NONE, Channel.WALK_IN, null);
    }

    @Test
    void oneProjectionOfALineGivesEveryPlaceExactlyTheEstimateOfItsOwnProjection() {
        for (long seed = 1; seed <= 40; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            CentreQueue q = CentreQueue.empty(TestCentre.definition(false), new BalancedRouting(), onedesk);
            now = local("08:" + (10 + random.nextInt(40)));
            for (String c : List.of("Q01", "Q02", "Q03", "Q04")) {
                if (random.nextInt(4) > 0) {
                    accepted(q.handle(new OpenCounter(c), now));
                }
            }
            int tickets = random.nextInt(seed % 4 == 0 ? 260 : 60);
            for (int i = 0; i < tickets; i++) {
                String service = SERVICES.get(random.nextInt(SERVICES.size()));
                PriorityGroup priority = random.nextInt(12) == 0 ? PriorityGroup.PREGNANT : PriorityGroup.NONE;
                boolean booked = random.nextInt(10) == 0;
                issue(q, service, priority, booked ? Channel.APPOINTMENT : Channel.WALK_IN,
                        booked ? now.plusSeconds(60L * random.nextInt(-20, 20)) : null);
                now = now.plusSeconds(random.nextInt(30));
                if (random.nextInt(6) == 0) {
                    String counter = List.of("Q01", "Q02", "Q03", "Q04").get(random.nextInt(4));
                    if (q.counter(counter).orElseThrow().open()) {
                        q.counter(counter).orElseThrow().current()
                                .ifPresent(t -> accepted(q.handle(new CompleteService(counter), now)));
                        q.handle(new CallNext(counter), now);
                    }
                }
            }
            for (String service : SERVICES) {
                LineEstimate line = onedesk.line(q, service, now);
                int count = q.waiting().count(service);
                List<Integer> places = new ArrayList<>();
                for (int ahead = 0; ahead <= count; ahead++) {
                    places.add(ahead);
                }
                for (int ahead : places) {
                    long s = seed;
                    assertEquals(onedesk.estimate(q, service, ahead, now), line.at(ahead),
                            () -> "seed " + s + ", " + service + " with " + count + " waiting, place " + ahead);
                }
            }
        }
    }

    @Test
    void ticketsJoiningTheEndOfALongLineWithinASecondCostOneProjection() {
        accepted(queue.handle(new OpenCounter("Q01"), now));
        List<Ticket> line = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            line.add(issue(TP));
        }
        EstimatedWait fiftieth = queue.estimateFor(line.get(50).id(), now);
        int before = counting.lines;
        for (int i = 0; i < 40; i++) {
            Ticket t = issue(TP);
            queue.estimateFor(t.id(), now);
            now = now.plusMillis(20);
        }
        assertEquals(before, counting.lines, "the line was projected again");
        assertEquals(fiftieth, queue.estimateFor(line.get(50).id(), now));
    }

    @Test
    void aLongLinesEstimatesAreProjectedAgainOnceASecondOfQueueTimeHasPassed() {
        accepted(queue.handle(new OpenCounter("Q01"), now));
        for (int i = 0; i < 150; i++) {
            issue(TP);
        }
        queue.estimateForService(TP, now);
        int before = counting.lines;
        now = now.plus(EstimateCache.MAX_AGE);
        Ticket t = issue(TP);
        EstimatedWait kept = queue.estimateFor(t.id(), now);
        assertEquals(before + 1, counting.lines);
        assertEquals(onedesk.estimate(queue, TP, queue.ahead(t.id()), now), kept);
    }

    @Test
    void aCallAPriorityTicketOrATicketInAShortLineMakesTheLineProjectedAgain() {
        accepted(queue.handle(new OpenCounter("Q01"), now));
        List<Ticket> line = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            line.add(issue(TP));
        }
        Ticket last = line.get(149);
        EstimatedWait beforeCall = queue.estimateFor(last.id(), now);

        int lines = counting.lines;
        accepted(queue.handle(new CallNext("Q01"), now));
        EstimatedWait afterCall = queue.estimateFor(last.id(), now);
        assertEquals(lines + 1, counting.lines);
        assertEquals(onedesk.estimate(queue, TP, 148, now), afterCall);

        lines = counting.lines;
        issue(queue, TP, PriorityGroup.ELDERLY, Channel.WALK_IN, null);
        EstimatedWait afterPriority = queue.estimateFor(last.id(), now);
        assertEquals(lines + 1, counting.lines);
        assertEquals(onedesk.estimate(queue, TP, 149, now), afterPriority);
        assertNotEquals(beforeCall, afterPriority);

        // BHTN's line is short: a newcomer there is the walk-in place its projection reached
        issue(BHTN);
        queue.estimateForService(BHTN, now);
        lines = counting.lines;
        Ticket joined = issue(BHTN);
        assertEquals(onedesk.estimate(queue, BHTN, 1, now), queue.estimateFor(joined.id(), now));
        assertEquals(lines + 1, counting.lines);
    }
}
