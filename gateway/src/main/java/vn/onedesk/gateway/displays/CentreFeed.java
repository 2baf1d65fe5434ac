package vn.onedesk.gateway.displays;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.FrozenQueue;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ServiceStatus;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.estimation.EstimatedWait;
import vn.onedesk.engine.estimation.LineEstimate;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.mqtt.MqttBroker;
import vn.onedesk.gateway.mqtt.OutboundMessage;
import vn.onedesk.gateway.persistence.PastCall;
import vn.onedesk.gateway.ticketing.TicketViews;
import vn.onedesk.protocol.JsonCodec;
import vn.onedesk.protocol.Topic;
import vn.onedesk.protocol.counters.CounterQueue;
import vn.onedesk.protocol.counters.NowServing;
import vn.onedesk.protocol.counters.OfficerView;
import vn.onedesk.protocol.displays.Board;
import vn.onedesk.protocol.displays.CallAnnouncement;
import vn.onedesk.protocol.displays.WaitEstimate;
import vn.onedesk.protocol.ticketing.TicketView;

/**
 * Everything the devices and live pages of one centre see, kept on the centre's own context (every
 * method runs there: the commit callbacks, the debounce timer, and the HTTP side's reads, which hop
 * there through {@link LiveFeeds}).
 *
 * <ul>
 *   <li>Calls are published at once, in seq order, kept in a bounded {@link CallLog} and sent to
 *       every live stream; each counter's now-serving is republished at once when it changed.</li>
 *   <li>Waits, the board, counters' queues and the views of watched tickets need wait estimates (about
 *       3 ms each with 5,000 waiting), so they are refreshed by a {@link Debouncer}: at once when the
 *       centre was quiet for a window, then at most once per window, and only what changed is sent. The window
 *       stretches while the centre is busy ({@link StretchingWindow}).</li>
 *   <li>A refresh takes an immutable snapshot of the queue here ({@link CentreQueue#frozen}, O(waiting)) and
 *       computes one {@link CentreProjection} from it on a {@link ProjectionWorker}, off this context, so the
 *       writer goes on meanwhile; at most one runs per centre, and a result is published back here only if it is
 *       newer than the last one published (a projection from before a reload is dropped).</li>
 *   <li>Nothing is read from the queue while a commit is in flight (its batch may still roll back): a
 *       refresh or read that falls due then waits for the commit.</li>
 *   <li>Each wait carries its service's status, and an estimate only while the service is OPEN. The status
 *       also changes with no event when a session starts or ends, so a timer waits for the next such change
 *       (as the engine reports it) and refreshes then.</li>
 * </ul>
 */
final class CentreFeed {
    /**
     * How long at most the clock is left unwatched: timers run on the monotonic clock, so a wall clock that is
     * set (NTP, an operator, a test) past a session change is noticed within this, not at the old deadline. A
     * check is one comparison, and waits are refreshed about once a second anyway.
     */
    static final Duration CLOCK_CHECK = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(CentreFeed.class.getName());
    /**
     * How old a published projection of an earlier state may be and still answer {@link #latestProjection}: twice the
     * longest the debounce window stretches to ({@link StretchingWindow#DEFAULT_MAX}, 4 s) plus the time a projection
     * may wait for a worker under load. A state change is projected within its window, so a busy centre's answer is
     * in practice at most a window old; the limit only matters when projections fall behind.
     */
    static final Duration SHARED_FOR = Duration.ofSeconds(30);

    private final Context context;
    private final MqttBroker broker;
    private final Clock clock;
    /** Changes only on the centre's context, when the administration changes the centre. */
    private CentreDefinition centre;
    private final Debouncer refresher;
    private final StretchingWindow window;
    private final ProjectionWorker worker;
    private final CallLog calls;
    private final EstimateMemo memo = new EstimateMemo();
    /** Last published content per retained topic, without timestamps, to skip unchanged republishing. */
    private final Map<String, Object> lastRetained = new HashMap<>();
    private final Map<String, NowServing> nowServing = new LinkedHashMap<>();
    /** What each counter's {@code now} was last made of, compared by identity: the engine's states are immutable. */
    private final Map<String, NowInputs> nowMadeOf = new HashMap<>();
    private final Map<String, WaitEstimate> waits = new LinkedHashMap<>();
    private final Set<Subscriber<LiveEvent>> streams = new LinkedHashSet<>();
    private final Map<String, List<TicketWatch>> watched = new HashMap<>();
    private final ArrayDeque<Runnable> whenSettled = new ArrayDeque<>();
    /** "Your turn is near", found after each commit. */
    private final TurnNear turnNear = new TurnNear();
    private CentreQueue queue;
    /** Counts the queue states this feed saw (each load and commit): a projection carries the one it was made of. */
    private long version;
    /** Projections of this version or older are not published: a newer one was, or they predate a reload. */
    private long published = -1;
    private boolean projecting;
    /** A refresh fell due while a projection ran: another follows it, from a fresh snapshot. */
    private boolean projectAgain;
    private long lastSeq;
    private boolean inFlight;
    private long clockTimer = -1;
    /** The projection last published to the displays; null before the first one and after a (re)load. */
    private CentreProjection lastPublished;
    /** Readers of {@link #latestProjection} waiting for the refresh it started (or the one running). */
    private final List<Promise<CentreProjection>> awaitingProjection = new ArrayList<>();

