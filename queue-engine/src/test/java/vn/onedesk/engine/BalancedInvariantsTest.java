package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.routing.BalancedRouting;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * Seeded random days under the {@code balanced} policy, with booked appointments (some early, some
 * due, some checked in too late), checked after every step. Beside the policy-independent invariants
 * of {@link InvariantChecker} (a ticket is never called twice without a recall or transfer, never
 * lost, a transfer keeps the original arrival, replaying the events rebuilds the queue), every call
 * must obey balanced's own rules, stated here independently of its code:
 * <ol>
 *   <li>FIFO within each lane of a service: no earlier priority ticket is passed by a priority ticket,
 *       no earlier ordinary-lane ticket by an ordinary-lane ticket (walk-ins among themselves included),
 *       no earlier-booked due appointment by a due appointment;</li>
 *   <li>a non-priority ticket is called while a priority ticket of its service waits only if it checked
 *       in at least 2× the target before every such priority ticket (the anti-starvation rule);</li>
 *   <li>an ordinary-lane ticket is never called while a due appointment of its service waits;</li>
 *   <li>and the call is exactly the one a brute-force reading of the documented rules gives, across skills
 *       too (first class first, then primary unless a secondary is over 1.5× as urgent and at least 0.5).</li>
 * </ol>
 */
