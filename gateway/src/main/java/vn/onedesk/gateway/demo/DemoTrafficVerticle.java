package vn.onedesk.gateway.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.simulation.DemandGenerator;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.engine.simulation.ServiceTime;
import vn.onedesk.engine.simulation.Visit;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Language;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.Topics;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.ticketing.Channel;
import vn.onedesk.protocol.ticketing.Priority;
import vn.onedesk.protocol.ticketing.TicketRequest;

/**
 * Plays the simulated day in real time on its own Vert.x context: the engine's {@link DemandGenerator}
 * draws each day's citizens from the demo scenario; at each one's arrival the simulated kiosk takes a
 * ticket for them, and the simulated counters ({@link SimulatedCounter}) work through the line. All of
 * it goes through the gateway's MQTT server as real devices would.
 *
 * <p>The simulated clock ({@link SimClock}) runs at the configured speed. It starts half an hour
 * (simulated) before the start instant ({@link Timetable#startAt}) and runs that half hour in a few
 * real seconds: the citizens who would have arrived meanwhile take their tickets at once, so the
 * counters, opening one after another over the first simulated minutes, find a line waiting. When
 * every simulated counter is out of session (lunch, night), the clock skips in the same way to half
 * an hour before the next opening: a demo has no use for an empty hall.
 *
 * <p>Every step sits on an agenda ordered by simulated time; one Vert.x timer waits for the next.
 */
final class DemoTrafficVerticle extends VerticleBase implements Hall {
    private static final Logger LOG = Logger.getLogger("onedesk.demo");
    /** The simulated time replayed quickly before the start and before each opening after a break. */
    static final Duration WARM_UP = Duration.ofMinutes(30);
    /** How long, in real time, replaying the warm-up takes. */
    static final Duration CATCH_UP = Duration.ofSeconds(3);
    /** Officers reach their counters over this much simulated time after a session begins. */
    static final Duration OPENING_SPREAD = Duration.ofMinutes(5);
    /** How long the simulated officers have to close their counters when the traffic stops. */
    static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(5);
    /** When a service has no service times in the scenario (none in the demo's). */
    private static final ServiceTime FALLBACK_SERVICE_TIME = new ServiceTime(300, 0.5);

    /** Simultaneous steps run in this order: closing before opening hands back-to-back sessions over. */
    private enum Kind {
        CLOSE, OPEN, ARRIVAL, STEP, NEXT_DAY
    }

    private record Step(Instant at, Kind kind, long seq, Runnable action) {
        static final Comparator<Step> ORDER = Comparator.comparing(Step::at).thenComparing(Step::kind)
                .thenComparingLong(Step::seq);
    }

    private final Scenario scenario;
    private final DemoCast cast;
    private final double speed;
    private final String host;
    private final int port;
    private final Clock clock;
    private final Instant start;
    private final Timetable timetable;
    private final PriorityQueue<Step> agenda = new PriorityQueue<>(Step.ORDER);
    private final Map<String, Integer> waiting = new HashMap<>();
    private final Map<String, Citizen> citizens = new HashMap<>();
    private final List<SimulatedCounter> counters = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom();
    private final long seedBase = random.nextLong();
    private SimClock sim;
    private MqttDevice kiosk;
    private String ticketRequests;
    private long seq;
    private long timer = -1;
    private boolean ticking;
    private boolean stopped;
    private Instant openNotBefore;

    /**
     * @param start where the simulated day begins (see {@link Timetable#startAt})
     */
    DemoTrafficVerticle(Scenario scenario, DemoCast cast, double speed, String host, int port, Clock clock,
                        Instant start) {
        this.scenario = scenario;
        this.cast = cast;
        this.speed = speed;
        this.host = host;
        this.port = port;
        this.clock = clock;
        this.start = start;
        this.timetable = new Timetable(scenario, cast.terminals().stream().map(DemoCast.Terminal::counter).toList());
    }

