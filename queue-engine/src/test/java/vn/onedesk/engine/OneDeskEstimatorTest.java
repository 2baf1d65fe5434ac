package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.engine.TestCentre.BHTN;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.OneDeskEstimator;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.BalancedRouting;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The onedesk estimator at the {@link TestCentre} (TP 8 min, BHTN 6 min, BHXH 10 min expected;
 * Q01 TP with BHTN secondary, Q03 BHTN with TP secondary), in session at 09:00 under balanced.
 */
class OneDeskEstimatorTest {
    private final WaitEstimator onedesk = new OneDeskEstimator();
    private final CentreQueue queue = CentreQueue.empty(TestCentre.definition(false), new BalancedRouting(),
            onedesk);
    private Instant now = local("09:00");
    private int ids;

    private Ticket issue(String service) {
        return issue(service, PriorityGroup.NONE);
    }

    private Ticket issue(String service, PriorityGroup priority) {
        return assertInstanceOf(Event.TicketIssued.class, accepted(queue.handle(new IssueTicket("t" + (++ids),
                service, priority, Channel.WALK_IN), now)).get(0)).ticket();
    }

    private void open(String... counters) {
        for (String c : counters) {
            accepted(queue.handle(new OpenCounter(c), now));
        }
    }

    private Duration forNewcomer(String service) {
        return onedesk.estimate(queue, service, queue.waiting().count(service), now).value();
    }

    private static void assertBand(EstimatedWait wait) {
        assertTrue(!wait.low().isNegative() && wait.low().compareTo(wait.value()) <= 0
                && wait.value().compareTo(wait.high()) <= 0, wait::toString);
    }

    @Test
    void itIsRegisteredAndIsTheDefault() {
        assertEquals(List.of("onedesk", "ql", "les"), WaitEstimators.names());
        assertEquals("onedesk", WaitEstimators.defaultName());
        assertInstanceOf(OneDeskEstimator.class, WaitEstimators.defaultEstimator());
    }

    @Test
    void nobodyAheadAndAFreeAbleCounterMeansNoWait() {
        open("Q01");
        assertEquals(EstimatedWait.NONE, onedesk.estimate(queue, TP, 0, now));
        Ticket t = issue(TP);
        assertEquals(EstimatedWait.NONE, queue.estimateFor(t.id(), now));
    }

    @Test
    void nobodyAheadButEveryAbleCounterBusyMeansWaitingForTheFirstToFinish() {
        open("Q01", "Q03");
        issue(TP);
        issue(BHTN);
        accepted(queue.handle(new CallNext("Q01"), now));
        accepted(queue.handle(new CallNext("Q03"), now));
        now = now.plusSeconds(120);
        // Q03 (BHTN, 6 min) is free first, 4 min from now, and its own line is empty
        assertEquals(Duration.ofMinutes(4), forNewcomer(TP));
    }

