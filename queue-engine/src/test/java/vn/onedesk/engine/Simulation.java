package vn.onedesk.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CloseCounter;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.MarkNoShow;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.Recall;
import vn.onedesk.engine.Command.Requeue;
import vn.onedesk.engine.Command.StartService;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.routing.FirstComeFirstServed;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;

/**
 * A seeded random day (or several) at the {@link TestCentre}: random commands at increasing random
 * times, handled one by one. Everything that happens is a function of the seed.
 */
final class Simulation {
    /** The groups a kiosk may issue, NONE first, in their order (ERASED is only ever written by retention). */
    private static final java.util.List<PriorityGroup> ISSUABLE = java.util.Arrays.stream(PriorityGroup.values())
            .filter(PriorityGroup::isIssuable).toList();

    /** Looks at each command just before and just after it is handled. */
    interface Probe {
        default void before(CentreQueue queue, Command command, Instant at) {
        }

        default void after(CentreQueue queue, Command command, Instant at, Decision decision) {
        }

        /** What {@link CentreQueue#execute} reported for the command, just before {@link #after}. */
        default void executed(CentreQueue queue, Command command, Instant at, Execution execution) {
        }
    }

    final CentreDefinition definition;
    final CentreQueue queue;
    final List<Command> commands = new ArrayList<>();
    final List<Instant> times = new ArrayList<>();
    final List<Decision> decisions = new ArrayList<>();
    final List<Event> events = new ArrayList<>();
    /** How often each kind of event and rejection happened, to see that a run was not vacuous. */
    final Map<String, Integer> tally = new TreeMap<>();
    final Set<LocalDate> days = new TreeSet<>();

    private final Random random;
    private final List<Probe> probes;
    private Instant now;
    private int nextTicket;
    private int generated;
    private int issueWeight;
    private LocalDate nightDecided;
    private String lastRecall;
    /** Whether APPOINTMENT tickets come with a booked time (else they have none, as from an old kiosk). */
    private final boolean bookings;

    /** A day under fifo-pooled, with appointment tickets that carry no booked time. */
    Simulation(long seed, Probe... probes) {
        this(seed, new FirstComeFirstServed(), false, probes);
    }

    /**
     * A day under the given policy; with {@code bookings}, three in four APPOINTMENT tickets carry a booked
     * time from 60 min before to 60 min after they check in (so some are early, some due, some too late).
     */
    Simulation(long seed, RoutingPolicy policy, boolean bookings, Probe... probes) {
        this.random = new Random(seed);
        this.probes = List.of(probes);
        this.definition = definitionFor(seed);
        this.queue = CentreQueue.empty(definition, policy, new QueueLengthEstimator());
        this.now = TestCentre.local("07:00");
        this.bookings = bookings;
    }

    /** Odd seeds: kiosks refuse tickets outside opening hours; even seeds: tickets around the clock. */
    static CentreDefinition definitionFor(long seed) {
        // the counters' rules vary with the seed too: recall limits of 1 or 2, requeues at the head of the lane
        // or a few places back, graces of 10 to 40 min
        int variant = (int) (seed % 5);
        return TestCentre.definition(seed % 2 != 0).withRules(new vn.onedesk.engine.centre.CounterRules(
                1 + variant % 2, Duration.ofMinutes(15), Duration.ofMinutes(10 + 10 * (variant % 4)), variant,
                Duration.ofMinutes(2)));
    }

    Instant now() {
        return now;
    }

    void randomSteps(int steps) {
        for (int i = 0; i < steps; i++) {
            randomStep();
        }
    }

    Decision randomStep() {
        advanceTime();
        return run(randomCommand());
    }

    Decision run(Command command) {
        for (Probe p : probes) {
            p.before(queue, command, now);
        }
        Execution execution = queue.execute(command, now); // handle's own path is the twins' (restored queues)
        Decision decision = execution.decision();
        commands.add(command);
        times.add(now);
        decisions.add(decision);
        if (decision instanceof Decision.Accepted accepted) {
            events.addAll(accepted.events());
            accepted.events().forEach(e -> tally.merge(e.getClass().getSimpleName(), 1, Integer::sum));
        } else if (decision instanceof Decision.Rejected rejected) {
            tally.merge("rejected " + rejected.rejection(), 1, Integer::sum);
        }
        days.add(definition.serviceDay(now));
        for (Probe p : probes) {
            p.executed(queue, command, now, execution);
            p.after(queue, command, now, decision);
        }
        return decision;
    }

