package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * Seeded randomised runs of the queue: random commands at increasing random times over several
 * days, with the invariants checked after every single step by {@link InvariantChecker}. A failure
 * names the seed (in the test name) and the step, and the run can be repeated exactly.
 */
class QueueInvariantsTest {
    private static final int STEPS = 2_000;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20).map(i -> i * 1_000_003L);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomOperationsKeepEveryInvariantAfterEveryStep(long seed) {
        InvariantChecker checker = new InvariantChecker(Simulation.definitionFor(seed));
        Simulation sim = new Simulation(seed, checker);
        sim.randomSteps(STEPS);

        // the run exercised what it claims to exercise
        Map<String, Integer> tally = sim.tally;
        System.out.println("seed " + seed + ", days " + sim.days + ": " + tally);
        for (String kind : List.of("TicketIssued", "TicketCalled", "ServiceStarted", "ServiceCompleted",
                "TicketNoShow", "TicketTransferred", "CounterOpened", "CounterClosed", "rejected INVALID_STATE",
                "rejected COUNTER_CLOSED", "rejected UNKNOWN_COUNTER", "TicketParked", "rejected UNKNOWN_TICKET",
                "rejected NOT_PARKED", "rejected NOT_SERVED_HERE", "rejected REQUEUE_EXPIRED",
                "rejected NOT_A_NO_SHOW", "rejected COUNTER_CANNOT_SERVE")) {
            // NO_TICKET_WAITING comes in most runs here, and in every run at the end of a drain
            assertTrue(tally.getOrDefault(kind, 0) > 0, () -> "seed " + seed + " never produced " + kind + ": "
                    + tally);
        }
        assertTrue(sim.days.size() >= 3, () -> "seed " + seed + " stayed within " + sim.days);
        assertTrue(sim.events.stream().anyMatch(e -> e instanceof Event.TicketCalled c && c.recall()),
                () -> "seed " + seed + " never recalled");
        assertTrue(sim.events.stream().anyMatch(e -> e instanceof Event.TicketTransferred t && t.toOfficer() != null),
                () -> "seed " + seed + " never transferred to an officer");
        assertTrue(checker.issuedCount() > 100, () -> "seed " + seed + " issued only " + checker.issuedCount());
        assertTrue(sim.events.stream().anyMatch(e -> e instanceof Event.TicketCalled c && c.resumed()),
                () -> "seed " + seed + " never called a parked ticket back");
        assertTrue(checker.outOfOrderCalls() > 0, () -> "seed " + seed + " never called by number");
        assertTrue(checker.expiredCount() > 0, () -> "seed " + seed + " never expired a parked ticket");
    }

    @org.junit.jupiter.api.Test
    void theRarerCounterOperationsAndTheirRefusalsHappenAcrossTheSeeds() {
        // each seed checks every invariant after every step; this only makes sure that the rarer paths were among
        // the steps: requeues and their refusals, the recall limit, reservations taken up and lapsed
        Map<String, Integer> all = new TreeMap<>();
        List<Event> events = new ArrayList<>();
        seeds().forEach(seed -> {
            Simulation sim = new Simulation(seed, new InvariantChecker(Simulation.definitionFor(seed)));
            sim.randomSteps(STEPS);
            sim.tally.forEach((kind, n) -> all.merge(kind, n, Integer::sum));
            events.addAll(sim.events);
        });
        // with every counter operation in the mix, a call by number of a ticket no longer waiting is rarer than one
        // per seed; across the seeds it comes often enough
        for (String kind : List.of("TicketRequeued", "rejected RECALL_LIMIT", "rejected REQUEUE_EXPIRED",
                "rejected NOT_WAITING")) {
            assertTrue(all.getOrDefault(kind, 0) >= 5, () -> kind + " too rare: " + all);
        }
        // a requeued ticket missed again and brought back a second time: rare by nature (RequeueTest has it too)
        assertTrue(all.getOrDefault("rejected REQUEUE_LIMIT", 0) >= 1, () -> "no second requeue: " + all);
        assertTrue(events.stream().filter(e -> e instanceof Event.TicketCalled c
                && c.reason().contains("was not taken up within the target wait")).count() >= 5, "lapsed reservations");
        assertTrue(events.stream().filter(e -> e instanceof Event.TicketCalled c
                && c.reason().contains(": transferred to officer")).count() >= 5, "reservations to an officer");
        assertTrue(events.stream().filter(e -> e instanceof Event.TicketCalled c
                && c.reason().contains(": transferred to this counter")).count() >= 5, "reservations to a counter");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyWaitingTicketIsCalledWhileACounterAbleToServeItStaysOpen(long seed) {
        InvariantChecker checker = new InvariantChecker(Simulation.definitionFor(seed));
        Simulation sim = new Simulation(seed, checker);
        sim.randomSteps(STEPS);

        // tickets transferred to a counter or an officer who never came: their reservations lapse after the
        // services' target waits (45 min at most here), and any counter able to serve them calls them
        sim.pause(java.time.Duration.ofHours(1));
        // only Q01 (TP and BHTN) works: every TP and BHTN ticket is called, BHXH ones keep waiting
        int bhxhWaiting = waiting(sim.queue, TestCentre.BHXH).size();
        sim.drain(List.of("Q01"));
        assertEquals(List.of(), waiting(sim.queue, TestCentre.TP), "TP served by Q01");
        assertEquals(List.of(), waiting(sim.queue, TestCentre.BHTN), "BHTN served by Q01");
        assertEquals(bhxhWaiting, waiting(sim.queue, TestCentre.BHXH).size(), "Q01 cannot serve BHXH");

        // then every counter works until nobody is left
        sim.drain(TestCentre.COUNTERS);
        for (String service : TestCentre.SERVICES) {
            assertEquals(List.of(), waiting(sim.queue, service), service);
        }
        assertEquals(List.of(), List.copyOf(sim.queue.activeTickets()), "everyone was served");
        assertEquals(checker.issuedCount(), checker.finishedCount());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void replayingTheAcceptedEventsOnAnEmptyQueueRebuildsTheSameQueue(long seed) {
        Simulation sim = new Simulation(seed);
        for (int step = 1; step <= STEPS; step++) {
            sim.randomStep();
            if (step % 250 == 0) {
                CentreQueue replayed = TestCentre.emptyQueue(sim.definition);
                sim.events.forEach(replayed::apply);
                assertEquals(sim.queue.snapshot(), replayed.snapshot(), "step " + step);
                assertEquals(estimates(sim.queue), estimates(replayed), "estimates at step " + step);
            }
        }
        sim.drain(TestCentre.COUNTERS);
        CentreQueue replayed = TestCentre.emptyQueue(sim.definition);
        sim.events.forEach(replayed::apply);
        assertEquals(sim.queue.snapshot(), replayed.snapshot(), "after draining");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aQueueRestoredFromASnapshotMidwayDecidesExactlyAsTheOriginal(long seed) {
        List<CentreQueue> restored = new ArrayList<>();
        List<Integer> restoredAt = new ArrayList<>();
        int[] step = {0};
        Simulation.Probe twins = new Simulation.Probe() {
            @Override
            public void after(CentreQueue queue, Command command, Instant at, Decision decision) {
                step[0]++;
                for (int i = 0; i < restored.size(); i++) {
                    assertEquals(decision, restored.get(i).handle(command, at), "queue restored at step "
                            + restoredAt.get(i) + ", step " + step[0] + ": " + command);
                }
                if (step[0] % 300 == 0) {
                    CentreQueue twin = TestCentre.restore(queue.definition(), queue.snapshot());
                    assertEquals(queue.snapshot(), twin.snapshot());
                    restored.add(twin);
                    restoredAt.add(step[0]);
                }
            }
        };
        Simulation sim = new Simulation(seed, twins);
        sim.randomSteps(STEPS);
        sim.drain(TestCentre.COUNTERS);
        assertTrue(restored.size() >= 6, restored.size() + " restores");
        for (CentreQueue twin : restored) {
            assertEquals(sim.queue.snapshot(), twin.snapshot());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameSeedGivesTheSameEventsTwice(long seed) {
        Simulation first = new Simulation(seed);
        first.randomSteps(STEPS);
        first.drain(TestCentre.COUNTERS);
        Simulation second = new Simulation(seed);
        second.randomSteps(STEPS);
        second.drain(TestCentre.COUNTERS);

        assertEquals(first.commands, second.commands);
        assertEquals(first.times, second.times);
        assertEquals(first.decisions, second.decisions);
        assertEquals(first.events, second.events);
        System.out.println("seed " + seed + ": " + first.events.size() + " events");
        assertTrue(first.events.size() > STEPS / 5, () -> "only " + first.events.size() + " events");
    }

    private static List<String> waiting(CentreQueue queue, String service) {
        return queue.activeTickets().stream()
                .filter(t -> t.state() == TicketState.WAITING && t.service().equals(service))
                .map(Ticket::number).sorted().toList();
    }

    private static Map<String, EstimatedWait> estimates(CentreQueue queue) {
        Map<String, EstimatedWait> all = new TreeMap<>();
        queue.activeTickets().forEach(t -> all.put(t.id(), queue.estimateFor(t.id())));
        TestCentre.SERVICES.forEach(s -> all.put("service " + s, queue.estimateForService(s)));
        return all;
    }
}
