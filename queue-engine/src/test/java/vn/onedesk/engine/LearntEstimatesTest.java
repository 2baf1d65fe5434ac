package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static vn.onedesk.engine.TestCentre.BHXH;
import static vn.onedesk.engine.TestCentre.SERVICES;
import static vn.onedesk.engine.TestCentre.TP;
import static vn.onedesk.engine.TestCentre.accepted;
import static vn.onedesk.engine.TestCentre.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.estimation.LearntEstimates;
import vn.onedesk.engine.estimation.OneDeskEstimator;
import vn.onedesk.engine.routing.BalancedRouting;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * What the estimates learn (service times, arrival rates, the last delays) is part of what a queue is restored from: a
 * queue restored from a snapshot that carries it estimates exactly as the queue that learnt it; without it, from the
 * configured priors.
 */
class LearntEstimatesTest {
    private final CentreDefinition centre = TestCentre.definition(false);
    private final OneDeskEstimator estimator = new OneDeskEstimator();
    private final CentreQueue queue = CentreQueue.empty(centre, new BalancedRouting(), estimator);
    private Instant now = local("08:00");
    private int issued;

    private void issue(String service, PriorityGroup priority) {
        now = now.plusSeconds(40);
        accepted(queue.handle(new Command.IssueTicket("t" + ++issued, service, priority, Channel.WALK_IN), now));
    }

    /** Serves the next ticket at the counter for {@code took}. */
    private void serve(String counter, Duration took) {
        now = now.plusSeconds(5);
        accepted(queue.handle(new Command.CallNext(counter), now));
        now = now.plus(took);
        accepted(queue.handle(new Command.CompleteService(counter), now));
    }

    /** A morning in which TP takes 25 min instead of the configured 8 and BHXH 2 min instead of 10. */
    private void learnAMorning() {
        accepted(queue.handle(new Command.OpenCounter("Q01"), now));
        accepted(queue.handle(new Command.OpenCounter("Q02"), now));
        for (int i = 0; i < 15; i++) {
            issue(TP, i % 5 == 0 ? PriorityGroup.ELDERLY : PriorityGroup.NONE);
            issue(BHXH, PriorityGroup.NONE);
        }
        for (int i = 0; i < 6; i++) {
            serve("Q01", Duration.ofMinutes(25));
            serve("Q02", Duration.ofMinutes(2));
        }
    }

    @Test
    void aQueueRestoredFromASnapshotWithWhatWasLearntEstimatesExactlyAsTheQueueThatLearntIt() {
        learnAMorning();
        CentreQueue restored = CentreQueue.restore(centre, new BalancedRouting(), estimator, queue.snapshot());

        for (String s : SERVICES) {
            assertEquals(queue.meanServiceTime(s), restored.meanServiceTime(s), s);
            assertEquals(queue.serviceTimeCv(s), restored.serviceTimeCv(s), s);
            assertEquals(queue.arrivalsPerHour(s, now), restored.arrivalsPerHour(s, now), s);
            assertEquals(queue.lastDelay(s), restored.lastDelay(s), s);
            assertEquals(queue.estimateForService(s, now), restored.estimateForService(s, now), s);
        }
        assertEquals(queue.priorityShare(), restored.priorityShare());
        assertNotEquals(Duration.ofMinutes(8), restored.meanServiceTime(TP), "TP learnt to take longer");
        assertEquals(queue.snapshot(), restored.snapshot());

        // and both go on learning alike: the arrival rings carry on where they were
        for (CentreQueue q : List.of(queue, restored)) {
            accepted(q.handle(new Command.IssueTicket("later", TP, PriorityGroup.NONE, Channel.WALK_IN),
                    now.plusSeconds(600)));
        }
        assertEquals(queue.arrivalsPerHour(TP, now.plusSeconds(700)), restored.arrivalsPerHour(TP, now.plusSeconds(700)));
        assertEquals(queue.snapshot(), restored.snapshot());
    }