    /**
     * Opens the given counters and lets them call and complete until none of them has anything
     * left to call. Fails if that does not end.
     */
    void drain(List<String> counters) {
        for (String c : counters) {
            tick();
            run(new OpenCounter(c));
        }
        int bound = queue.activeTickets().size() + 2;
        int rounds = 0;
        boolean progress = true;
        while (progress) {
            assertTrue(rounds++ <= bound, "draining the queue does not end");
            progress = false;
            for (String c : counters) {
                if (queue.counter(c).orElseThrow().currentTicket() != null) {
                    tick();
                    TestCentre.accepted(run(new CompleteService(c)));
                }
                tick();
                Decision call = run(new CallNext(c));
                if (call instanceof Decision.Accepted) {
                    progress = true;
                    tick();
                    TestCentre.accepted(run(new CompleteService(c)));
                } else {
                    assertEquals(Rejection.NO_TICKET_WAITING, TestCentre.rejected(call).rejection());
                    // nobody waits for it: it calls back a parked ticket it may take, if any
                    CounterDefinition able = definition.counter(c).orElseThrow();
                    java.util.Optional<String> parked = queue.parked().stream()
                            .filter(p -> p.counter().equals(c)
                                    || able.canServe(queue.ticket(p.ticketId()).orElseThrow().service()))
                            .map(p -> queue.ticket(p.ticketId()).orElseThrow().number()).findFirst();
                    if (parked.isPresent()) {
                        tick();
                        TestCentre.accepted(run(new Command.CallParked(c, parked.get())));
                        progress = true;
                        tick();
                        TestCentre.accepted(run(new CompleteService(c)));
                    }
                }
            }
        }
    }

    /** Lets time pass with nothing happening, e.g. until reservations nobody took up have lapsed. */
    void pause(Duration duration) {
        now = now.plus(duration);
    }

    private void tick() {
        now = now.plusSeconds(45);
    }

    /**
     * Mostly working days: small steps, the same instant now and then (ties are broken by issue
     * order), an occasional long pause, and after 18:00 usually a jump to the next morning. About
     * one evening in four runs on through the night, across the local midnight.
     */
    private void advanceTime() {
        LocalTime time = now.atZone(definition.timezone()).toLocalTime();
        LocalDate day = definition.serviceDay(now);
        if (!time.isBefore(LocalTime.of(18, 0)) && !day.equals(nightDecided)) {
            nightDecided = day;
            if (random.nextInt(4) != 0) {
                now = day.plusDays(1).atTime(7, 0).atZone(definition.timezone()).toInstant()
                        .plusSeconds(random.nextInt(3600));
                return;
            }
        }
        if (time.isBefore(LocalTime.of(7, 0)) || !time.isBefore(LocalTime.of(18, 0))) {
            now = now.plus(Duration.ofMinutes(random.nextInt(5, 40)));
        } else if (random.nextInt(300) == 0) {
            now = now.plus(Duration.ofMinutes(random.nextInt(30, 240)));
        } else if (random.nextInt(4) != 0) {
            now = now.plusSeconds(random.nextInt(1, 240));
        }
    }

