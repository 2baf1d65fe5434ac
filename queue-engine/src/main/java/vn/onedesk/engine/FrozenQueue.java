package vn.onedesk.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.ParkedTicket;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.LineEstimate;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.routing.WaitingTickets;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * A centre's queue as it was at one instant, immutable, so that another thread may read it (and project it forward)
 * while the single writer goes on: displays compute their waits, boards and counter queues from one of these off the
 * writer's thread. Made by {@link CentreQueue#frozen} in O(active tickets): the lines and tickets are copied as
 * references (tickets, counters and the definition are immutable records), and what the queue derives from its
 * private learning (service times, arrival rates, statuses) is read once per service, as of {@link #at()}.
 *
 * <p>Its answers are the queue's answers at the instant: {@link #arrivalsPerHour} ignores the time it is given and
 * answers as of {@link #estimatesAt()}, the time estimates from a snapshot are made for.
 */
public final class FrozenQueue implements QueueView {
    /** What the queue knew of one service at the instant. */
    private record Figures(Duration meanServiceTime, double cv, Duration lastDelay, double arrivalsPerHour,
                           ServiceStatus status, int openCounters, int servers) {
    }

    private final CentreDefinition centre;
    private final RoutingPolicy routing;
    private final WaitEstimator estimator;
    private final Instant at;
    private final Instant estimatesAt;
    private final long lastCallSeq;
    private final double priorityShare;
    private final Map<String, List<Ticket>> lines;
    private final Map<String, Ticket> appointmentHeads;
    /** The active tickets that are not in a copied line (at counters, parked, reserved): few. */
    private final Map<String, Ticket> others;
    /** The waiting tickets by id, built from the lines when first asked (on the reader's thread). */
    private Map<String, Ticket> waitingById;
    private final Map<String, CounterState> counters;
    private final List<Ticket> reserved;
    private final Map<String, Integer> reservedAhead;
    private final List<ParkedTicket> parked;
    private final Map<String, Figures> figures;
    /** Lines the queue had projected as of {@link #estimatesAt} and kept: detached, so readable here. */
    private final Map<String, LineEstimate> projected;
    private final WaitingTickets waitingView = new Lines();

    FrozenQueue(CentreQueue queue, WaitEstimator estimator, Map<String, Ticket> activeById,
                Map<String, TreeSet<Ticket>> waiting, Instant at, Instant estimatesAt,
                Map<String, LineEstimate> projected) {
        this.centre = queue.definition();
        this.routing = queue.routing();
        this.estimator = estimator;
        this.at = at;
        this.estimatesAt = estimatesAt;
        this.projected = Map.copyOf(projected);
        this.lastCallSeq = queue.lastCallSeq();
        this.priorityShare = queue.priorityShare();
        Map<String, List<Ticket>> copied = new HashMap<>();
        Map<String, Ticket> heads = new HashMap<>();
        Map<String, Figures> known = new HashMap<>();
        for (ServiceField s : centre.services()) {
            String code = s.code();
            TreeSet<Ticket> line = waiting.get(code);
            copied.put(code, line == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(line)));
            queue.waiting().firstAppointment(code).ifPresent(t -> heads.put(code, t));
            known.put(code, new Figures(queue.meanServiceTime(code), queue.serviceTimeCv(code),
                    queue.lastDelay(code).orElse(null), queue.arrivalsPerHour(code, estimatesAt), queue.status(code, at),
                    queue.openCounters(code), queue.servers(code)));
        }
        this.lines = copied;
        this.appointmentHeads = heads;
        this.figures = known;
        // Not a copy of every active ticket: at 5,000 waiting that map was most of the snapshot's 250 KB. The
        // waiting ones are in the lines already, and are indexed only if someone asks for one by id.
        Map<String, Ticket> rest = new HashMap<>();
        for (Ticket t : activeById.values()) {
            if (t.state() != TicketState.WAITING || t.reserved() || !copied.containsKey(t.service())) {
                rest.put(t.id(), t);
            }
        }
        this.others = rest;
        Map<String, CounterState> states = new LinkedHashMap<>();
        queue.counters().forEach(c -> states.put(c.id(), c));
        this.counters = states;
        this.reserved = List.copyOf(queue.reservedTickets());
        Map<String, Integer> places = new HashMap<>();
        reserved.forEach(t -> places.put(t.id(), queue.ahead(t.id())));
        this.reservedAhead = places;
        this.parked = List.copyOf(queue.parked());
    }

    /** The instant the queue was frozen at: "now" for the services' statuses. */
    public Instant at() {
        return at;
    }

    /** The time of the latest event applied: "now" for the estimates, as the live queue makes them. */
    public Instant estimatesAt() {
        return estimatesAt;
    }

    @Override
    public CentreDefinition definition() {
        return centre;
    }

    @Override
    public RoutingPolicy routing() {
        return routing;
    }

    @Override
    public WaitingTickets waiting() {
        return waitingView;
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
    public Optional<Ticket> ticket(String ticketId) {
        Ticket t = others.get(ticketId);
        return t != null ? Optional.of(t) : Optional.ofNullable(waitingById().get(ticketId));
    }

    private synchronized Map<String, Ticket> waitingById() {
        if (waitingById == null) {
            Map<String, Ticket> byId = new HashMap<>();
            lines.values().forEach(line -> line.forEach(t -> byId.put(t.id(), t)));
            waitingById = byId;
        }
        return waitingById;
    }

    public long lastCallSeq() {
        return lastCallSeq;
    }

    public Collection<Ticket> reservedTickets() {
        return reserved;
    }

    /** Every parked ticket with its reason, counter and time, longest parked first. */
    public List<ParkedTicket> parked() {
        return parked;
    }

    /** As {@link CentreQueue#ahead}: tickets of the same service that will be called before this waiting ticket. */
    public int ahead(String ticketId) {
        Ticket t = ticket(ticketId).orElse(null);
        if (t == null || t.state() != TicketState.WAITING) {
            return 0;
        }
        if (t.reserved()) {
            return reservedAhead.getOrDefault(ticketId, 0);
        }
        List<Ticket> line = lines.getOrDefault(t.service(), List.of());
        int place = Collections.binarySearch(line, t, Ticket.QUEUE_ORDER);
        return place >= 0 ? place : 0;
    }

    /** As {@link CentreQueue#status(String, Instant)} at {@link #at()}. */
    public ServiceStatus status(String service) {
        Figures f = figures.get(service);
        return f == null ? ServiceStatus.NO_COUNTER : f.status();
    }

    public int openCounters(String service) {
        Figures f = figures.get(service);
        return f == null ? 0 : f.openCounters();
    }

    /**
     * One projection of the service's line as of {@link #estimatesAt()}: every place's estimate. It costs what the estimator
     * costs (milliseconds in a long line), so a caller computes it once per service and reads every place from it;
     * free when the live queue had projected it already for its own replies.
     */
    public LineEstimate line(String service) {
        LineEstimate kept = projected.get(service);
        return kept != null ? kept : estimator.line(this, service, estimatesAt);
    }

    /** As {@link CentreQueue#estimateForService}: the estimate of an ordinary ticket taken now, from its line. */
    public EstimatedWait forNewTicket(LineEstimate line, String service) {
        return line.at(waitingView.count(service));
    }

    /** As {@link CentreQueue#estimateFor}: the estimate of a waiting ticket, from its service's line. */
    public EstimatedWait forTicket(LineEstimate line, String ticketId) {
        Ticket t = ticket(ticketId).orElse(null);
        return t == null || t.state() != TicketState.WAITING ? EstimatedWait.NONE : line.at(ahead(ticketId));
    }

    @Override
    public int servers(String service) {
        Figures f = figures.get(service);
        return f == null ? 0 : f.servers();
    }

    @Override
    public Duration meanServiceTime(String service) {
        Figures f = figures.get(service);
        return f == null ? Duration.ZERO : f.meanServiceTime();
    }

    @Override
    public double serviceTimeCv(String service) {
        Figures f = figures.get(service);
        return f == null ? 0 : f.cv();
    }

    @Override
    public Optional<Duration> lastDelay(String service) {
        Figures f = figures.get(service);
        return f == null ? Optional.empty() : Optional.ofNullable(f.lastDelay());
    }

    /** The rate as of {@link #at()}, whatever {@code now} is given: the snapshot knows no later arrivals. */
    @Override
    public double arrivalsPerHour(String service, Instant now) {
        Figures f = figures.get(service);
        return f == null ? 0 : f.arrivalsPerHour();
    }

    @Override
    public double priorityShare() {
        return priorityShare;
    }

    /** The copied lines, read as the routing policies and estimators read the live ones. */
    private final class Lines implements WaitingTickets {
        @Override
        public Optional<Ticket> head(String service) {
            List<Ticket> line = lines.get(service);
            return line == null || line.isEmpty() ? Optional.empty() : Optional.of(line.get(0));
        }

        @Override
        public int count(String service) {
            List<Ticket> line = lines.get(service);
            return line == null ? 0 : line.size();
        }

        @Override
        public Stream<Ticket> inOrder(String service) {
            List<Ticket> line = lines.get(service);
            return line == null ? Stream.empty() : line.stream();
        }

        @Override
        public Optional<Ticket> headOrdinary(String service) {
            List<Ticket> line = lines.get(service);
            if (line == null) {
                return Optional.empty();
            }
            for (Ticket t : line) { // priority tickets come first, and are few
                if (!t.priority().isPriority()) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<Ticket> firstAppointment(String service) {
            return Optional.ofNullable(appointmentHeads.get(service));
        }
    }
}
