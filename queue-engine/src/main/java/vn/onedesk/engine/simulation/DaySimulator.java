package vn.onedesk.engine.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.simulation.TicketOutcome.End;

/**
 * Replays a scenario's day, event by event, through the same {@link CentreQueue} the gateway runs:
 * every ticket, call, recall, no-show, transfer and completion is a command the engine decides.
 * Pure and deterministic: the seed fixes the citizens ({@link DemandGenerator}), and the agenda
 * orders simultaneous events by a fixed rule, so a seed gives the same day every time.
 *
 * <p>The model of the hall:
 * <ul>
 *   <li>Counters open at the start of each of their sessions (their own, else the centre's) and
 *       close at its end; a counter busy at the end closes as soon as its citizen is done. Tickets
 *       still waiting when the last counter has closed stay waiting.</li>
 *   <li>An idle open counter calls next at once. When nothing it may take is waiting it stays idle;
 *       it calls again when a ticket arrives or is transferred, and every minute while any ticket is
 *       waiting anywhere (a policy may accept later what it declined, as waits grow). Several idle
 *       counters try in the order they became idle.</li>
 *   <li>A present citizen is served from the call, for their drawn service time. An absent one is
 *       recalled once after a minute, and marked no-show a minute later.</li>
 *   <li>After a drawn transfer the counter transfers the ticket instead of completing it; the
 *       ticket keeps its original arrival.</li>
 *   <li>Every registered wait estimator predicts each new ticket's wait at issue
 *       ({@code ahead} as the queue counts it right after the issue); the actual wait is the time
 *       to its first call. Estimators only observe: the policy alone drives the day.</li>
 *   <li>With a {@link RemoteDemand}, some citizens take their ticket from the phone before they come and confirm it
 *       at the kiosk on arrival (their wait is counted from arrival), and some remote tickets are never confirmed;
 *       the engine's confirmation rule passes those over and expires them. See {@link RemoteTicketsStudy}.</li>
 * </ul>
 */
public final class DaySimulator {
    /** The simulated day: a Monday. Only the local clock matters to the model. */
    public static final LocalDate DAY = LocalDate.of(2025, 3, 3);
    static final Duration RECALL_AFTER = Duration.ofMinutes(1);
    static final Duration NO_SHOW_AFTER_RECALL = Duration.ofMinutes(1);
    static final Duration RETRY_AFTER = Duration.ofMinutes(1);
    static final Duration SAMPLE_EVERY = Duration.ofMinutes(5);

    /** Sees every event the engine accepted, with the queue right after it was applied. */
    @FunctionalInterface
    public interface Observer {
        Observer NONE = (event, queue) -> {
        };

        void accepted(Event event, CentreQueue queue);
    }

    private final Scenario scenario;
    private final RemoteDemand remote;

    public DaySimulator(Scenario scenario) {
        this(scenario, RemoteDemand.NONE);
    }