    @Override
    public Future<?> start() {
        String centre = scenario.centre().id();
        sim = new SimClock(speed, System.nanoTime(), start);
        sim.jump(System.nanoTime(), start.minus(WARM_UP), start, catchUpRate());
        openNotBefore = start;

        ticketRequests = new Topic.TicketRequest(centre, cast.kiosk().device()).name();
        kiosk = new MqttDevice(vertx, clock, host, port, centre, cast.kiosk(),
                new Topic.TicketResponse(centre, cast.kiosk().device()).name(),
                List.of(Topics.PREFIX + centre + "/services/+/wait"), this::waitBoard);
        for (DemoCast.Terminal t : cast.terminals()) {
            String counter = t.counter().id();
            MqttDevice terminal = new MqttDevice(vertx, clock, host, port, centre, t.login(),
                    new Topic.CounterReplies(centre, counter).name(), List.of(), (topic, json) -> {
            });
            counters.add(new SimulatedCounter(t.counter(), terminal,
                    new Topic.CounterCommands(centre, counter).name(), this));
        }
        kiosk.start();
        counters.forEach(c -> c.terminal().start());

        plan(now().atZone(timetable.zone()).toLocalDate());
        counters.forEach(SimulatedCounter::wake); // outside a session: close what an earlier run left open
        tick();
        return Future.succeededFuture();
    }

    /**
     * Stops the day: no step runs any more and kiosk-2 goes at once; each simulated officer then leaves
     * ({@link SimulatedCounter#leave}), closing an open counter through CLOSE, and its terminal
     * disconnects. Officers who cannot close within {@link #LEAVE_TIMEOUT} (the gateway is not answering),
     * or whose commands cannot be stored (answered UNAVAILABLE: not retried now, as the database may be
     * going away with the process), are logged and left for the next start
     * ({@link SimulatedCounterClosing#closeLeftOpen}).
     */
    @Override
    public Future<?> stop() {
        stopped = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        agenda.clear();
        Future<Void> kioskGone = kiosk.stop();
        counters.forEach(c -> c.terminal().answerTransientRefusals());
        List<Future<SimulatedCounter.Left>> leaving = counters.stream().map(SimulatedCounter::leave).toList();
        return Future.join(leaving).timeout(LEAVE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).transform(ar -> {
            reportLeaving(leaving);
            List<Future<Void>> disconnects = new ArrayList<>();
            disconnects.add(kioskGone);
            counters.forEach(c -> disconnects.add(c.terminal().stop()));
            return Future.join(disconnects);
        });
    }

