package vn.onedesk.engine;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import vn.onedesk.engine.estimation.EstimateCache;
import vn.onedesk.engine.estimation.LineEstimate;
import vn.onedesk.engine.Command.AtCounter;
import vn.onedesk.engine.Command.CallNext;
import vn.onedesk.engine.Command.CloseCounter;
import vn.onedesk.engine.Command.CompleteService;
import vn.onedesk.engine.Command.IssueTicket;
import vn.onedesk.engine.Command.MarkNoShow;
import vn.onedesk.engine.Command.OpenCounter;
import vn.onedesk.engine.Command.RateService;
import vn.onedesk.engine.Command.Reconfigure;
import vn.onedesk.engine.Command.Recall;
import vn.onedesk.engine.Command.Requeue;
import vn.onedesk.engine.Command.StartService;
import vn.onedesk.engine.Command.Transfer;
import vn.onedesk.engine.Event.CentreReconfigured;
import vn.onedesk.engine.Event.CounterClosed;
import vn.onedesk.engine.Event.CounterOpened;
import vn.onedesk.engine.Event.ServiceCompleted;
import vn.onedesk.engine.Event.ServiceStarted;
import vn.onedesk.engine.Event.TicketCalled;
import vn.onedesk.engine.Event.TicketIssued;
import vn.onedesk.engine.Event.TicketNoShow;
import vn.onedesk.engine.Event.TicketRequeued;
import vn.onedesk.engine.Event.TicketTransferred;
import vn.onedesk.engine.QueueSnapshot.DayNumbering;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.counters.ParkedTicket;
import vn.onedesk.engine.counters.Parking;
import vn.onedesk.engine.estimation.ArrivalRates;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.ServiceTimes;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.routing.RoutingDecision;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.routing.WaitingTickets;
import vn.onedesk.engine.rating.Completion;
import vn.onedesk.engine.rating.Completions;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.NoShows;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * The queue of one centre: tickets, counters, numbering and calls. Not thread-safe by design; the
 * gateway gives each centre a single writer.
 *
 * <p>Commands are decided without changing anything ({@link #decide}); the resulting events change
 * the state ({@link #apply}). Time is always passed in, never read from a clock.
 */
public final class CentreQueue implements QueueView {
    private CentreDefinition centre;
    private final RoutingPolicy routing;
    private final WaitEstimator estimator;
    private final ServiceTimes serviceTimes;
    private final EstimateCache estimates = new EstimateCache();

    private final Map<String, Ticket> active = new HashMap<>();
    private final Map<String, TreeSet<Ticket>> waiting = new HashMap<>();
    /** The appointment lane of each service: waiting ordinary tickets that kept an appointment, earliest booking first. */
    private final Map<String, TreeSet<Ticket>> appointments = new HashMap<>();
    private final Map<String, CounterDefinition> counterDefinitions = new HashMap<>();
    private final ArrivalRates arrivals = new ArrivalRates();
    private final Map<String, CounterState> counters = new LinkedHashMap<>();
    private final Map<String, DayNumbering> numbering = new HashMap<>();
    private final Map<String, Duration> lastDelay = new HashMap<>();
    /** Whether what the estimates have learnt changed since {@link #learnt()} last gave it. */
    private boolean learning;
    /** The PARKED tickets' reasons, counters and times. */
    private final Parking parking = new Parking();
    private final Completions completions = new Completions();
    /** Recent no-shows, which REQUEUE may put back in line. */
    private final NoShows noShows = new NoShows();
    /** Waiting tickets a transfer reserved for one counter or officer, out of the lines routing reads. */
    private final Reservations reservations = new Reservations();
    /** The time of the latest event applied: "now" for queries that are not given a time. */
    private Instant latest = Instant.EPOCH;
    private long lastCallSeq;
    private long lastOrdinal;
    /** What the command being executed changes ({@link #execute}); null outside it (handle, replay), which costs nothing. */
    private ChangeRecorder recording;
    /** The one recorder {@link #execute} clears and lends to {@link #recording} for each command. */
    private final ChangeRecorder recorder = new ChangeRecorder();

    private final WaitingTickets waitingView = new WaitingTickets() {
        @Override
        public Optional<Ticket> head(String service) {
            TreeSet<Ticket> line = waiting.get(service);
            return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line.first());
        }

        @Override
        public int count(String service) {
            TreeSet<Ticket> line = waiting.get(service);
            return line == null ? 0 : line.size();
        }

        @Override
        public Stream<Ticket> inOrder(String service) {
            TreeSet<Ticket> line = waiting.get(service);
            return line == null ? Stream.empty() : line.stream();
        }

        @Override
        public Optional<Ticket> headOrdinary(String service) {
            TreeSet<Ticket> line = waiting.get(service);
            return line == null ? Optional.empty() : Optional.ofNullable(line.ceiling(ORDINARY_PROBE));
        }

        @Override
        public Optional<Ticket> firstAppointment(String service) {
            TreeSet<Ticket> lane = appointments.get(service);
            return lane == null || lane.isEmpty() ? Optional.empty() : Optional.of(lane.first());
        }
    };

    /**
     * Sorts before every ordinary ticket and after every priority ticket in {@link Ticket#QUEUE_ORDER}, so
     * that {@code line.ceiling(ORDINARY_PROBE)} is the head of the ordinary lane in O(log n).
     */
    private static final Ticket ORDINARY_PROBE = Ticket.issued("", Long.MIN_VALUE, "", "", LocalDate.MIN, 0,
            PriorityGroup.NONE, Channel.WALK_IN, Instant.MIN);

    private CentreQueue(CentreDefinition centre, RoutingPolicy routing, WaitEstimator estimator) {
        this.centre = centre;
        this.routing = routing;
        this.estimator = estimator;
        this.serviceTimes = new ServiceTimes(centre.services().stream()
                .collect(Collectors.toMap(ServiceField::code, ServiceField::expectedServiceTime)));
        for (ServiceField s : centre.services()) {
            waiting.put(s.code(), new TreeSet<>(Ticket.QUEUE_ORDER));
            appointments.put(s.code(), new TreeSet<>(Ticket.APPOINTMENT_ORDER));
        }
        for (CounterDefinition c : centre.counters()) {
            counters.put(c.id(), CounterState.closed(c.id()));
            counterDefinitions.put(c.id(), c);
        }
    }

    public static CentreQueue empty(CentreDefinition centre, RoutingPolicy routing, WaitEstimator estimator) {
        return new CentreQueue(centre, routing, estimator);
    }

    /** Rebuilds a queue from a snapshot; counters or tickets the definition no longer knows are dropped. */
    public static CentreQueue restore(CentreDefinition centre, RoutingPolicy routing, WaitEstimator estimator,
                                      QueueSnapshot snapshot) {
        CentreQueue queue = new CentreQueue(centre, routing, estimator);
        for (Ticket t : snapshot.activeTickets()) {
            if (centre.service(t.service()).isPresent() && t.state().isActive()) {
                queue.put(t);
            }
        }
        for (CounterState c : snapshot.counters()) {
            if (queue.counters.containsKey(c.id())) {
                queue.counters.put(c.id(), c);
            }
        }
        // What was dropped must not leave the rest pointing at it: a counter lets go of a ticket that
        // is gone, and a ticket called to a counter that is gone goes back to its place in line.
        queue.counters.replaceAll((id, c) -> c.current().map(queue.active::get)
                .filter(t -> t.state().isAtCounter() && id.equals(t.counter())).isPresent() ? c : c.idle());
        for (Ticket t : List.copyOf(queue.active.values())) {
            CounterState at = t.state().isAtCounter() ? queue.counters.get(t.counter()) : null;
            if (t.state().isAtCounter() && (at == null || !t.id().equals(at.currentTicket()))) {
                queue.put(t.transferredTo(t.service(), t.handover(), t.waitingSince()));
            }
        }
        queue.parking.restore(snapshot.parked(), queue.active.values());
        queue.noShows.addAll(snapshot.noShows());
        queue.numbering.putAll(snapshot.numbering());
        queue.lastCallSeq = snapshot.lastCallSeq();
        queue.lastOrdinal = snapshot.lastOrdinal();
        queue.completions.restore(snapshot.completions());
        if (snapshot.learnt() != null) {
            queue.relearn(snapshot.learnt());
        }
        return queue;
    }

    @Override
    public CentreDefinition definition() {
        return centre;
    }

    @Override
    public RoutingPolicy routing() {
        return routing;
    }

    /**
     * An immutable copy of the queue, for readers on other threads (the displays' projection): statuses as of
     * {@code now}, estimates as of the latest event (as {@link #estimateFor(String)} makes them). The waiting lines
     * are copied as references and the few other active tickets indexed, O(active tickets), less than one line
     * projection's own copy of the lines; what the estimates have learnt is read once per service. Lines the queue projected for its
     * own replies and still keeps are reused, so that both show the same estimates and none is projected twice.
     */
    public FrozenQueue frozen(Instant now) {
        return new FrozenQueue(this, estimator, active, waiting, now, latest, estimates.detached(latest));
    }

    /** Decides a command and applies its events: the single-writer convenience. */
    public Decision handle(Command command, Instant now) {
        Decision decision = decide(command, now);
        if (decision instanceof Decision.Accepted accepted) {
            accepted.events().forEach(this::apply);
        }
        return decision;
    }

    /** What the command would do, without doing it. */
    public Decision decide(Command command, Instant now) {
        if (command instanceof IssueTicket issue) {
            return decideIssue(issue, now);
        }
        if (command instanceof Reconfigure reconfigure) {
            return decideReconfigure(reconfigure.definition(), now);
        }
        if (command instanceof Command.ConfirmRemote confirm) {
            return RemoteTickets.confirm(confirm, remoteByCode(confirm.code()), now);
        }
        if (command instanceof Command.ExpireParked) {
            return parking.expire(centre.rules().parkTimeout(), now);
        }
        if (command instanceof RateService rate) {
            return completions.decide(rate, centre, now);
        }
        if (command instanceof Requeue requeue) {
            return Requeues.decide(requeue, centre, noShows, activeByNumber(requeue.ticketNumber()),
                    requeue.counter() == null ? Optional.empty() : counter(requeue.counter()), waitingView, lastOrdinal,
                    now);
        }
        AtCounter atCounter = (AtCounter) command;
        Optional<CounterDefinition> definition = Optional.ofNullable(counterDefinitions.get(atCounter.counter()));
        if (definition.isEmpty()) {
            return Decision.reject(Rejection.UNKNOWN_COUNTER, "centre " + centre.id() + " has no counter "
                    + atCounter.counter());
        }
        CounterState counter = counters.get(atCounter.counter());
        Optional<Ticket> current = counter.current().map(active::get);
        if (command instanceof OpenCounter open) {
            return decideOpen(counter, open.officer(), now);
        }
        String officer = counter.officerId();
        if (command instanceof CloseCounter close) {
            if (close.officer() != null && !close.officer().equals(officer)) {
                return Decision.accept(); // not (or no longer) theirs: someone else's counter is left alone
            }
            if (current.isPresent()) {
                return busy(counter, current.get(), "complete, transfer or mark it no-show before closing");
            }
            return counter.open() ? Decision.accept(new CounterClosed(counter.id(), officer, now)) : Decision.accept();
        }
        if (!counter.open()) {
            return Decision.reject(Rejection.COUNTER_CLOSED, "counter " + counter.id() + " is closed; open it first");
        }
        if (command instanceof Command.Park park) {
            return parking.park(counter, current.orElse(null), park.reason(), now);
        }
        if (command instanceof Command.CallParked call) {
            return parking.callParked(counter, definition.get(), current.orElse(null), call.ticketNumber(),
                    active.values(), lastCallSeq + 1, now);
        }
        if (command instanceof Command.CallNumber call) {
            return parking.callNumber(counter, definition.get(), current.orElse(null), call.ticketNumber(),
                    call.reason(), active.values(), lastCallSeq + 1, now);
        }
        if (command instanceof CallNext) {
            if (current.isPresent()) {
                return busy(counter, current.get(), "complete, transfer or mark it no-show before calling the next");
            }
            return callNext(counter, definition.get(), officer, now);
        }
        if (current.isEmpty()) {
            return Decision.reject(Rejection.INVALID_STATE, "counter " + counter.id() + " has no ticket; call one first");
        }
        Ticket ticket = current.get();
        if (command instanceof Recall) {
            if (ticket.state() == TicketState.CALLED && ticket.calls() - 1 >= centre.rules().recallLimit()) {
                return Decision.reject(Rejection.RECALL_LIMIT, ticket.number() + " was recalled "
                        + (ticket.calls() - 1) + " times, the centre's limit; mark it no-show");
            }
            return ticket.state() == TicketState.CALLED
                    ? Decision.accept(new TicketCalled(ticket.id(), counter.id(), lastCallSeq + 1, true, "recall", officer,
                            now))
                    : wrongState(ticket, "only a called ticket can be called again");
        }
        if (command instanceof MarkNoShow) {
            return ticket.state() == TicketState.CALLED
                    ? Decision.accept(new TicketNoShow(ticket.id(), counter.id(), officer, now))
                    : wrongState(ticket, "only a called ticket can be marked no-show");
        }
        if (command instanceof StartService) {
            return ticket.state() == TicketState.CALLED
                    ? Decision.accept(new ServiceStarted(ticket.id(), counter.id(), officer, now))
                    : wrongState(ticket, "service has already started");
        }
        if (command instanceof CompleteService complete) {
            // Many terminals skip START; completing a called ticket counts its service from the call.
            return Decision.accept(new ServiceCompleted(ticket.id(), counter.id(), officer, now, complete.dossiers()));
        }
        return Transfers.decide((Transfer) command, centre, counterDefinitions, counter, ticket, now);
    }

    /**
     * CALL_NEXT: the reserved ticket or the routing's choice, except that a remote ticket whose citizen was not seen
     * yet is never called this way: the call passes it over (it keeps its place) and the routing chooses again
     * without it. The first pass is an event (the remote grace runs from it); a pass within the grace is none; a
     * call that reaches it after the grace ends it as an expired NO_SHOW. A turn counts only when another ticket is
     * called instead: with nobody else to call, the counter is told NO_TICKET_WAITING and the ticket is left as it was.
     */
    private Decision callNext(CounterState counter, CounterDefinition definition, String officer, Instant now) {
        Optional<RoutingDecision> reserved = reservations.next(centre, definition, officer, now);
        if (reserved.isPresent()) { // a reserved ticket was at a counter already: its citizen was seen
            return Decision.accept(new TicketCalled(reserved.get().ticket().id(), counter.id(), lastCallSeq + 1,
                    false, reserved.get().reason(), officer, now));
        }
        List<Event> passes = new ArrayList<>();
        RemoteTickets.Passing passing = new RemoteTickets.Passing(waitingView);
        while (true) {
            Optional<RoutingDecision> choice = routing.choose(centre, definition, passing, now);
            if (choice.isEmpty()) {
                return Decision.reject(Rejection.NO_TICKET_WAITING, "no waiting ticket for "
                        + String.join(", ", definition.skills())
                        + (passing.isEmpty() ? "" : " but remote tickets not yet confirmed in the hall"));
            }
            Ticket chosen = choice.get().ticket();
            if (!chosen.awaitsConfirmation()) {
                passes.add(new TicketCalled(chosen.id(), counter.id(), lastCallSeq + 1, false, choice.get().reason(),
                        officer, now));
                return new Decision.Accepted(passes);
            }
            RemoteTickets.pass(chosen, centre.rules().remoteGrace(), counter.id(), officer, now).ifPresent(passes::add);
            passing.skip(chosen);
        }
    }

    /**
     * Decides a command and, when it is accepted, applies its events, reporting everything they changed: the tickets
     * they touched as they stand after it (finished ones in their final state, with the time they finished) and the
     * counters whose state changed. A refused command changes nothing. The report is collected while applying, at
     * the cost of the events, so that an adapter persists and publishes exactly what changed without rebuilding it.
     */
    public Execution execute(Command command, Instant now) {
        Decision decision = decide(command, now);
        if (decision instanceof Decision.Rejected rejected) {
            return new Execution.Refused(rejected.rejection(), rejected.message());
        }
        List<Event> events = ((Decision.Accepted) decision).events();
        recorder.clear();
        recording = recorder;
        try {
            events.forEach(this::apply);
        } finally {
            recording = null;
        }
        return new Execution.Applied(recorder.changes(events, counters));
    }

    /**
     * OPEN: without an officer, opens a closed counter and leaves an open one (and whoever is bound to it) as it is.
     * With an officer: refused while they are bound to another counter (OFFICER_BUSY) or while another officer is
     * bound to this one (INVALID_STATE: they close it first); binds them to this counter, open or not; a no-op when
     * they are already bound to it.
     */
    private Decision decideOpen(CounterState counter, Officer officer, Instant now) {
        if (officer == null) {
            return counter.open() ? Decision.accept() : Decision.accept(new CounterOpened(counter.id(), now));
        }
        Optional<CounterState> elsewhere = counters.values().stream()
                .filter(c -> !c.id().equals(counter.id()) && officer.id().equals(c.officerId()))
                .findFirst();
        if (elsewhere.isPresent()) {
            return Decision.reject(Rejection.OFFICER_BUSY, "officer " + officer.id() + " is at counter "
                    + elsewhere.get().id() + "; close that counter first");
        }
        if (counter.officer() != null && !officer.id().equals(counter.officerId())) {
            return Decision.reject(Rejection.INVALID_STATE, "counter " + counter.id() + " is open with officer "
                    + counter.officerId() + "; they close it first");
        }
        if (counter.open() && officer.equals(counter.officer())) {
            return Decision.accept();
        }
        return Decision.accept(new CounterOpened(counter.id(), officer, now));
    }

    /**
     * A new definition of the centre. Refused while it would strand a citizen: a counter it removes, or whose
     * operator it changes, holds a ticket (COUNTER_BUSY: finish or transfer it first), or a service it removes has
     * tickets waiting or at a counter (SERVICE_IN_USE). Such a counter that is open but idle is closed first, by
     * its own event, so that reports see it close. Skills, targets and sessions change under waiting tickets,
     * which keep their place.
     */
    private Decision decideReconfigure(CentreDefinition next, Instant now) {
        if (!next.id().equals(centre.id())) {
            return Decision.reject(Rejection.INVALID_STATE, "the definition is of centre " + next.id() + ", not "
                    + centre.id());
        }
        if (next.equals(centre)) {
            return Decision.accept();
        }
        List<Event> events = new ArrayList<>();
        for (CounterDefinition was : centre.counters()) {
            Optional<CounterDefinition> now2 = next.counter(was.id());
            if (now2.isPresent() && now2.get().operator().equals(was.operator())) {
                continue;
            }
            CounterState state = counters.get(was.id());
            Optional<Ticket> held = state.current().map(active::get);
            if (held.isPresent()) {
                return Decision.reject(Rejection.COUNTER_BUSY, "counter " + was.id() + " has " + held.get().number()
                        + " (" + held.get().state() + "); complete, transfer or mark it no-show before "
                        + (now2.isPresent() ? "changing its operator" : "removing the counter"));
            }
            if (state.open()) {
                events.add(new CounterClosed(was.id(), state.officerId(), now));
            }
        }
        for (ServiceField was : centre.services()) {
            if (next.service(was.code()).isEmpty()) {
                long tickets = active.values().stream().filter(t -> t.service().equals(was.code())).count();
                if (tickets > 0) {
                    return Decision.reject(Rejection.SERVICE_IN_USE, "service " + was.code() + " has " + tickets
                            + " ticket(s) waiting or at a counter; serve or transfer them before removing it");
                }
            }
        }
        events.add(new CentreReconfigured(next, now));
        return new Decision.Accepted(events);
    }

    private void reconfigure(CentreDefinition next) {
        CentreDefinition was = centre;
        centre = next;
        counterDefinitions.clear();
        for (CounterDefinition c : next.counters()) {
            counterDefinitions.put(c.id(), c);
        }
        counters.keySet().removeIf(id -> next.counter(id).isEmpty());
        Map<String, CounterState> ordered = new LinkedHashMap<>();
        for (CounterDefinition c : next.counters()) {
            ordered.put(c.id(), counters.getOrDefault(c.id(), CounterState.closed(c.id())));
        }
        counters.clear();
        counters.putAll(ordered);
        for (ServiceField s : next.services()) {
            waiting.computeIfAbsent(s.code(), code -> new TreeSet<>(Ticket.QUEUE_ORDER));
            appointments.computeIfAbsent(s.code(), code -> new TreeSet<>(Ticket.APPOINTMENT_ORDER));
            Optional<ServiceField> before = was.service(s.code());
            if (before.isEmpty() || !before.get().expectedServiceTime().equals(s.expectedServiceTime())) {
                serviceTimes.expect(s.code(), s.expectedServiceTime());
                learning = true;
            }
        }
        for (ServiceField s : was.services()) {
            if (next.service(s.code()).isEmpty()) {
                waiting.remove(s.code());
                appointments.remove(s.code());
            }
        }
    }

    private Decision decideIssue(IssueTicket issue, Instant now) {
        Optional<ServiceField> service = centre.service(issue.service());
        if (service.isEmpty()) {
            return Decision.reject(Rejection.UNKNOWN_SERVICE, "centre " + centre.id() + " has no service "
                    + issue.service());
        }
        if (centre.closedAt(now)) {
            return Decision.reject(Rejection.SERVICE_CLOSED, "the centre is outside its opening hours "
                    + centre.sessions().stream().map(s -> s.from() + "–" + s.to()).collect(Collectors.joining(", ")));
        }
        if (active.containsKey(issue.ticketId())) {
            return Decision.reject(Rejection.INVALID_STATE, "ticket id " + issue.ticketId() + " is already in use");
        }
        if (issue.remote() != null) {
            Optional<Decision> refused = RemoteTickets.refuseIssue(issue, centre, status(issue.service(), now),
                    active.values(), now);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        LocalDate day = centre.serviceDay(now);
        DayNumbering last = numbering.get(issue.service());
        int sequence = last == null ? 1 : last.next(day);
        String number = service.get().prefix() + String.format("%03d", sequence);
        Ticket ticket = Ticket.issued(issue.ticketId(), lastOrdinal + 1, number, issue.service(), day, sequence,
                issue.priority(), issue.channel(), now, issue.appointmentAt()).withRemote(issue.remote());
        return Decision.accept(new TicketIssued(ticket, issue.dossier()));
    }

    private static Decision busy(CounterState counter, Ticket ticket, String advice) {
        return Decision.reject(Rejection.INVALID_STATE, "counter " + counter.id() + " has " + ticket.number() + " ("
                + ticket.state() + "); " + advice);
    }

    private static Decision wrongState(Ticket ticket, String why) {
        return Decision.reject(Rejection.INVALID_STATE, ticket.number() + " is " + ticket.state() + ": " + why);
    }

    /** Applies one event. Events come from {@link #decide} or from a stored log, never from outside input. */
    public void apply(Event event) {
        if (event.at().isAfter(latest)) {
            latest = event.at();
        }
        if (!(event instanceof TicketIssued) && !(event instanceof Event.ServiceRated)) {
            estimates.clear();
        }
        parking.apply(event);
        if (event instanceof TicketIssued issued) {
            Ticket t = issued.ticket();
            put(t);
            if (recording != null) {
                recording.issued(t);
            }
            estimates.joined(t.service(), waiting.get(t.service()).last() == t);
            arrivals.arrived(t.service(), t.priority().isPriority(), t.waitingSince());
            learning = true;
            numbering.put(t.service(), new DayNumbering(t.serviceDay(), t.sequence()));
            lastOrdinal = Math.max(lastOrdinal, t.ordinal());
        } else if (event instanceof CentreReconfigured reconfigured) {
            if (recording != null) { // counters it adds appear, closed; those it removes have no state to report
                reconfigured.definition().counters().forEach(c -> recording.counter(c.id(), counters.get(c.id())));
            }
            reconfigure(reconfigured.definition());
        } else if (event instanceof CounterOpened opened) {
            changeCounter(opened.counter(), c -> c.opened(opened.by()));
        } else if (event instanceof CounterClosed closed) {
            changeCounter(closed.counter(), CounterState::closedNow);
        } else if (event instanceof TicketCalled called) {
            Ticket t = require(called.ticketId());
            if (!called.recall() && !called.resumed()) { // a parked ticket's time aside is no wait in line
                lastDelay.put(t.service(), Duration.between(t.waitingSince(), called.at()));
                learning = true;
            }
            put(called.recall() ? t.recalled() : t.called(called.counter(), called.at()));
            changeCounter(called.counter(), c -> c.serving(t.id()));
            lastCallSeq = called.callSeq();
        } else if (event instanceof TicketNoShow noShow) {
            noShows.add(require(noShow.ticketId()), noShow.at());
            finish(noShow.ticketId(), noShow.counter(), TicketState.NO_SHOW, noShow.at());
        } else if (event instanceof Event.TicketParked parked) {
            put(require(parked.ticketId()).finished(TicketState.PARKED)); // keeps its counter: where it was parked
            changeCounter(parked.counter(), CounterState::idle);
        } else if (event instanceof TicketRequeued requeued) {
            Ticket t = noShows.byId(requeued.ticketId()).map(NoShows.NoShow::ticket).orElseThrow(() -> new IllegalStateException(
                    "requeue of ticket " + requeued.ticketId() + ", which is no recent no-show"));
            noShows.remove(t.id());
            put(t.requeuedAt(requeued.placedAt(), requeued.at()));
            arrivals.arrived(t.service(), t.priority().isPriority(), requeued.at());
            learning = true;
        } else if (event instanceof Event.RemoteTicketConfirmed confirmed) {
            Ticket t = require(confirmed.ticketId());
            put(t.withRemote(t.remote().confirm(confirmed.at())));
        } else if (event instanceof Event.RemoteTicketPassed passed) {
            Ticket t = require(passed.ticketId());
            put(t.withRemote(t.remote().pass(passed.at())));
        } else if (event instanceof ServiceStarted started) {
            put(require(started.ticketId()).started(started.at()));
        } else if (event instanceof ServiceCompleted completed) {
            Ticket t = require(completed.ticketId());
            Instant start = t.startedAt() != null ? t.startedAt() : t.calledAt();
            if (start != null) {
                serviceTimes.observe(t.service(), Duration.between(start, completed.at()));
                learning = true;
            }
            finish(completed.ticketId(), completed.counter(), TicketState.DONE, completed.at());
            completions.completed(new Completion(t.id(), t.number(), t.service(), completed.counter(),
                    completed.officer(), completed.at(), false));
        } else if (event instanceof Event.ServiceRated rated) {
            completions.rated(rated.ticketId());
        } else if (event instanceof TicketTransferred transferred) {
            Ticket from = require(transferred.ticketId());
            Ticket t = from.transferredTo(transferred.toService(), Transfers.handover(transferred), transferred.at());
            put(t);
            if (!t.service().equals(from.service())) {
                arrivals.arrived(t.service(), t.priority().isPriority(), transferred.at());
                learning = true;
            }
            changeCounter(transferred.counter(), CounterState::idle);
        }
    }

    private Ticket require(String ticketId) {
        Ticket t = active.get(ticketId);
        if (t == null) {
            throw new IllegalStateException("event refers to unknown or finished ticket " + ticketId);
        }
        return t;
    }

    private void put(Ticket ticket) {
        Ticket previous = active.put(ticket.id(), ticket);
        if (previous != null && previous.state() == TicketState.WAITING) {
            if (previous.reserved()) {
                reservations.remove(previous);
            } else {
                waiting.get(previous.service()).remove(previous);
                appointments.get(previous.service()).remove(previous);
            }
        }
        if (ticket.reserved()) {
            reservations.add(ticket);
        } else if (ticket.state() == TicketState.WAITING) {
            waiting.get(ticket.service()).add(ticket);
            if (!ticket.priority().isPriority() && ticket.keptAppointment()) {
                appointments.get(ticket.service()).add(ticket);
            }
        }
        if (recording != null) {
            recording.ticket(ticket);
        }
    }

    private void finish(String ticketId, String counterId, TicketState end, Instant at) {
        Ticket t = require(ticketId);
        active.remove(ticketId);
        if (t.state() == TicketState.WAITING) { // an unconfirmed remote ticket expired in line
            if (t.reserved()) {
                reservations.remove(t);
            } else {
                waiting.get(t.service()).remove(t);
                appointments.get(t.service()).remove(t);
            }
        }
        if (recording != null) {
            recording.finished(t.finished(end), at);
        }
        // an expired parked ticket is no longer at its counter, which may be serving someone else by now
        changeCounter(counterId, c -> ticketId.equals(c.currentTicket()) ? c.idle() : c);
    }

    /** Changes an existing counter's state (an unknown counter is left alone), noting it for {@link #execute}. */
    private void changeCounter(String counterId, java.util.function.UnaryOperator<CounterState> change) {
        CounterState was = counters.get(counterId);
        if (was == null) {
            return;
        }
        if (recording != null) {
            recording.counter(counterId, was);
        }
        counters.put(counterId, change.apply(was));
    }

    // --- queries ---

    @Override
    public Optional<Ticket> ticket(String ticketId) {
        return Optional.ofNullable(active.get(ticketId));
    }

    /** The active ticket with this number (a number is unique among a centre's active tickets), if any. */
    private Optional<Ticket> activeByNumber(String number) {
        return active.values().stream().filter(t -> t.number().equals(number)).findFirst();
    }

    /** The active remote ticket with this confirmation code, if any (codes are unique among active tickets). */
    public Optional<Ticket> remoteByCode(String code) {
        return active.values().stream().filter(t -> t.remote() != null && t.remote().code().equals(code)).findFirst();
    }

    /** The waiting tickets reserved by a transfer for one counter or officer, which routing does not see. */
    public Collection<Ticket> reservedTickets() {
        return reservations.all();
    }

    /** Recent no-shows that REQUEUE may still put back in line (within the grace) or refuse as expired. */
    public List<NoShows.NoShow> recentNoShows() {
        return noShows.all();
    }

    public Collection<Ticket> activeTickets() {
        return List.copyOf(active.values());
    }

    @Override
    public Optional<CounterState> counter(String counterId) {
        return Optional.ofNullable(counters.get(counterId));
    }

    @Override
    public List<CounterState> counters() {
        return List.copyOf(counters.values());
    }

    @Override
    public WaitingTickets waiting() {
        return waitingView;
    }

    /** Every parked ticket with its reason, counter and time, longest parked first. */
    public List<ParkedTicket> parked() {
        return parking.all();
    }

    /** When the longest parked ticket expires to NO_SHOW (submit {@link Command.ExpireParked} then); empty if none. */
    public Optional<Instant> nextParkingExpiry() {
        return parking.nextExpiry(centre.rules().parkTimeout());
    }

    /** Tickets completed in the last 24 h, and whether they were rated. */
    public Completions completions() {
        return completions;
    }

    public long lastCallSeq() {
        return lastCallSeq;
    }

    public long lastOrdinal() {
        return lastOrdinal;
    }

    /** Tickets of the same service that will be called before this waiting ticket. */
    public int ahead(String ticketId) {
        Ticket t = active.get(ticketId);
        if (t == null || t.state() != TicketState.WAITING) {
            return 0;
        }
        if (t.reserved()) {
            return reservations.ahead(t);
        }
        TreeSet<Ticket> line = waiting.get(t.service());
        return line.last() == t ? line.size() - 1 : line.headSet(t, false).size();
    }

    @Override
    public int servers(String service) {
        List<CounterDefinition> able = centre.counters().stream().filter(c -> c.canServe(service)).toList();
        long open = able.stream().filter(c -> counters.get(c.id()).open()).count();
        return (int) (open > 0 ? open : able.size());
    }

    public int openCounters(String service) {
        return (int) centre.counters().stream()
                .filter(c -> c.canServe(service) && counters.get(c.id()).open())
                .count();
    }

    @Override
    public Duration meanServiceTime(String service) {
        return serviceTimes.mean(service);
    }

    @Override
    public double serviceTimeCv(String service) {
        return serviceTimes.cv(service);
    }

    @Override
    public Optional<Duration> lastDelay(String service) {
        return Optional.ofNullable(lastDelay.get(service));
    }

    @Override
    public double arrivalsPerHour(String service, Instant now) {
        return arrivals.perHour(service, now);
    }

    @Override
    public double priorityShare() {
        return arrivals.priorityShare();
    }

    /**
     * Whether the service is served now, and so whether an estimate of its wait means anything: CLOSED outside
     * the opening hours of a centre that keeps them (when it also refuses tickets), with the next opening;
     * NO_COUNTER when no open counter can serve it; OPEN otherwise.
     */
    public ServiceStatus status(String service, Instant now) {
        if (centre.closedAt(now)) {
            return ServiceStatus.closed(centre.nextOpening(now).orElse(null));
        }
        if (openCounters(service) > 0) {
            return ServiceStatus.OPEN; // outside the hours too: a counter finishing the queue serves it
        }
        // A centre that takes tickets at any hour: "no counter open" is true, and when counters come back helps more.
        return centre.sessions().isEmpty() || centre.inSession(now) ? ServiceStatus.NO_COUNTER
                : ServiceStatus.noCounterUntil(centre.nextOpening(now).orElse(null));
    }

    /** The service's status as of the latest event, as the reply to that event shows it. */
    public ServiceStatus status(String service) {
        return status(service, latest);
    }

    /**
     * When the status of the services may next change with no event, by the clock alone (a session starts or
     * ends); empty for a centre without sessions, where only counters opening and closing change it.
     */
    public Optional<Instant> nextStatusChange(Instant now) {
        return centre.nextSessionChange(now); // opening hours change CLOSED, and NO_COUNTER's opensAt
    }

    /** The estimated wait of a waiting ticket, as of the latest event. */
    public EstimatedWait estimateFor(String ticketId) {
        return estimateFor(ticketId, latest);
    }

    /** The estimated wait of an ordinary ticket taken now for the service, as of the latest event. */
    public EstimatedWait estimateForService(String service) {
        return estimateForService(service, latest);
    }

    /** The estimated wait of a waiting ticket. */
    public EstimatedWait estimateFor(String ticketId, Instant now) {
        Ticket t = active.get(ticketId);
        if (t == null || t.state() != TicketState.WAITING) {
            return EstimatedWait.NONE;
        }
        return line(t.service(), now).at(ahead(ticketId));
    }

    /** The estimated wait of an ordinary ticket taken now for the service. */
    public EstimatedWait estimateForService(String service, Instant now) {
        return line(service, now).at(waitingView.count(service));
    }

    private LineEstimate line(String service, Instant now) {
        return estimates.get(service, now, () -> estimator.line(this, service, now));
    }

    /**
     * What the estimates have learnt so far, to be stored with the batch; null when nothing learnt changed since the
     * last call (an issue, a call in line order, a completion, a requeue, a transfer to another service or a new
     * expected service time changes it).
     */
    public vn.onedesk.engine.estimation.LearntEstimates learnt() {
        if (!learning) {
            return null;
        }
        learning = false;
        return learntNow();
    }

    private vn.onedesk.engine.estimation.LearntEstimates learntNow() {
        return new vn.onedesk.engine.estimation.LearntEstimates(serviceTimes.export(), arrivals.export(),
                arrivals.priorityShare(), lastDelay);
    }

    /** Takes back what a snapshot says the estimates had learnt, before any event is applied. */
    private void relearn(vn.onedesk.engine.estimation.LearntEstimates learnt) {
        serviceTimes.restore(learnt.serviceTimes());
        arrivals.restore(learnt.arrivals(), learnt.priorityShare());
        lastDelay.putAll(learnt.lastDelays());
    }

    public QueueSnapshot snapshot() {
        List<Ticket> tickets = new ArrayList<>(active.values());
        tickets.sort(Comparator.comparingLong(Ticket::ordinal));
        return new QueueSnapshot(tickets, counters(), numbering, lastCallSeq, lastOrdinal, parking.all(),
                completions.all(), noShows.all(), learntNow());
    }
}