    /** A day in which some citizens take their ticket from the phone, as {@code remote} draws them. */
    public DaySimulator(Scenario scenario, RemoteDemand remote) {
        this.scenario = scenario;
        this.remote = java.util.Objects.requireNonNull(remote, "remote");
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The routing policy of that name; the error names the registered ones. */
    public static RoutingPolicy policy(String name) {
        return RoutingPolicies.byName(name).orElseThrow(() -> new IllegalArgumentException(
                "no routing policy is registered as '" + name + "'; registered: "
                        + String.join(", ", RoutingPolicies.names())));
    }

    /** {@code runs} days with seeds {@code firstSeed, firstSeed + 1, …}. */
    public SimulationResult simulate(String policy, int runs, long firstSeed) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, got " + runs);
        }
        List<DayResult> days = new ArrayList<>(runs);
        for (int i = 0; i < runs; i++) {
            days.add(runDay(policy, firstSeed + i));
        }
        return SimulationResult.of(days);
    }

    public DayResult runDay(String policy, long seed) {
        return runDay(policy, seed, Observer.NONE);
    }

    public DayResult runDay(String policy, long seed, Observer observer) {
        return new Day(policy(policy), observer).run(DemandGenerator.day(scenario, DAY, seed), seed);
    }

    /** The day of these visits (drawn for {@code seed}, then changed: a what-if on the same citizens). */
    public DayResult runDay(String policy, long seed, List<Visit> visits) {
        return new Day(policy(policy), Observer.NONE).run(visits, seed);
    }

    /** What can happen at an instant; simultaneous steps run in this order, then in scheduling order. */
    private enum Kind {
        /** A citizen's service ends: free counters first. */
        SERVICE_END,
        RECALL,
        NO_SHOW,
        /** Closing before opening, so that back-to-back sessions hand over cleanly. */
        CLOSE,
        OPEN,
        /** A ticket taken from a phone, before its citizen arrives (if they ever do). */
        REMOTE_TAKE,
        ARRIVAL,
        RETRY,
        /** Last: the sample sees the instant's outcome. */
        SAMPLE
    }

    private record Step(Instant at, Kind kind, long seq, Desk desk, Visit visit, RemoteDemand.Take take) {
        static final Comparator<Step> ORDER = Comparator.comparing(Step::at)
                .thenComparing(Step::kind)
                .thenComparingLong(Step::seq);
    }

    /** The simulator's side of a counter: what the engine does not keep. */
    private static final class Desk {
        final CounterDefinition definition;
        final int order;
        Instant openedAt;
        Instant idleSince;
        boolean closing;
        boolean retryScheduled;
        Life serving;
        Instant busySince;
        Duration open = Duration.ZERO;
        Duration busy = Duration.ZERO;
        int calls;

        Desk(CounterDefinition definition, int order) {
            this.definition = definition;
            this.order = order;
        }

        String id() {
            return definition.id();
        }
    }

    /** One ticket's life, as it unfolds. */
    private static final class Life {
        final Visit visit;
        final String number;
        final Map<String, EstimatedWait> estimates = new LinkedHashMap<>();
        /** A remote ticket's own id and channel (the visit's are the walk-in's); null for a kiosk's ticket. */
        String remoteId;
        final List<MutableLeg> legs = new ArrayList<>();
        End end;

        Life(Visit visit, String number) {
            this.visit = visit;
            this.number = number;
        }

        MutableLeg current() {
            return legs.get(legs.size() - 1);
        }

        TicketOutcome outcome() {
            return new TicketOutcome(remoteId != null ? remoteId : visit.ticketId(), number, visit.service(),
                    visit.priority(), remoteId != null ? vn.onedesk.engine.ticketing.Channel.REMOTE : visit.channel(),
                    visit.arrival(), visit.appointmentAt(),
                    legs.stream().map(l -> new TicketOutcome.Leg(l.service, l.joined, l.called, l.counter, l.left))
                            .toList(),
                    end == null ? End.WAITING_AT_CLOSE : end, estimates);
        }
    }

    private static final class MutableLeg {
        final String service;
        final Instant joined;
        Instant called;
        String counter;
        Instant left;

        MutableLeg(String service, Instant joined) {
            this.service = service;
            this.joined = joined;
        }
    }

    /** One day's run: all mutable state lives here. */
    private final class Day {
        final CentreDefinition centre = scenario.centre();
        final CentreQueue queue;
        final String policy;
        final Observer observer;
        final Map<String, WaitEstimator> estimators = new LinkedHashMap<>();
        final PriorityQueue<Step> agenda = new PriorityQueue<>(Step.ORDER);
        final Map<String, Desk> desks = new LinkedHashMap<>();
        final Map<String, Life> lives = new LinkedHashMap<>();
        final List<LocalTime> sampleTimes = new ArrayList<>();
        /** The remote tickets taken, by the index of the citizen who will confirm theirs on arrival. */
        final Map<Integer, RemoteDemand.Take> remoteOf = new java.util.HashMap<>();
        final Map<String, List<Integer>> samples = new LinkedHashMap<>();
        long seq;
        Instant now;

        Day(RoutingPolicy routing, Observer observer) {
            this.policy = routing.name();
            this.observer = observer;
            WaitEstimator shown = WaitEstimators.byName(WaitEstimators.defaultName()).orElseThrow();
            this.queue = CentreQueue.empty(centre, routing, shown);
            for (String name : WaitEstimators.names()) {
                estimators.put(name, WaitEstimators.byName(name).orElseThrow());
            }
            int order = 0;
            for (CounterDefinition c : centre.counters()) {
                desks.put(c.id(), new Desk(c, order++));
            }
            centre.services().forEach(s -> samples.put(s.code(), new ArrayList<>()));
        }

        DayResult run(List<Visit> visits, long seed) {
            ZoneId zone = centre.timezone();
            for (Visit v : visits) {
                schedule(v.arrival(), Kind.ARRIVAL, null, v);
            }
            for (RemoteDemand.Take take : remote.plan(visits, seed)) {
                agenda.add(new Step(take.takenAt(), Kind.REMOTE_TAKE, seq++, null, null, take));
            }
            LocalTime first = LocalTime.MAX;
            LocalTime last = LocalTime.MIN;
            for (Desk desk : desks.values()) {
                for (Session s : scenario.sessionsOf(desk.definition)) {
                    schedule(DAY.atTime(s.from()).atZone(zone).toInstant(), Kind.OPEN, desk, null);
                    schedule(DAY.atTime(s.to()).atZone(zone).toInstant(), Kind.CLOSE, desk, null);
                    first = first.isBefore(s.from()) ? first : s.from();
                    last = last.isAfter(s.to()) ? last : s.to();
                }
            }
            for (int hour : scenario.demand().arrivalShareByHour().keySet()) {
                LocalTime start = LocalTime.of(hour, 0);
                first = first.isBefore(start) ? first : start;
            }
            for (LocalTime t = first.withMinute(0); !t.isAfter(last); t = t.plus(SAMPLE_EVERY)) {
                schedule(DAY.atTime(t).atZone(zone).toInstant(), Kind.SAMPLE, null, null);
                if (t.plus(SAMPLE_EVERY).isBefore(t)) {
                    break; // wrapped past midnight
                }
            }

            while (!agenda.isEmpty()) {
                Step step = agenda.poll();
                now = step.at();
                switch (step.kind()) {
                    case REMOTE_TAKE -> takeRemote(step.take());
                    case ARRIVAL -> arrive(step.visit());
                    case OPEN -> open(step.desk());
                    case CLOSE -> close(step.desk());
                    case SERVICE_END -> serviceEnds(step.desk());
                    case RECALL -> recall(step.desk());
                    case NO_SHOW -> noShow(step.desk());
                    case RETRY -> retry(step.desk());
                    case SAMPLE -> sample();
                    default -> throw new IllegalStateException("unknown step " + step.kind());
                }
            }
            return result(seed);
        }

        private void schedule(Instant at, Kind kind, Desk desk, Visit visit) {
            agenda.add(new Step(at, kind, seq++, desk, visit, null));
        }

        // --- what happens ---

        /** A ticket from a phone; one the centre refuses is not taken (its citizen walks in on arrival). */
        private void takeRemote(RemoteDemand.Take take) {
            Visit visit = take.comes() ? take.visit() : new Visit(-1, take.takenAt(),
                    vn.onedesk.engine.ticketing.PriorityGroup.NONE, null, false,
                    List.of(new Visit.Leg(take.service(), Duration.ZERO)));
            Decision decision = handle(Command.IssueTicket.remote(take.ticketId(), take.service(), remote.hold(take)));
            if (decision instanceof Decision.Rejected) {
                return;
            }
            Event.TicketIssued issued = (Event.TicketIssued) ((Decision.Accepted) decision).events().get(0);
            Life life = new Life(visit, issued.ticket().number());
            life.remoteId = take.ticketId();
            life.legs.add(new MutableLeg(take.service(), now));
            lives.put(take.ticketId(), life);
            if (take.comes()) {
                remoteOf.put(visit.index(), take);
            }
        }

        private void arrive(Visit visit) {
            RemoteDemand.Take take = remoteOf.get(visit.index());
            // a citizen with a remote ticket confirms it at the kiosk; one whose ticket expired takes a new one
            if (take != null && handle(new Command.ConfirmRemote(take.code(), "kiosk")) instanceof Decision.Accepted) {
                wakeIdleCounters();
                return;
            }
            String id = visit.ticketId();
            Decision decision = handle(new Command.IssueTicket(id, visit.service(), visit.priority(),
                    visit.channel(), visit.appointmentAt()));
            if (decision instanceof Decision.Rejected) {
                Life refused = new Life(visit, null);
                refused.legs.add(new MutableLeg(visit.service(), now));
                refused.end = End.REFUSED;
                lives.put(id, refused);
                return;
            }
            Event.TicketIssued issued = (Event.TicketIssued) ((Decision.Accepted) decision).events().get(0);
            Life life = new Life(visit, issued.ticket().number());
            life.legs.add(new MutableLeg(visit.service(), now));
            lives.put(id, life);
            int ahead = queue.ahead(id);
            estimators.forEach((name, estimator) ->
                    life.estimates.put(name, estimator.estimate(queue, visit.service(), ahead, now)));
            wakeIdleCounters();
        }

        private void open(Desk desk) {
            expect(new Command.OpenCounter(desk.id()));
            desk.closing = false;
            if (desk.openedAt == null) {
                desk.openedAt = now;
            }
            if (desk.serving == null) {
                desk.idleSince = now;
                call(desk);
            }
        }

        private void close(Desk desk) {
            if (desk.serving != null) {
                desk.closing = true;
            } else if (desk.openedAt != null) {
                closeNow(desk);
            }
        }

        private void closeNow(Desk desk) {
            expect(new Command.CloseCounter(desk.id()));
            desk.open = desk.open.plus(Duration.between(desk.openedAt, now));
            desk.openedAt = null;
            desk.closing = false;
        }

        private void serviceEnds(Desk desk) {
            Life life = desk.serving;
            MutableLeg leg = life.current();
            leg.left = now;
            int next = life.legs.size();
            if (next < life.visit.legs().size()) {
                String to = life.visit.legs().get(next).service();
                expect(new Command.Transfer(desk.id(), to));
                life.legs.add(new MutableLeg(to, now));
                release(desk);
                wakeIdleCounters();
            } else {
                expect(new Command.CompleteService(desk.id()));
                life.end = End.SERVED;
                release(desk);
                callIfIdle(desk);
            }
        }

        private void recall(Desk desk) {
            expect(new Command.Recall(desk.id()));
            schedule(now.plus(NO_SHOW_AFTER_RECALL), Kind.NO_SHOW, desk, null);
        }

        private void noShow(Desk desk) {
            Life life = desk.serving;
            expect(new Command.MarkNoShow(desk.id()));
            life.current().left = now;
            life.end = End.NO_SHOW;
            release(desk);
            callIfIdle(desk);
        }

        private void retry(Desk desk) {
            desk.retryScheduled = false;
            callIfIdle(desk);
        }

        private void sample() {
            sampleTimes.add(LocalTime.ofInstant(now, centre.timezone()));
            samples.forEach((service, counts) -> counts.add(queue.waiting().count(service)));
        }

        // --- counters ---

        /** A counter lets its citizen go: it closes if its session is over, else it becomes idle. */
        private void release(Desk desk) {
            desk.busy = desk.busy.plus(Duration.between(desk.busySince, now));
            desk.serving = null;
            desk.busySince = null;
            if (desk.closing) {
                closeNow(desk);
            } else {
                desk.idleSince = now;
            }
        }

        private void callIfIdle(Desk desk) {
            if (desk.openedAt != null && desk.serving == null) {
                call(desk);
            }
        }

        /** Idle open counters call, the longest idle first, until nothing is left waiting. */
        private void wakeIdleCounters() {
            List<Desk> idle = desks.values().stream()
                    .filter(d -> d.openedAt != null && d.serving == null)
                    .sorted(Comparator.comparing((Desk d) -> d.idleSince).thenComparingInt(d -> d.order))
                    .toList();
            for (Desk desk : idle) {
                if (!anyWaiting()) {
                    return;
                }
                call(desk);
            }
        }

        private void call(Desk desk) {
            Decision decision = handle(new Command.CallNext(desk.id()));
            if (decision instanceof Decision.Rejected rejected) {
                if (rejected.rejection() != Rejection.NO_TICKET_WAITING) {
                    throw new IllegalStateException("the simulator asked " + desk.id() + " to call next and the"
                            + " engine refused: " + rejected.message());
                }
                if (anyWaiting() && !desk.retryScheduled) {
                    desk.retryScheduled = true;
                    schedule(now.plus(RETRY_AFTER), Kind.RETRY, desk, null);
                }
                return;
            }
            Event.TicketCalled called = null;
            for (Event e : ((Decision.Accepted) decision).events()) {
                if (e instanceof Event.TicketCalled c) {
                    called = c;
                } else if (e instanceof Event.TicketNoShow expired) { // an unconfirmed remote ticket, passed over
                    Life gone = lives.get(expired.ticketId());
                    gone.current().left = now;
                    gone.end = End.NO_SHOW;
                }
            }
            Life life = lives.get(called.ticketId());
            MutableLeg leg = life.current();
            leg.called = now;
            leg.counter = desk.id();
            desk.serving = life;
            desk.busySince = now;
            desk.calls++;
            if (life.legs.size() == 1 && life.visit.absent()) {
                schedule(now.plus(RECALL_AFTER), Kind.RECALL, desk, null);
            } else {
                expect(new Command.StartService(desk.id()));
                Duration service = life.visit.legs().get(life.legs.size() - 1).serviceTime();
                schedule(now.plus(service), Kind.SERVICE_END, desk, null);
            }
        }

        private boolean anyWaiting() {
            for (ServiceField s : centre.services()) {
                if (queue.waiting().count(s.code()) > 0) {
                    return true;
                }
            }
            return false;
        }

        // --- the engine ---

        private Decision handle(Command command) {
            Decision decision = queue.handle(command, now);
            if (decision instanceof Decision.Accepted accepted) {
                for (Event e : accepted.events()) {
                    observer.accepted(e, queue);
                }
            }
            return decision;
        }

        private void expect(Command command) {
            if (handle(command) instanceof Decision.Rejected rejected) {
                throw new IllegalStateException("the engine refused the simulator's " + command + " at " + now
                        + ": " + rejected.message());
            }
        }

        private DayResult result(long seed) {
            for (Desk desk : desks.values()) {
                if (desk.openedAt != null) {
                    closeNow(desk); // a counter without a closing session: count its time up to the last step
                }
            }
            List<TicketOutcome> tickets = lives.values().stream().map(Life::outcome).toList();
            List<CounterUsage> counters = desks.values().stream()
                    .map(d -> new CounterUsage(d.id(), d.definition.operator(), d.open, d.busy, d.calls))
                    .toList();
            List<String> names = List.copyOf(estimators.keySet());
            return new DayResult(scenario.name(), policy, seed, DAY, tickets, counters,
                    new WaitingSeries(sampleTimes, samples), names, Figures.of(centre, tickets, counters, names));
        }
    }
}