    /**
     * A live ticket page: what it was last sent, so it is sent only changes, and the version of the queue that view
     * was of, so that a projection of an older state never follows it.
     */
    private static final class TicketWatch {
        final Subscriber<TicketView> subscriber;
        TicketView last;
        long version;

        TicketWatch(Subscriber<TicketView> subscriber, TicketView last, long version) {
            this.subscriber = subscriber;
            this.last = last;
            this.version = version;
        }
    }

    CentreFeed(Context context, CentreDefinition centre, MqttBroker broker, Clock clock, StretchingWindow window,
               ProjectionWorker worker, int callLogCapacity) {
        this.context = context;
        this.centre = centre;
        this.broker = broker;
        this.clock = clock;
        this.calls = new CallLog(callLogCapacity);
        this.window = window;
        this.worker = worker;
        this.refresher = new Debouncer(context, window::nanos, this::refresh);
    }

    Context context() {
        return context;
    }

    /** Who is told when a ticket's turn becomes near (see {@link TurnNear}); call on the feed's context. */
    void onTurnNear(TurnNearListener listener) {
        turnNear.listener(listener);
    }

    // ---------------------------------------------------------------- commit callbacks

    void loaded(CentreQueue loaded, List<PastCall> recentCalls) {
        remember(recentCalls);
        queue = loaded;
        version++;
        published = version - 1; // whatever was projected before the load is of a state that is gone
        lastPublished = null;
        inFlight = false;
        memo.clear();
        lastRetained.clear();
        nowMadeOf.clear();
        lastSeq = Math.max(lastSeq, loaded.lastCallSeq());
        turnNear.loaded(loaded);
        publishNowServing();
        refresher.release();
        refresher.runNow();
        watchTheClock();
        runSettled();
    }