    @Test
    void theEstimateGrowsWithThePeopleAheadAndItsBandAlwaysHoldsIt() {
        open("Q01");
        List<Ticket> line = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            line.add(issue(TP));
        }
        Duration previous = Duration.ofSeconds(-1);
        for (Ticket t : line) {
            EstimatedWait wait = queue.estimateFor(t.id(), now);
            assertTrue(wait.value().compareTo(previous) > 0, () -> t.number() + ": " + wait);
            assertBand(wait);
            previous = wait.value();
        }
        // Q01 alone calls one TP every 8 min (Q03 is closed until the afternoon): the 15th waits 14 × 8 min, plus
        // 8 min for each priority citizen expected to arrive meanwhile (about 7% of the recent 36 arrivals an hour)
        assertEquals(Duration.ZERO, queue.estimateFor(line.get(0).id(), now).value());
        assertTrue(previous.toMinutes() >= 14 * 8 && previous.toMinutes() <= 14 * 8 + 3 * 8, previous::toString);
        assertTrue(forNewcomer(TP).compareTo(previous) > 0);
    }

    @Test
    void aPriorityCitizenWaitsOnlyForThePriorityCitizensAheadOfHim() {
        open("Q01");
        for (int i = 0; i < 5; i++) {
            issue(TP);
        }
        Ticket priority = issue(TP, PriorityGroup.ELDERLY);
        assertEquals(Duration.ZERO, queue.estimateFor(priority.id(), now).value(), "Q01 is free and calls him first");
    }

    @Test
    void aCounterWithTheServiceAsSecondaryCountsOnlyForTheTimeItsOwnLineLeaves() {
        for (int i = 0; i < 6; i++) {
            issue(TP);
        }
        open("Q01");
        Duration oneCounter = forNewcomer(TP);
        // 6 × 8 min, and one 8-min priority citizen expected to come meanwhile and go first
        assertEquals(Duration.ofMinutes(7 * 8), oneCounter);

        // Q03 has TP as secondary and three BHTN citizens of its own to serve first
        for (int i = 0; i < 3; i++) {
            issue(BHTN);
        }
        open("Q03");
        Duration withBusyHelper = forNewcomer(TP);

        // the same without Q03's own line: it helps with TP from the start
        CentreQueue idleHelper = CentreQueue.empty(TestCentre.definition(false), new BalancedRouting(), onedesk);
        for (int i = 0; i < 6; i++) {
            idleHelper.handle(new IssueTicket("x" + i, TP, PriorityGroup.NONE, Channel.WALK_IN), now);
        }
        idleHelper.handle(new OpenCounter("Q01"), now);
        idleHelper.handle(new OpenCounter("Q03"), now);
        Duration withFreeHelper = onedesk.estimate(idleHelper, TP, 6, now).value();

        assertTrue(withFreeHelper.compareTo(withBusyHelper) < 0, withFreeHelper + " vs " + withBusyHelper);
        assertTrue(withBusyHelper.compareTo(oneCounter) < 0, withBusyHelper + " vs " + oneCounter);
        // QL counts Q03 as a full TP counter either way
        QueueLengthEstimator ql = new QueueLengthEstimator();
        assertEquals(ql.estimate(queue, TP, 6, now), ql.estimate(idleHelper, TP, 6, now));
    }

    @Test
    void aServiceNoOpenCounterMayServeIsEstimatedFromTheNextSession() {
        now = local("12:00"); // lunch: the afternoon session starts at 13:30
        issue(BHXH);
        Duration wait = forNewcomer(BHXH);
        assertEquals(Duration.ofMinutes(90), wait, "Q02 and Q04 are assumed to open at 13:30");
    }

    @Test
    void countersStopCallingAtTheEndOfTheSessionAndResumeAtTheNext() {
        now = local("11:20");
        open("Q04");
        for (int i = 0; i < 3; i++) {
            issue(BHXH);
        }
        // Q04 calls G001 at 11:20 and is free again at 11:30, when the morning session ends; G002 and G003 are
        // called at 13:30, by Q02 (closed now, assumed to open for the afternoon) and Q04
        EstimatedWait third = queue.estimateFor("t3", now);
        assertEquals(Duration.ofMinutes(130), third.value(), "called at 13:30 by the first free counter: " + third);
    }

    @Test
    void theSameQueueAndTimeGiveTheSameEstimateAndTheQueueIsNotChanged() {
        SplittableRandom random = new SplittableRandom(42);
        open("Q01", "Q02", "Q03");
        for (int i = 0; i < 200; i++) {
            now = now.plusSeconds(random.nextInt(60));
            issue(TestCentre.SERVICES.get(random.nextInt(3)), random.nextInt(8) == 0 ? PriorityGroup.MERIT
                    : PriorityGroup.NONE);
        }
        QueueSnapshot before = queue.snapshot();
        for (Ticket t : queue.activeTickets()) {
            EstimatedWait first = queue.estimateFor(t.id(), now);
            assertEquals(first, queue.estimateFor(t.id(), now));
            assertBand(first);
        }
        for (String s : TestCentre.SERVICES) {
            EstimatedWait wait = queue.estimateForService(s, now);
            assertBand(wait);
            assertTrue(wait.high().compareTo(wait.value()) > 0, wait::toString);
        }
        assertEquals(before, queue.snapshot());
        CentreQueue restored = CentreQueue.restore(queue.definition(), new BalancedRouting(), onedesk, before);
        for (String s : TestCentre.SERVICES) {
            assertEquals(queue.waiting().count(s), restored.waiting().count(s));
        }
    }

    @Test
    void aLongLineIsProjectedToItsFirstPlacesAndExtrapolatedAtThePaceOfTheirSecondHalf() {
        now = local("13:30");
        open("Q01", "Q03"); // both may serve TP, and Q03's own BHTN line is empty: one TP every 4 min
        for (int i = 0; i < 1_000; i++) {
            issue(TP);
        }
        long minutes = forNewcomer(TP).toMinutes();
        // 1,000 ahead × 4 min, plus a few priority citizens expected before 17:00 (none come after)
        assertTrue(minutes >= 4_000 && minutes <= 4_100, minutes + " min");
    }
}