    @Test
    void aSnapshotWithoutWhatWasLearntStartsTheEstimatesFromTheConfiguredPriors() {
        learnAMorning();
        QueueSnapshot learnt = queue.snapshot();
        QueueSnapshot without = new QueueSnapshot(learnt.activeTickets(), learnt.counters(), learnt.numbering(),
                learnt.lastCallSeq(), learnt.lastOrdinal(), learnt.parked(), learnt.completions(), learnt.noShows());

        CentreQueue restored = CentreQueue.restore(centre, new BalancedRouting(), estimator, without);

        assertNull(without.learnt());
        assertEquals(Duration.ofMinutes(8), restored.meanServiceTime(TP));
        assertEquals(Duration.ofMinutes(10), restored.meanServiceTime(BHXH));
        assertEquals(0.0, restored.arrivalsPerHour(TP, now));
        assertEquals(java.util.Optional.empty(), restored.lastDelay(TP));
    }

    @Test
    void whatWasLearntIsGivenOnceAfterEachChangeAndNotWhenNothingLearntChanged() {
        assertNull(queue.learnt(), "a new queue has learnt nothing");
        accepted(queue.handle(new Command.OpenCounter("Q01"), now));
        assertNull(queue.learnt(), "opening a counter teaches nothing");

        issue(TP, PriorityGroup.NONE);
        LearntEstimates afterIssue = queue.learnt();
        assertNotNull(afterIssue, "an arrival");
        assertEquals(1, afterIssue.arrivals().get(TP).seen());
        assertNull(queue.learnt(), "nothing new since");

        serve("Q01", Duration.ofMinutes(20));
        LearntEstimates afterService = queue.learnt();
        assertNotNull(afterService, "a delay and a service time");
        assertEquals(queue.snapshot().learnt(), afterService);
        assertNotEquals(8 * 60.0, afterService.serviceTimes().get(TP).meanSeconds());

        CentreQueue restored = CentreQueue.restore(centre, new BalancedRouting(), estimator, queue.snapshot());
        assertNull(restored.learnt(), "a restored queue has learnt nothing new yet");
    }

    @Test
    void aServiceWhoseExpectedTimeChangedSinceStartsAgainFromTheNewOneTheOthersKeepWhatTheyLearnt() {
        learnAMorning();
        List<ServiceField> services = centre.services().stream()
                .map(s -> s.code().equals(TP) ? new ServiceField(TP, s.name(), s.prefix(), Set.copyOf(s.servedBy()),
                        s.targetWait(), Duration.ofMinutes(20)) : s)
                .toList();

        CentreQueue restored = CentreQueue.restore(centre.withServices(services), new BalancedRouting(), estimator,
                queue.snapshot());

        assertEquals(Duration.ofMinutes(20), restored.meanServiceTime(TP));
        assertEquals(queue.meanServiceTime(BHXH), restored.meanServiceTime(BHXH));
        assertNotEquals(Duration.ofMinutes(10), restored.meanServiceTime(BHXH));
    }

    @Test
    void aReconfigurationThatChangesAnExpectedTimeIsLearntAndResetsThatService() {
        learnAMorning();
        queue.learnt();
        List<ServiceField> services = centre.services().stream()
                .map(s -> s.code().equals(TP) ? new ServiceField(TP, s.name(), s.prefix(), Set.copyOf(s.servedBy()),
                        s.targetWait(), Duration.ofMinutes(20)) : s)
                .toList();
        accepted(queue.handle(new Command.Reconfigure(centre.withServices(services)), now));

        LearntEstimates learnt = queue.learnt();
        assertNotNull(learnt);
        assertEquals(new LearntEstimates.ServiceTime(Duration.ofMinutes(20), 20 * 60.0, Math.pow(0.6 * 20 * 60, 2)),
                learnt.serviceTimes().get(TP));
    }
}