    private Command randomCommand() {
        if (++generated % 250 == 1) {
            // quiet spells, in which counters run dry, alternate with rushes, in which lines grow
            issueWeight = pick(List.of(6, 12, 20, 35));
        }
        int r = random.nextInt(112 + issueWeight);
        if (r < issueWeight) {
            String service = random.nextInt(80) == 0 ? "CCCD" : pick(TestCentre.SERVICES);
            PriorityGroup priority = random.nextInt(7) == 0
                    ? ISSUABLE.get(random.nextInt(1, ISSUABLE.size()))
                    : PriorityGroup.NONE;
            Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
            // now and then a kiosk retries with the id of a ticket that is still active
            List<String> inUse = queue.activeTickets().stream().map(t -> t.id()).sorted().toList();
            String id = random.nextInt(100) == 0 && !inUse.isEmpty()
                    ? pick(inUse)
                    : "T" + (++nextTicket);
            Instant booked = bookings && channel == Channel.APPOINTMENT && random.nextInt(4) != 0
                    ? now.plusSeconds(random.nextInt(-3600, 3601)) : null;
            return new IssueTicket(id, service, priority, channel, booked);
        }
        r -= issueWeight;
        if (r < 7) {
            // officer O-Q01 works only at Q01 (and so on), named only when opening a closed counter: OPEN's own
            // refusals are another test's; here officers exist so that transfers to an officer find one
            String id = counter(c -> !c.open());
            boolean closed = queue.counter(id).map(c -> !c.open()).orElse(false);
            return new OpenCounter(id, closed && random.nextBoolean() ? new Officer("O-" + id, "Cán bộ " + id) : null);
        }
        if (r < 9) {
            return new CloseCounter(counter(c -> c.open() && c.currentTicket() == null));
        }
        if (r < 39) {
            return new CallNext(counter(c -> c.open() && c.currentTicket() == null));
        }
        if (r < 46) {
            // officers call a citizen who does not come again and again: half the time the same counter as before
            lastRecall = lastRecall != null && random.nextBoolean() ? lastRecall
                    : counter(c -> c.currentTicket() != null);
            return new Recall(lastRecall);
        }
        if (r < 49) {
            // a citizen who missed the call comes back: usually a recent no-show, now and then any number
            List<String> missed = queue.recentNoShows().stream()
                    .filter(n -> random.nextInt(3) == 0 || n.at().isAfter(now.minus(Duration.ofMinutes(30))))
                    .map(n -> n.ticket().number()).toList();
            String number = missed.isEmpty() || random.nextInt(8) == 0 ? "A00" + random.nextInt(1, 10) : pick(missed);
            return new Requeue(number, random.nextBoolean() ? null : counter(CounterState::open));
        }
        if (r < 54) {
            return new MarkNoShow(counter(c -> c.currentTicket() != null));
        }
        if (r < 64) {
            return new StartService(counter(c -> c.currentTicket() != null));
        }
        if (r < 90) {
            return new CompleteService(counter(c -> c.currentTicket() != null));
        }
        if (r >= 100) {
            return counterOperation(r - 100);
        }
        String from = counter(c -> c.currentTicket() != null);
        String note = random.nextBoolean() ? null : "ghi chú " + random.nextInt(100);
        return switch (random.nextInt(4)) {
            // to a counter, keeping the service (or now and then with one), or to an officer who may never come
            case 0 -> new Transfer(from, random.nextInt(4) == 0 ? pick(TestCentre.SERVICES) : null,
                    random.nextInt(30) == 0 ? "Q99" : pick(TestCentre.COUNTERS), null, note);
            case 1 -> new Transfer(from, null, null,
                    random.nextInt(6) == 0 ? "O-nobody" : "O-" + pick(TestCentre.COUNTERS), note);
            default -> new Transfer(from, random.nextInt(50) == 0 ? "CCCD" : pick(TestCentre.SERVICES), null, null,
                    note);
        };
    }

    /** PARK, CALL_PARKED, CALL_NUMBER and the clock's expiry of parked tickets, with sensible and senseless numbers. */
    private Command counterOperation(int r) {
        if (r < 4) {
            return new Command.Park(counter(c -> c.currentTicket() != null), pick(List.of("Đi photo giấy tờ",
                    "Bổ sung giấy tờ", "Quên CCCD")));
        }
        if (r < 7) {
            List<String> parked = queue.parked().stream()
                    .map(p -> queue.ticket(p.ticketId()).orElseThrow().number()).toList();
            return new Command.CallParked(counter(c -> c.open() && c.currentTicket() == null), number(parked));
        }
        if (r < 10) {
            List<String> waiting = queue.activeTickets().stream()
                    .filter(t -> t.state() == vn.onedesk.engine.ticketing.TicketState.WAITING)
                    .map(t -> t.number()).sorted().toList();
            return new Command.CallNumber(counter(c -> c.open() && c.currentTicket() == null), number(waiting),
                    "Lãnh đạo yêu cầu");
        }
        return new Command.ExpireParked();
    }

    /** Mostly one of the sensible numbers; now and then any active ticket's, or one nobody has. */
    private String number(List<String> sensible) {
        int r = random.nextInt(10);
        if (r == 0) {
            return "Z999";
        }
        if (r <= 2 || sensible.isEmpty()) {
            List<String> any = queue.activeTickets().stream().map(t -> t.number()).sorted().toList();
            return any.isEmpty() ? "A001" : pick(any);
        }
        return pick(sensible);
    }

    /**
     * Usually a counter where the command makes sense, so that most commands do something; now and
     * then any counter, or one that does not exist, so that refusals are exercised too.
     */
    private String counter(Predicate<CounterState> sensible) {
        if (random.nextInt(60) == 0) {
            return "Q99";
        }
        List<String> candidates = queue.counters().stream().filter(sensible).map(CounterState::id).toList();
        return candidates.isEmpty() || random.nextInt(4) == 0 ? pick(TestCentre.COUNTERS) : pick(candidates);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