    private void reportLeaving(List<Future<SimulatedCounter.Left>> leaving) {
        List<SimulatedCounter.Left> closed = leaving.stream().filter(Future::succeeded).map(Future::result)
                .filter(SimulatedCounter.Left::closed).toList();
        long completed = closed.stream().filter(l -> l.settled().equals(Optional.of(CommandName.COMPLETE))).count();
        long noShows = closed.stream().filter(l -> l.settled().equals(Optional.of(CommandName.NO_SHOW))).count();
        LOG.info("demo traffic stopped: the simulated officers closed " + closed.size() + " counter"
                + (closed.size() == 1 ? "" : "s") + (closed.isEmpty() ? "" : " (" + closed.stream()
                .map(SimulatedCounter.Left::counter).collect(Collectors.joining(", ")) + ")")
                + (completed + noShows == 0 ? "" : "; before closing, " + completed + " ticket(s) in service were"
                        + " completed and " + noShows + " called ticket(s) marked no-show"));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < leaving.size(); i++) {
            Future<SimulatedCounter.Left> f = leaving.get(i);
            if (!f.succeeded()) {
                failed.add(counters.get(i).definition().id() + " (" + (f.failed() ? f.cause().getMessage()
                        : "no answer within " + LEAVE_TIMEOUT.toSeconds() + " s") + ")");
            }
        }
        if (!failed.isEmpty()) {
            LOG.warning("demo traffic: could not close " + String.join(", ", failed)
                    + "; the next start of the demo closes them");
        }
    }

    /** The warm-up's simulated half hour in {@link #CATCH_UP} of real time. */
    private static double catchUpRate() {
        return (double) WARM_UP.toNanos() / CATCH_UP.toNanos();
    }

    // --- the day ---

    /** Puts a date's arrivals and sessions on the agenda, and the planning of the next date. */
    private void plan(LocalDate date) {
        Instant now = now();
        int arrivals = 0;
        for (Visit visit : DemandGenerator.day(scenario, date, seedBase + date.toEpochDay())) {
            if (!visit.arrival().isBefore(now)) {
                schedule(visit.arrival(), Kind.ARRIVAL, () -> arrive(visit));
                arrivals++;
            }
        }
        Map<String, SimulatedCounter> byId = new HashMap<>();
        counters.forEach(c -> byId.put(c.definition().id(), c));
        for (Timetable.Shift shift : timetable.shifts(date)) {
            Instant opens = latest(shift.from(), openNotBefore, now)
                    .plusSeconds(random.nextLong(OPENING_SPREAD.toSeconds() + 1));
            if (opens.isBefore(shift.to())) {
                SimulatedCounter counter = byId.get(shift.counter().id());
                schedule(opens, Kind.OPEN, counter::sessionStarts);
                schedule(shift.to(), Kind.CLOSE, counter::sessionEnds);
            }
        }
        LocalDate next = date.plusDays(1);
        schedule(next.atStartOfDay(timetable.zone()).toInstant(), Kind.NEXT_DAY, () -> plan(next));
        int planned = arrivals;
        LOG.fine(() -> "demo traffic: planned " + date + " with " + planned + " more citizens");
    }

    private void arrive(Visit visit) {
        String requestId = "demo-" + UUID.randomUUID();
        Channel channel = visit.appointmentAt() == null ? Channel.WALK_IN : Channel.APPOINTMENT;
        Instant appointment = visit.appointmentAt() == null ? null : realInstant(visit.appointmentAt());
        TicketRequest request = new TicketRequest(requestId, visit.service(), Priority.valueOf(visit.priority().name()),
                channel, Language.VI, appointment);
        kiosk.request(ticketRequests, requestId, JsonCodec.encode(request)).onSuccess(reply -> {
            if (stopped) {
                return;
            }
            JsonNode ticket = reply.path("ticket");
            if (ticket.isObject()) {
                citizens.put(ticket.path("id").asText(), new Citizen(visit));
                LOG.fine(() -> "demo traffic: " + cast.kiosk().device() + " took " + ticket.path("number").asText()
                        + " for " + visit.service());
                lineChanged(visit.service(), +1);
            } else {
                LOG.fine(() -> "demo traffic: no ticket for a citizen of " + visit.service() + ": " + reply.path("error"));
            }
        });
    }

    /** A retained wait message: how many wait for the service, as the gateway counts them. */
    private void waitBoard(String topic, JsonNode wait) {
        String service = wait.path("service").asText(null);
        if (service == null || !wait.path("waiting").isInt()) {
            return;
        }
        int count = wait.path("waiting").asInt();
        waiting.put(service, count);
        if (count > 0) {
            wakeIdleCounters();
        }
    }

    /**
     * Idle counters call, the longest idle first, at most as many per service as are waiting for it
     * (primary skills first), so that one new ticket does not set every idle counter calling.
     */
    private void wakeIdleCounters() {
        Instant now = now();
        Map<String, Integer> budget = new HashMap<>(waiting);
        List<SimulatedCounter> idle = counters.stream().filter(c -> c.readyToCall(now))
                .sorted(Comparator.comparing(SimulatedCounter::idleSince)).toList();
        for (SimulatedCounter counter : idle) {
            for (String skill : counter.definition().skills()) {
                Integer left = budget.get(skill);
                if (left == null || left > 0) {
                    if (left != null) {
                        budget.put(skill, left - 1);
                    }
                    counter.wake();
                    break;
                }
            }
        }
    }

    // --- Hall ---

    @Override
    public Instant now() {
        return sim.at(System.nanoTime());
    }

    @Override
    public void after(Duration delay, Runnable action) {
        schedule(now().plus(delay), Kind.STEP, action);
    }

    @Override
    public Citizen citizen(String ticketId, String service) {
        return citizens.computeIfAbsent(ticketId, id -> new Citizen(
                List.of(new Visit.Leg(service, serviceTime(service))),
                random.nextDouble() < scenario.demand().noShowShare()));
    }

    @Override
    public Duration serviceTime(String service) {
        return scenario.serviceTimes().getOrDefault(service, FALLBACK_SERVICE_TIME).sample(random);
    }

    @Override
    public Duration walk() {
        return Duration.ofSeconds(10 + random.nextInt(31));
    }

    @Override
    public boolean worthCalling(CounterDefinition counter) {
        // A service the board has not reported yet counts as worth a look.
        return counter.skills().stream().anyMatch(s -> waiting.getOrDefault(s, 1) > 0);
    }

    @Override
    public void lineChanged(String service, int delta) {
        waiting.put(service, Math.max(0, waiting.getOrDefault(service, 0) + delta));
        if (delta > 0) {
            wakeIdleCounters();
        }
    }

    @Override
    public void done(String ticketId) {
        citizens.remove(ticketId);
    }

    @Override
    public boolean stopped() {
        return stopped;
    }

    // --- the agenda and the clock ---

    private void schedule(Instant at, Kind kind, Runnable action) {
        if (stopped) {
            return;
        }
        Step step = new Step(at, kind, seq++, action);
        agenda.add(step);
        if (!ticking && agenda.peek() == step) {
            arm();
        }
    }

    /** Runs every step that is due, skips a break in the sessions if the clock has reached one, and waits again. */
    private void tick() {
        timer = -1;
        ticking = true;
        try {
            while (!stopped) {
                Instant now = now();
                Step head;
                while (!stopped && (head = agenda.peek()) != null && !head.at().isAfter(now)) {
                    agenda.poll();
                    run(head);
                }
                if (stopped || !skipBreak(now)) {
                    break;
                }
            }
        } finally {
            ticking = false;
        }
        arm();
    }

    private void run(Step step) {
        try {
            step.action().run();
        } catch (RuntimeException e) {
            // A bug in one step must not end the demo: log it and go on with the day.
            LOG.log(Level.WARNING, "demo traffic: a simulated " + step.kind() + " failed", e);
        }
    }

    /** If no simulated counter works now and the next opening is over the warm-up away, skip to its warm-up. */
    private boolean skipBreak(Instant now) {
        if (timetable.staffed(now)) {
            return false;
        }
        Instant opening = timetable.nextOpening(now).orElse(null);
        if (opening == null || Duration.between(now, opening).compareTo(WARM_UP) <= 0) {
            return false;
        }
        Instant from = opening.minus(WARM_UP);
        sim.jump(System.nanoTime(), from, opening, catchUpRate());
        agenda.removeIf(s -> s.kind() == Kind.ARRIVAL && s.at().isBefore(from)); // nobody comes while it is shut
        LOG.fine(() -> "demo traffic: no counter is in session until " + opening.atZone(timetable.zone())
                + "; the simulated clock skips ahead");
        return true;
    }

    private void arm() {
        if (timer != -1) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        Step head = agenda.peek();
        if (stopped || head == null) {
            return;
        }
        long delayNanos = sim.nanosAt(head.at()) - System.nanoTime();
        long delayMs = Math.max(1, (delayNanos + 999_999) / 1_000_000);
        timer = vertx.setTimer(delayMs, id -> tick());
    }

    /** The real instant at which the simulated clock will show this simulated instant. */
    private Instant realInstant(Instant simulated) {
        return clock.instant().plusNanos(sim.nanosAt(simulated) - System.nanoTime());
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant max = a.isAfter(b) ? a : b;
        return max.isAfter(c) ? max : c;
    }
}