    /**
     * Keeps the journal's calls newer than the newest this feed has (none after a restart or a takeover: this node
     * did not make them), so the board and stream replays have the calls made before, by whichever node. A call at a
     * counter since removed has no number to show and is left out.
     */
    private void remember(List<PastCall> newestFirst) {
        long newest = calls.newestSeq();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            PastCall past = newestFirst.get(i);
            Optional<CounterDefinition> counter = centre.counter(past.counter());
            if (past.seq() > newest && counter.isPresent()) {
                calls.add(new CallAnnouncement(past.seq(), past.ticketNumber(), past.service(), past.counter(),
                        counter.get().number(), past.recall(), past.at()));
                lastSeq = Math.max(lastSeq, past.seq());
            }
        }
    }

    /**
     * Waits for the next change of the services' status that no event brings (a session starting or ending)
     * and refreshes then, with fresh estimates: at 11:30 every wait says the centre reopens at 13:30 even if
     * nobody takes a ticket or presses a button.
     */
    private void watchTheClock() {
        if (clockTimer >= 0) {
            context.owner().cancelTimer(clockTimer);
            clockTimer = -1;
        }
        Instant now = clock.instant();
        Optional<Instant> change = queue.nextStatusChange(now);
        if (change.isEmpty()) {
            return;
        }
        Instant due = change.get();
        // One millisecond past the change, so that the clock reads the new status when the timer fires.
        long delayMs = Math.max(1, Math.min(CLOCK_CHECK.toMillis(), Duration.between(now, due).toMillis() + 1));
        clockTimer = context.owner().setTimer(delayMs, id -> {
            clockTimer = -1;
            if (!clock.instant().isBefore(due)) {
                version++; // the statuses changed with the clock: a new state to project, though no event came
                memo.clear();
                refresher.request();
            }
            watchTheClock();
        });
    }

    void reconfigured(CentreQueue changed) {
        centre = changed.definition();
        loaded(changed, List.of());
    }

    void committing() {
        inFlight = true;
        refresher.hold();
    }

    void committed(CentreQueue committed, List<Event> events, Map<String, Ticket> tickets) {
        queue = committed;
        version++;
        inFlight = false;
        memo.clear();
        for (Event event : events) {
            if (event instanceof Event.TicketCalled called) {
                announce(called, tickets.get(called.ticketId()));
            }
        }
        publishNowServing();
        turnNear.committed(queue, tickets);
        tickets.forEach((id, ticket) -> {
            if (watched.containsKey(id)) {
                pushView(id, view(queue.ticket(id).orElse(ticket)), version);
            }
        });
        refresher.release();
        window.requested();
        refresher.request();
        runSettled();
    }

    private void announce(Event.TicketCalled called, Ticket ticket) {
        CounterDefinition counter = centre.counter(called.counter()).orElseThrow();
        // By number only: calls are on the public board and waits stream too, where no internal id may go.
        CallAnnouncement call = new CallAnnouncement(called.callSeq(), ticket.number(), ticket.service(), counter.id(),
                counter.number(), called.recall(), called.at());
        calls.add(call);
        lastSeq = Math.max(lastSeq, call.seq());
        broker.publish(OutboundMessage.of(new Topic.Calls(centre.id()).name(), JsonCodec.encode(call),
                MqttQoS.AT_LEAST_ONCE, false));
        sendToStreams(new LiveEvent.Call(call));
    }

    /**
     * Each counter's {@code now}, retained and on the board. It names the officer at the counter, as a name badge
     * would, unless the centre hides officers' names ({@code showOfficerName} false): then neither their name nor
     * their username goes out here, since {@code now} and the board reach every screen and anonymous HTTP. The
     * setting is read from the queue's definition, so a centre reconfigured while running follows it at once.
     */
    private void publishNowServing() {
        boolean showOfficer = queue.definition().showOfficerName();
        for (CounterDefinition counter : centre.counters()) {
            CounterState state = queue.counter(counter.id()).orElseThrow();
            Ticket ticket = state.current().flatMap(queue::ticket).orElse(null);
            NowInputs inputs = nowMadeOf.get(counter.id());
            if (inputs != null && inputs.same(counter, state, ticket, showOfficer)) {
                continue; // after every commit, and a commit changes one counter or none: nothing to build
            }
            nowMadeOf.put(counter.id(), new NowInputs(counter, state, ticket, showOfficer));
            NowServing now = new NowServing(counter.id(), counter.number(), state.open(),
                    ticket == null ? null : ticket.number(), ticket == null ? null : ticket.service(),
                    ticket == null ? null : ticket.state().name(),
                    ticket == null ? null : (ticket.startedAt() != null ? ticket.startedAt() : ticket.calledAt()),
                    showOfficer ? state.boundOfficer().map(o -> new OfficerView(o.id(), o.name())).orElse(null) : null);
            nowServing.put(counter.id(), now);
            publishIfChanged(new Topic.CounterNow(centre.id(), counter.id()).name(), now, now);
        }
    }

    /** The immutable states a counter's {@code now} was made of. */
    private record NowInputs(CounterDefinition counter, CounterState state, Ticket ticket, boolean showOfficer) {
        boolean same(CounterDefinition counter, CounterState state, Ticket ticket, boolean showOfficer) {
            return this.counter == counter && this.state == state && this.ticket == ticket
                    && this.showOfficer == showOfficer;
        }
    }

    // ---------------------------------------------------------------- the debounced refresh

    /**
     * Takes a snapshot now (on this context, with no commit in flight) and projects it on the worker; a refresh
     * that falls due while a projection runs is made after it, from a then fresh snapshot.
     */
    private void refresh() {
        if (projecting) {
            projectAgain = true;
            return;
        }
        projecting = true;
        long of = version;
        FrozenQueue snapshot = queue.frozen(clock.instant());
        Set<String> tickets = Set.copyOf(watched.keySet());
        long started = System.nanoTime();
        worker.run(context, () -> Projector.project(snapshot, tickets, of)).onComplete(done -> {
            if (Vertx.currentContext() == context) {
                projected(done, System.nanoTime() - started);
            } else {
                context.runOnContext(v -> projected(done, System.nanoTime() - started));
            }
        });
    }

    private void projected(AsyncResult<CentreProjection> done, long tookNanos) {
        projecting = false;
        window.refreshed(tookNanos);
        if (done.succeeded()) {
            publish(done.result());
        } else {
            LOG.log(Level.WARNING, "display projection of centre " + centre.id() + " failed", done.cause());
            List<Promise<CentreProjection>> failed = List.copyOf(awaitingProjection);
            awaitingProjection.clear();
            failed.forEach(p -> p.fail(done.cause()));
        }
        if (projectAgain) {
            projectAgain = false;
            refresher.request();
        }
    }

    /** Publishes a projection unless a newer one was (or it predates a reload); only what changed goes out. */
    private void publish(CentreProjection projection) {
        if (projection.version() <= published) {
            return;
        }
        published = projection.version();
        lastPublished = projection;
        if (projection.version() == version) {
            memo.seed(projection.lines()); // ticket pages opened before the next commit read these lines
        }
        Instant now = projection.at();
        // a service the administration removed leaves the board with its last wait
        waits.keySet().retainAll(projection.waits().stream().map(WaitEstimate::service).toList());
        for (WaitEstimate wait : projection.waits()) {
            if (publishIfChanged(new Topic.ServiceWait(centre.id(), wait.service()).name(),
                    withoutTime(wait), wait)) {
                waits.put(wait.service(), wait);
                sendToStreams(new LiveEvent.Wait(wait));
            }
        }
        Board board = board(now);
        if (publishIfChanged(new Topic.Board(centre.id()).name(), withoutTime(board), board)) {
            sendToStreams(new LiveEvent.BoardUpdate(board));
        }
        for (CounterQueue line : projection.counters()) {
            publishIfChanged(new Topic.CounterQueue(centre.id(), line.counter()).name(),
                    List.of(line.services(), line.next(), line.parked(), line.reserved()), line);
        }
        projection.tickets().forEach((id, view) -> pushView(id, view, projection.version()));
        if (!awaitingProjection.isEmpty()) {
            List<Promise<CentreProjection>> waiting = List.copyOf(awaitingProjection);
            awaitingProjection.clear();
            waiting.forEach(p -> p.complete(projection));
        }
    }

    /**
     * The projection the displays show, for readers that must not project on this context (the gauges at each
     * scrape used to project every service's line here: about 3 ms each with 5,000 waiting). The last one published
     * answers when it is of the current state (whatever its age: its estimates are as of the latest event, as the
     * live queue's would be) or was taken at most {@link #SHARED_FOR} ago; otherwise, once no commit is in flight,
     * the displays' refresh is made at once (or the running one awaited) and its result, published to the displays
     * too, answers. No projection ever runs on this context for it.
     */
    Future<CentreProjection> latestProjection() {
        if (shareable(clock.instant())) {
            return Future.succeededFuture(lastPublished);
        }
        Promise<CentreProjection> promise = Promise.promise();
        whenSettled(() -> {
            if (shareable(clock.instant())) {
                promise.complete(lastPublished);
                return;
            }
            awaitingProjection.add(promise);
            if (!projecting) {
                refresher.runNow();
            }
        });
        return promise.future();
    }

    private boolean shareable(Instant now) {
        return lastPublished != null && (lastPublished.version() == version
                || !lastPublished.at().isBefore(now.minus(SHARED_FOR)));
    }

    /** The board from what was committed and sent: counters and calls as of now, waits as last refreshed. */
    Board board(Instant at) {
        return new Board(centre.id(), centre.name(), lastSeq, List.copyOf(nowServing.values()),
                calls.newest(Board.RECENT_CALLS), List.copyOf(waits.values()), at);
    }

    private static WaitEstimate withoutTime(WaitEstimate wait) {
        return new WaitEstimate(wait.service(), wait.serviceName(), wait.waiting(), wait.openCounters(), wait.state(),
                wait.opensAt(), wait.estimatedWait(), null);
    }

    private static Board withoutTime(Board board) {
        return new Board(board.centre(), board.centreName(), board.lastSeq(), board.counters(), board.recentCalls(),
                board.services(), null);
    }

    private boolean publishIfChanged(String topic, Object content, Object message) {
        if (content.equals(lastRetained.put(topic, content))) {
            return false;
        }
        broker.publish(OutboundMessage.of(topic, JsonCodec.encode(message), MqttQoS.AT_LEAST_ONCE, true));
        return true;
    }

    // ---------------------------------------------------------------- live streams

    /**
     * Adds a stream: first the kept calls after {@code lastEventId} (when given), oldest first, then the
     * board; afterwards every call, changed wait and changed board, in order.
     */
    void subscribe(Subscriber<LiveEvent> subscriber, Long lastEventId) {
        if (lastEventId != null) {
            calls.after(lastEventId).forEach(call -> subscriber.send(new LiveEvent.Call(call)));
        }
        subscriber.send(new LiveEvent.BoardUpdate(board(clock.instant())));
        streams.add(subscriber);
    }

    void unsubscribe(Subscriber<LiveEvent> subscriber) {
        streams.remove(subscriber);
    }

    private void sendToStreams(LiveEvent event) {
        Iterator<Subscriber<LiveEvent>> it = streams.iterator();
        while (it.hasNext()) {
            Subscriber<LiveEvent> s = it.next();
            if (s.isClosed()) {
                it.remove();
            } else {
                s.send(event);
            }
        }
    }

    // ---------------------------------------------------------------- tickets

    /** Runs the task once the queue holds only committed state: now, or right after the commit in flight. */
    void whenSettled(Runnable task) {
        if (inFlight) {
            whenSettled.add(task);
        } else {
            task.run();
        }
    }

    private void runSettled() {
        while (!whenSettled.isEmpty() && !inFlight) {
            whenSettled.poll().run();
        }
    }

    /** The view of a ticket in the queue (waiting or at a counter); empty when it is not in the queue. */
    Optional<TicketView> activeTicket(String ticketId) {
        return queue.ticket(ticketId).map(this::view);
    }

    /** Watches a ticket in the queue and sends its view now; false when it is not in the queue. */
    boolean watch(String ticketId, Subscriber<TicketView> subscriber) {
        Optional<TicketView> view = activeTicket(ticketId);
        if (view.isEmpty()) {
            return false;
        }
        subscriber.send(view.get());
        watched.computeIfAbsent(ticketId, id -> new ArrayList<>()).add(new TicketWatch(subscriber, view.get(), version));
        return true;
    }

    void unwatch(String ticketId, Subscriber<TicketView> subscriber) {
        List<TicketWatch> watches = watched.get(ticketId);
        if (watches != null) {
            watches.removeIf(w -> w.subscriber == subscriber);
            if (watches.isEmpty()) {
                watched.remove(ticketId);
            }
        }
    }

    /** Sends a watched ticket's view of this queue version to each page that has not seen a newer one. */
    private void pushView(String id, TicketView view, long of) {
        List<TicketWatch> watches = watched.get(id);
        if (watches == null) {
            return;
        }
        boolean finished = !TicketState.valueOf(view.state()).isActive();
        for (TicketWatch watch : watches) {
            if (of >= watch.version && !view.equals(watch.last)) {
                watch.last = view;
                watch.version = of;
                watch.subscriber.send(view);
            }
        }
        watches.removeIf(w -> w.subscriber.isClosed());
        if (finished || watches.isEmpty()) {
            watched.remove(id);
        }
    }

    /**
     * A ticket's view as of the live queue, here on the writer's context: its estimate from the last projection
     * when that was of this very state, otherwise from the queue (whose own cache the ticket replies share).
     */
    private TicketView view(Ticket ticket) {
        if (!TicketViews.isWaiting(ticket, queue)) {
            return TicketViews.of(ticket, centre, null, null);
        }
        int ahead = queue.ahead(ticket.id());
        ServiceStatus status = queue.status(ticket.service(), clock.instant());
        if (!status.hasEstimate()) {
            return TicketViews.of(ticket, centre, ahead, null, status);
        }
        LineEstimate line = memo.line(ticket.service());
        EstimatedWait estimate = line != null ? line.at(ahead) : queue.estimateFor(ticket.id());
        return TicketViews.of(ticket, centre, ahead, TicketViews.wait(estimate), status);
    }

    /**
     * For tests: how many entries the feed keeps besides its listeners (retained contents, now-serving, waits,
     * kept calls, memoised lines), which must depend on the centre's size, never on how many tickets it served.
     */
    int keptEntries() {
        return lastRetained.size() + nowServing.size() + nowMadeOf.size() + waits.size() + calls.size() + memo.size() + whenSettled.size()
                + awaitingProjection.size();
    }

    /** For tests: how many calls are kept for replay. */
    int keptCalls() {
        return calls.size();
    }

    /** For tests and status: how many streams and ticket pages listen. */
    int listeners() {
        return streams.size() + watched.values().stream().mapToInt(List::size).sum();
    }
}