class BalancedInvariantsTest {
    private static final int STEPS = 2_000;
    private static final Duration DUE_BEFORE = Duration.ofMinutes(5);
    private static final Duration LATE_CHECK_IN = Duration.ofMinutes(15);
    /** How often each kind of reason was given over all seeds, to show that every rule was exercised. */
    private static final Map<String, Integer> REASONS = new TreeMap<>();

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20).map(i -> i * 7_919L + 3);
    }

    private static Simulation balancedDay(long seed, Simulation.Probe... probes) {
        return new Simulation(seed, new BalancedRouting(), true, probes);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyCallFollowsTheBalancedRulesAndEveryInvariantHoldsAfterEveryStep(long seed) {
        CentreDefinition definition = Simulation.definitionFor(seed);
        InvariantChecker checker = new InvariantChecker(definition, new Rules(definition));
        Simulation sim = balancedDay(seed, checker);
        sim.randomSteps(STEPS);
        sim.pause(java.time.Duration.ofHours(1)); // reservations nobody took up lapse, and any counter calls them
        sim.drain(TestCentre.COUNTERS);
        assertEquals(checker.issuedCount(), checker.finishedCount(), "everyone was served in the end");
        for (Event e : sim.events) {
            if (e instanceof Event.TicketCalled call && !call.recall()) {
                REASONS.merge(kind(call.reason()), 1, Integer::sum);
            }
        }
        assertTrue(checker.issuedCount() > 100, () -> "only " + checker.issuedCount() + " tickets");
    }

    @AfterAll
    static void everyRuleWasExercised() {
        System.out.println("balanced reasons over all seeds: " + REASONS);
        for (String kind : List.of("priority", "appointment", "not starved", "longest waiting", "secondary by urgency",
                "secondary, primary empty", "secondary jumps")) {
            assertTrue(REASONS.getOrDefault(kind, 0) > 0, () -> "no call was made by the rule '" + kind + "': "
                    + REASONS);
        }
    }

    private static String kind(String reason) {
        if (reason.contains("secondary skill")) {
            return reason.contains("(urgency") ? "secondary by urgency"
                    : reason.contains("(nothing waiting") ? "secondary, primary empty" : "secondary jumps";
        }
        return reason.contains("priority group") ? "priority" : reason.contains("appointment at") ? "appointment"
                : reason.contains("not starved") ? "not starved" : "longest waiting";
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyWaitingTicketIsCalledWhileACounterAbleToServeItStaysOpen(long seed) {
        CentreDefinition definition = Simulation.definitionFor(seed);
        Simulation sim = balancedDay(seed, new InvariantChecker(definition, new Rules(definition)));
        sim.randomSteps(STEPS);
        // tickets transferred to a counter or an officer who never came: their reservations lapse after the
        // services' target waits (45 min at most here), and any counter able to serve them calls them
        sim.pause(java.time.Duration.ofHours(1));
        int bhxhWaiting = waiting(sim.queue, TestCentre.BHXH);
        sim.drain(List.of("Q01")); // TP primary, BHTN secondary
        assertEquals(0, waiting(sim.queue, TestCentre.TP));
        assertEquals(0, waiting(sim.queue, TestCentre.BHTN));
        assertEquals(bhxhWaiting, waiting(sim.queue, TestCentre.BHXH), "Q01 may not serve BHXH");
        sim.drain(List.of("Q04")); // BHXH only
        assertEquals(0, waiting(sim.queue, TestCentre.BHXH));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theSameSeedGivesTheSameDecisionsAndAQueueRestoredMidwayDecidesTheSame(long seed) {
        List<CentreQueue> twins = new ArrayList<>();
        int[] step = {0};
        Simulation.Probe restoreNowAndThen = new Simulation.Probe() {
            @Override
            public void after(CentreQueue queue, Command command, Instant at, Decision decision) {
                for (CentreQueue twin : twins) {
                    assertEquals(decision, twin.handle(command, at), "step " + step[0] + ": " + command);
                }
                if (++step[0] % 400 == 0) {
                    twins.add(CentreQueue.restore(queue.definition(), new BalancedRouting(),
                            new QueueLengthEstimator(), queue.snapshot()));
                }
            }
        };
        Simulation first = balancedDay(seed, restoreNowAndThen);
        first.randomSteps(STEPS);
        first.drain(TestCentre.COUNTERS);
        Simulation second = balancedDay(seed);
        second.randomSteps(STEPS);
        second.drain(TestCentre.COUNTERS);
        assertEquals(first.decisions, second.decisions);
        assertEquals(first.events, second.events);
        assertTrue(twins.size() >= 4);
        CentreQueue replayed = TestCentre.emptyQueue(first.definition);
        first.events.forEach(replayed::apply);
        assertEquals(first.queue.snapshot(), replayed.snapshot());
    }

    private static int waiting(CentreQueue queue, String service) {
        return (int) queue.activeTickets().stream()
                .filter(t -> t.state() == TicketState.WAITING && t.service().equals(service)).count();
    }

    /** Balanced's rules, read off its documentation and computed by brute force over all waiting tickets. */
    static final class Rules implements InvariantChecker.RoutingRule {
        private final CentreDefinition definition;

        Rules(CentreDefinition definition) {
            this.definition = definition;
        }

        private long target(String service) {
            return definition.service(service).orElseThrow().targetWait().toSeconds();
        }

        static boolean due(Ticket t, Instant at) {
            // a requeued ticket (placedAt set) missed its call and waits as a walk-in
            return !t.priority().isPriority() && t.placedAt() == null && t.channel() == Channel.APPOINTMENT
                    && t.appointmentAt() != null
                    && !t.originalArrival().isAfter(t.appointmentAt().plus(LATE_CHECK_IN))
                    && !at.isBefore(t.appointmentAt().minus(DUE_BEFORE));
        }

        private static boolean ordinaryLane(Ticket t, Instant at) {
            return !t.priority().isPriority() && !due(t, at);
        }

        @Override
        public String violation(CounterDefinition counter, Ticket chosen, Map<String, Ticket> ticketsBefore,
                                Instant at) {
            List<Ticket> waiting = ticketsBefore.values().stream().filter(t -> t.state() == TicketState.WAITING)
                    .toList();
            List<Ticket> sameService = waiting.stream().filter(t -> t.service().equals(chosen.service())
                    && !t.id().equals(chosen.id())).toList();
            for (Ticket other : sameService) {
                boolean earlier = InvariantChecker.LINE.compare(other, chosen) < 0;
                if (chosen.priority().isPriority() && other.priority().isPriority() && earlier) {
                    return "priority lane FIFO: " + chosen.number() + " before " + other.number();
                }
                if (ordinaryLane(chosen, at) && ordinaryLane(other, at) && earlier) {
                    return "ordinary lane FIFO: " + chosen.number() + " before " + other.number();
                }
                if (due(chosen, at) && due(other, at) && other.appointmentAt().isBefore(chosen.appointmentAt())) {
                    return "appointment lane order: " + chosen.number() + " before " + other.number();
                }
                if (!chosen.priority().isPriority() && other.priority().isPriority()
                        && Duration.between(chosen.place(), other.place()).toSeconds()
                        < 2 * target(chosen.service())) {
                    return "priority first: " + chosen.number() + " before priority " + other.number()
                            + ", who came less than 2× target after it";
                }
                if (ordinaryLane(chosen, at) && due(other, at)) {
                    return "due appointment first: " + chosen.number() + " before " + other.number();
                }
            }
            Ticket expected = expected(counter, waiting, at);
            return expected.id().equals(chosen.id()) ? null
                    : "the rules call " + expected.number() + " (" + expected.service() + "), not " + chosen.number();
        }

        private record Candidate(Ticket ticket, boolean jumps, double urgency) {
        }

        private Ticket expected(CounterDefinition counter, List<Ticket> waiting, Instant at) {
            List<Candidate> primary = new ArrayList<>();
            List<Candidate> secondary = new ArrayList<>();
            counter.primary().forEach(s -> candidate(s, waiting, at).ifPresent(primary::add));
            counter.secondary().forEach(s -> candidate(s, waiting, at).ifPresent(secondary::add));
            boolean firstClass = primary.stream().anyMatch(Candidate::jumps)
                    || secondary.stream().anyMatch(Candidate::jumps);
            Comparator<Candidate> mostUrgent = Comparator.comparingDouble((Candidate c) -> -c.urgency())
                    .thenComparing(Candidate::ticket, InvariantChecker.LINE);
            Optional<Candidate> p = primary.stream().filter(c -> c.jumps() == firstClass).min(mostUrgent);
            Optional<Candidate> s = secondary.stream().filter(c -> c.jumps() == firstClass).min(mostUrgent);
            if (p.isEmpty() || s.isEmpty()) {
                return p.or(() -> s).orElseThrow().ticket();
            }
            boolean takeSecondary = s.get().urgency() > 1.5 * p.get().urgency() && s.get().urgency() >= 0.5;
            return (takeSecondary ? s : p).get().ticket();
        }

        private Optional<Candidate> candidate(String service, List<Ticket> waiting, Instant at) {
            List<Ticket> line = waiting.stream().filter(t -> t.service().equals(service)).toList();
            Optional<Ticket> priority = line.stream().filter(t -> t.priority().isPriority())
                    .min(InvariantChecker.LINE);
            Optional<Ticket> appointment = line.stream().filter(t -> due(t, at))
                    .min(Comparator.comparing(Ticket::appointmentAt).thenComparing(InvariantChecker.LINE));
            Optional<Ticket> ordinary = appointment.or(() -> line.stream().filter(t -> !t.priority().isPriority())
                    .min(InvariantChecker.LINE));
            long target = target(service);
            Optional<Ticket> chosen = priority.isEmpty() ? ordinary
                    : ordinary.filter(o -> priority.get().place().getEpochSecond()
                    - o.place().getEpochSecond() >= 2 * target).or(() -> priority);
            return chosen.map(t -> new Candidate(t, t.priority().isPriority() || due(t, at)
                    || priority.isPresent(), (at.getEpochSecond() - t.originalArrival().getEpochSecond())
                    / (double) target));
        }
    }
}
