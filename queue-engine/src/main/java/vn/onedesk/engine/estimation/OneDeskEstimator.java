package vn.onedesk.engine.estimation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import vn.onedesk.engine.QueueView;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.routing.TicketPicker;
import vn.onedesk.engine.routing.WaitingTickets;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * OneDesk's wait estimate: the centre played forward, deterministically, from its present state
 * until the ticket is called.
 *
 * <p><b>Model.</b> The projection copies the waiting lines (priority, appointment and ordinary
 * lanes) and lets each counter call by <em>the centre's own routing policy</em>, so it splits its
 * time across primary and secondary skills exactly as the counters will: a counter with the service
 * as secondary helps only when the policy would send it there (its own lines empty, or the service's
 * urgency clearly higher). A counter serving someone becomes free after the <em>expected remaining</em>
 * service time, max(mean − elapsed, {@value #MIN_REMAINING_SHARE} × mean); every later service takes
 * the service's recent mean (the EWMA of {@link ServiceTimes}). New citizens keep arriving at each
 * service's recent arrival rate during the sessions, a share of them in priority groups (who jump
 * ahead of an ordinary ticket). A counter calls only inside the centre's sessions: one that becomes free outside them waits
 * for the next session of the day (lunch), and after the last session works the line down. Counters
 * closed now are assumed to open at the next session. The estimate is the time the ticket is called.
 *
 * <p><b>Band.</b> The citizen sees a band, not a point. Its half-width is {@value #Z} standard errors,
 * where the variance adds the service-time noise of the calls ahead (cv² × W² ÷ calls), a model error
 * proportional to the wait ({@value #MODEL_ERROR} × W) and a floor of {@value #FLOOR_MINUTES} min; the
 * band is then rounded outward to five-minute steps (citizens read "10–20 phút"). The constants were
 * calibrated so that at least 80% of actual waits fall inside on simulated days of the provincial centre.
 *
 * <p>The estimate for {@code ahead} tickets is that of the ticket at that place in the service's line;
 * past the end of the line, a walk-in taking a ticket now. Cost grows with the calls before the ticket,
 * so a line longer than {@value #MAX_PROJECTED_AHEAD} is projected to that place and extrapolated at the
 * pace of the second half of the projection. {@link #line} runs one projection for a whole line: every
 * place's estimate comes out of it, each equal to what its own projection would give.
 */
public final class OneDeskEstimator implements WaitEstimator {
    public static final String NAME = "onedesk";
    static final double MIN_REMAINING_SHARE = 0.3;
    static final double Z = 1.28;
    static final double MODEL_ERROR = 0.22;
    static final double FLOOR_MINUTES = 2.5;
    static final int MAX_PROJECTED_AHEAD = 100;
    /** Lines are copied up to this length: the projection never reaches further within its bounds. */
    private static final int MAX_COPIED = 600;
    private static final int MAX_CALLS = 20_000;
    private static final int MAX_STEPS = 200_000;
    private static final long HORIZON_SECONDS = Duration.ofHours(16).toSeconds();
    private static final long STEP_SECONDS = 300;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EstimatedWait estimate(QueueView queue, String service, int ahead, Instant now) {
        return project(queue, service, Math.max(0, Math.min(ahead, MAX_PROJECTED_AHEAD)), now).at(ahead);
    }

    /**
     * One projection to the end of the line (or to place {@value #MAX_PROJECTED_AHEAD}, or to a walk-in
     * behind the last ticket) gives every place before it too: the run is the same up to the moment each
     * of them is called, so each place's result is exactly what its own projection would give.
     */
    @Override
    public LineEstimate line(QueueView queue, String service, Instant now) {
        if (queue.definition().service(service).isEmpty()) {
            return ahead -> EstimatedWait.NONE;
        }
        return project(queue, service, Math.min(queue.waiting().count(service), MAX_PROJECTED_AHEAD), now);
    }

    private static LineEstimate project(QueueView queue, String service, int place, Instant now) {
        if (queue.definition().service(service).isEmpty()) {
            return ahead -> EstimatedWait.NONE;
        }
        Projection projection = new Projection(queue, service, place, now);
        projection.run();
        return new ProjectedLine(projection, queue.servers(service), queue.meanServiceTime(service),
                queue.serviceTimeCv(service));
    }

    /** The results of one projection, read without the queue, so they can be kept while the queue moves on. */
    private static final class ProjectedLine implements LineEstimate {
        private final long[] seconds;
        private final int[] callsBefore;
        private final int last;
        private final int halfMark;
        private final long halfSeconds;
        private final Set<String> exhausted;
        private final int servers;
        private final Duration meanServiceTime;
        private final double cv;

        ProjectedLine(Projection p, int servers, Duration meanServiceTime, double cv) {
            this.seconds = p.seconds;
            this.callsBefore = p.calls;
            this.last = p.seconds.length - 1;
            this.halfMark = p.halfMark;
            this.halfSeconds = p.halfSeconds;
            this.exhausted = p.exhausted;
            this.servers = servers;
            this.meanServiceTime = meanServiceTime;
            this.cv = cv;
        }

        @Override
        public boolean detached() {
            return true; // every field is read out of the projection, which is not changed afterwards
        }

        @Override
        public EstimatedWait at(int ahead) {
            int place = Math.max(0, Math.min(ahead, last));
            long waited;
            int calls;
            if (seconds[place] >= 0) {
                waited = seconds[place];
                calls = callsBefore[place];
                if (ahead > place) {
                    // on at the pace of the second half of the projected places (after any lunch break in the first)
                    double perPlace = halfSeconds >= 0
                            ? (double) (waited - halfSeconds) / (place - halfMark)
                            : (double) waited / (place + 1);
                    waited += Math.round((ahead - place) * perPlace);
                    calls = (int) Math.round(calls * (ahead + 1.0) / (place + 1.0));
                }
            } else {
                // nobody able to serve it is expected: fall back to the queue-length estimate over all able counters
                waited = new QueueLengthEstimator().estimate(Math.max(ahead, 1), servers, meanServiceTime)
                        .value().toSeconds();
                calls = Math.max(ahead, 1);
            }
            return band(waited, calls, cv);
        }

        @Override
        public boolean unchangedByNewLast(String service) {
            return !exhausted.contains(service);
        }
    }

    /** The point estimate with its citizen-facing band. */
    static EstimatedWait band(long seconds, int calls, double cv) {
        if (seconds <= 0) {
            return EstimatedWait.NONE;
        }
        double w = seconds;
        double floor = FLOOR_MINUTES * 60;
        double sigma = Math.sqrt(cv * cv * w * w / Math.max(1, calls) + MODEL_ERROR * MODEL_ERROR * w * w
                + floor * floor);
        long low = Math.min(seconds, floorStep(w - Z * sigma));
        long high = Math.max(seconds, ceilStep(w + Z * sigma));
        return new EstimatedWait(Duration.ofSeconds(seconds), Duration.ofSeconds(Math.max(0, low)),
                Duration.ofSeconds(high));
    }

    private static long floorStep(double seconds) {
        return Math.max(0, (long) Math.floor(seconds / STEP_SECONDS) * STEP_SECONDS);
    }

    private static long ceilStep(double seconds) {
        return (long) Math.ceil(seconds / STEP_SECONDS) * STEP_SECONDS;
    }

    /** One run of the centre forward in time, on copies of its lines; the queue itself is only read. */
    private static final class Projection implements WaitingTickets {
        private final QueueView queue;
        private final CentreDefinition centre;
        private final TicketPicker picker;
        private final long start;
        private final Map<String, Lanes> lines = new HashMap<>();
        private final Map<String, Long> meanSeconds = new HashMap<>();
        private final List<long[]> sessions = new ArrayList<>();
        private final PriorityQueue<Arrival> arrivals = new PriorityQueue<>();
        private final Ticket ours;
        private long nextOrdinal = Long.MAX_VALUE / 2;
        /** The places up to ours, by identity: when each was called (−1: not in the projection), after how many calls. */
        private final Map<Ticket, Integer> placeOf = new IdentityHashMap<>();
        final long[] seconds;
        final int[] calls;
        /** When the ticket at place {@link #halfMark}, halfway to ours in its line, was called, or −1. */
        final int halfMark;
        long halfSeconds = -1;
        private int aheadCalled;
        /** Real tickets copied per service and not yet called; a service reaching 0 is in {@link #exhausted}. */
        private final Map<String, Integer> realLeft = new HashMap<>();
        final Set<String> exhausted = new HashSet<>();

        Projection(QueueView queue, String service, int place, Instant now) {
            this.queue = queue;
            this.centre = queue.definition();
            this.picker = TicketPicker.of(queue.routing());
            this.start = now.getEpochSecond();
            for (ServiceField s : centre.services()) {
                lines.put(s.code(), new Lanes(queue.waiting().inOrder(s.code()).limit(MAX_COPIED)));
                meanSeconds.put(s.code(), Math.max(1, queue.meanServiceTime(s.code()).toSeconds()));
            }
            Lanes own = lines.get(service);
            Ticket atPlace = own.at(place);
            if (atPlace == null) { // a walk-in behind the last ticket
                place = own.size();
                atPlace = Ticket.issued("~estimate", Long.MAX_VALUE, "~", service, centre.serviceDay(now), 0,
                        PriorityGroup.NONE, Channel.WALK_IN, now);
                own.add(atPlace);
            }
            this.ours = atPlace;
            this.halfMark = place / 2;
            this.seconds = new long[place + 1];
            this.calls = new int[place + 1];
            Arrays.fill(seconds, -1);
            own.firstPlaces(place + 1).forEach(t -> placeOf.put(t, placeOf.size()));
            boolean walkIn = atPlace.ordinal() == Long.MAX_VALUE;
            lines.forEach((code, lanes) -> realLeft.put(code, lanes.size() - (lanes == own && walkIn ? 1 : 0)));
            LocalDate day = centre.serviceDay(now);
            for (Session s : centre.sessions()) {
                sessions.add(new long[] {epoch(day, s.from()), epoch(day, s.to())});
            }
            double priorityShare = queue.priorityShare();
            for (ServiceField s : centre.services()) {
                double perHour = queue.arrivalsPerHour(s.code(), now);
                if (perHour > 0) {
                    arrivals.add(new Arrival(s.code(), 3600.0 / perHour, start, priorityShare));
                }
            }
        }

        private long epoch(LocalDate day, LocalTime time) {
            return ZonedDateTime.of(day, time, centre.timezone()).toEpochSecond();
        }

        /** Plays the centre forward until our ticket is called; false if no counter is expected to call it. */
        boolean run() {
            PriorityQueue<Free> free = new PriorityQueue<>();
            int order = 0;
            boolean inSessionNow = inSession(start);
            for (CounterDefinition c : centre.counters()) {
                CounterState state = queue.counter(c.id()).orElse(CounterState.closed(c.id()));
                long at;
                if (!state.open()) {
                    at = nextSessionStart(inSessionNow ? sessionEnd(start) : start);
                    if (at < 0) {
                        continue;
                    }
                } else {
                    at = start + remaining(state);
                }
                free.add(new Free(at, order++, c));
            }
            if (free.isEmpty()) {
                return false;
            }
            realLeft.forEach((code, left) -> {
                if (left == 0) {
                    exhausted.add(code);
                }
            });
            int calls = 0;
            int steps = 0;
            while (!free.isEmpty() && calls < MAX_CALLS && steps++ < MAX_STEPS) {
                Free next = free.poll();
                long t = next.at;
                if (t - start > HORIZON_SECONDS) {
                    return false;
                }
                addArrivalsUntil(t);
                if (!inSession(t)) {
                    long resume = nextSessionStart(t);
                    if (resume >= 0) { // else after the last session: work the line down
                        free.add(new Free(resume, next.order, next.counter));
                        continue;
                    }
                }
                Optional<Ticket> pick = picker.pick(centre, next.counter, this, Instant.ofEpochSecond(t));
                if (pick.isEmpty()) {
                    Arrival a = arrivals.peek();
                    if (a != null) {
                        free.add(new Free(Math.max(t + 1, (long) Math.ceil(a.nextAt)), next.order, next.counter));
                    }
                    continue;
                }
                Ticket called = pick.get();
                Integer at = placeOf.get(called);
                if (at != null) {
                    seconds[at] = t - start;
                    this.calls[at] = calls;
                }
                if (called == ours) {
                    return true;
                }
                if (called.ordinal() < Long.MAX_VALUE / 2 && realLeft.merge(called.service(), -1, Integer::sum) == 0) {
                    exhausted.add(called.service());
                }
                lines.get(called.service()).remove(called);
                calls++;
                if (called.service().equals(ours.service()) && Ticket.QUEUE_ORDER.compare(called, ours) < 0
                        && ++aheadCalled == halfMark + 1 && halfMark > 0) { // the ticket at place halfMark
                    halfSeconds = t - start;
                }
                free.add(new Free(t + meanSeconds.get(called.service()), next.order, next.counter));
            }
            return false;
        }

        /** Expected remaining service at a counter: nothing if idle. */
        private long remaining(CounterState state) {
            if (state.currentTicket() == null) {
                return 0;
            }
            Ticket at = queue.ticket(state.currentTicket()).orElse(null);
            if (at == null) {
                return 0;
            }
            long mean = meanSeconds.getOrDefault(at.service(), 480L);
            Instant began = at.startedAt() != null ? at.startedAt() : at.calledAt();
            long elapsed = began == null ? 0 : Math.max(0, start - began.getEpochSecond());
            return Math.max(mean - elapsed, Math.round(MIN_REMAINING_SHARE * mean));
        }

        private void addArrivalsUntil(long t) {
            while (!arrivals.isEmpty() && arrivals.peek().nextAt <= t) {
                Arrival a = arrivals.poll();
                long when = (long) Math.floor(a.nextAt);
                if (!inSession(when)) { // citizens come in opening hours: skip to the next session, or stop
                    long resume = nextSessionStart(when);
                    if (resume >= 0) {
                        a.nextAt = resume + a.every / 2;
                        arrivals.add(a);
                    }
                    continue;
                }
                Instant at = Instant.ofEpochSecond(when);
                PriorityGroup group = a.nextIsPriority() ? PriorityGroup.ELDERLY : PriorityGroup.NONE;
                lines.get(a.service).add(Ticket.issued("~" + nextOrdinal, nextOrdinal++, "~", a.service,
                        centre.serviceDay(at), 0, group, Channel.WALK_IN, at));
                a.advance();
                arrivals.add(a);
            }
        }

        private boolean inSession(long t) {
            if (sessions.isEmpty()) {
                return true;
            }
            for (long[] s : sessions) {
                if (t >= s[0] && t < s[1]) {
                    return true;
                }
            }
            return false;
        }

        private long sessionEnd(long t) {
            for (long[] s : sessions) {
                if (t >= s[0] && t < s[1]) {
                    return s[1];
                }
            }
            return t;
        }

        /** The start of the first session at or after t today, or −1 if there is none. */
        private long nextSessionStart(long t) {
            if (sessions.isEmpty()) {
                return t;
            }
            long best = -1;
            for (long[] s : sessions) {
                if (s[0] >= t && (best < 0 || s[0] < best)) {
                    best = s[0];
                }
            }
            return best;
        }

        // --- the projected lines, as the policy reads them ---

        @Override
        public Optional<Ticket> head(String service) {
            Lanes l = lines.get(service);
            return l == null ? Optional.empty() : Optional.ofNullable(l.head());
        }

        @Override
        public int count(String service) {
            Lanes l = lines.get(service);
            return l == null ? 0 : l.priority.size() + l.ordinary.size();
        }

        @Override
        public Stream<Ticket> inOrder(String service) {
            Lanes l = lines.get(service);
            return l == null ? Stream.empty() : Stream.concat(l.priority.stream(), l.ordinary.stream());
        }

        @Override
        public Optional<Ticket> headOrdinary(String service) {
            Lanes l = lines.get(service);
            return l == null ? Optional.empty() : Optional.ofNullable(l.ordinary.peekFirst());
        }

        @Override
        public Optional<Ticket> firstAppointment(String service) {
            Lanes l = lines.get(service);
            return l == null || l.appointments.isEmpty() ? Optional.empty() : Optional.of(l.appointments.first());
        }
    }

    /** A service's line in the projection: new tickets always arrive later than those already waiting. */
    private static final class Lanes {
        final ArrayDeque<Ticket> priority = new ArrayDeque<>();
        final ArrayDeque<Ticket> ordinary = new ArrayDeque<>();
        final TreeSet<Ticket> appointments = new TreeSet<>(Ticket.APPOINTMENT_ORDER);

        Lanes(Stream<Ticket> inOrder) {
            inOrder.forEach(this::add);
        }

        void add(Ticket t) {
            if (t.priority().isPriority()) {
                priority.addLast(t);
            } else {
                ordinary.addLast(t);
                if (t.keptAppointment()) {
                    appointments.add(t);
                }
            }
        }

        int size() {
            return priority.size() + ordinary.size();
        }

        /** The first n tickets in queue order (fewer if the line is shorter). */
        List<Ticket> firstPlaces(int n) {
            return Stream.concat(priority.stream(), ordinary.stream()).limit(n).toList();
        }

        Ticket head() {
            Ticket p = priority.peekFirst();
            return p != null ? p : ordinary.peekFirst();
        }

        /** The ticket with {@code place} tickets before it in queue order, or null past the end. */
        Ticket at(int place) {
            if (place < priority.size()) {
                return get(priority, place);
            }
            return get(ordinary, place - priority.size());
        }

        private static Ticket get(ArrayDeque<Ticket> lane, int index) {
            if (index >= lane.size()) {
                return null;
            }
            Iterator<Ticket> it = lane.iterator();
            for (int i = 0; i < index; i++) {
                it.next();
            }
            return it.next();
        }

        void remove(Ticket t) {
            if (t.priority().isPriority()) {
                removeSame(priority, t);
            } else {
                removeSame(ordinary, t);
                if (t.keptAppointment()) {
                    appointments.remove(t);
                }
            }
        }

        /** Removes this very ticket (usually the head): by identity, not by comparing every field. */
        private static void removeSame(ArrayDeque<Ticket> lane, Ticket t) {
            if (lane.peekFirst() == t) {
                lane.pollFirst();
                return;
            }
            for (Iterator<Ticket> it = lane.iterator(); it.hasNext(); ) {
                if (it.next() == t) {
                    it.remove();
                    return;
                }
            }
        }
    }

    /** A counter becoming free at a time. */
    private record Free(long at, int order, CounterDefinition counter) implements Comparable<Free> {
        @Override
        public int compareTo(Free o) {
            int byTime = Long.compare(at, o.at);
            return byTime != 0 ? byTime : Integer.compare(order, o.order);
        }
    }

    /** Expected arrivals of one service, evenly spaced, every so many a priority citizen. */
    private static final class Arrival implements Comparable<Arrival> {
        final String service;
        final double every;
        final double priorityShare;
        double nextAt;
        double priorityDebt = 0.5;

        Arrival(String service, double every, long from, double priorityShare) {
            this.service = service;
            this.every = every;
            this.priorityShare = priorityShare;
            this.nextAt = from + every;
        }

        boolean nextIsPriority() {
            priorityDebt += priorityShare;
            if (priorityDebt >= 1) {
                priorityDebt -= 1;
                return true;
            }
            return false;
        }

        void advance() {
            nextAt += every;
        }

        @Override
        public int compareTo(Arrival o) {
            int byTime = Double.compare(nextAt, o.nextAt);
            return byTime != 0 ? byTime : service.compareTo(o.service);
        }
    }
}
