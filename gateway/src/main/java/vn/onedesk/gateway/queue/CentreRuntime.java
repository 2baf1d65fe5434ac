package vn.onedesk.gateway.queue;

import io.vertx.core.Completable;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Changes;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.Execution;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.estimation.LearntEstimates;
import vn.onedesk.engine.estimation.WaitEstimator;
import vn.onedesk.engine.routing.RoutingPolicy;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.persistence.AuditRecord;
import vn.onedesk.gateway.persistence.BookingCheckIn;
import vn.onedesk.gateway.persistence.CentreJournal;
import vn.onedesk.gateway.persistence.CentreStore;
import vn.onedesk.gateway.persistence.DossierVisit;
import vn.onedesk.gateway.persistence.DossierVisitRows;
import vn.onedesk.gateway.persistence.CentreStore.Batch;
import vn.onedesk.gateway.persistence.CentreStore.RequestKey;
import vn.onedesk.gateway.persistence.CentreStore.RequestRow;
import vn.onedesk.gateway.persistence.CentreStore.StoredReply;
import vn.onedesk.gateway.persistence.CentreStore.TicketRow;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ProtocolError;

/**
 * The single writer of one centre's queue, running on its own Vert.x context.
 *
 * <p>Requests queue up; the runtime takes as many as are waiting (group commit), decides and applies
 * each in order, writes all their events in one transaction and only then replies and publishes.
 * If the commit fails the whole batch is answered UNAVAILABLE and the queue is reloaded from the
 * database, which holds the truth: a retry with the same request id then gets the stored reply if
 * the commit did land after all, or a fresh attempt if it did not. Nothing is acknowledged that is
 * not durable, and no number is issued twice.
 *
 * <p>A commit the database does not answer within the commit timeout (a frozen or unreachable server) is
 * answered UNAVAILABLE at that moment, never left in silence. Its outcome is then unknown: the runtime takes
 * no new work (every request is answered UNAVAILABLE at once) until the commit settles, then reloads, exactly
 * as after a failed commit. Should it not settle within {@link #OUTCOME_WAIT_MS}, the runtime reloads anyway:
 * the version check on the centre's row fences that commit if it lands later, so no number is issued twice.
 */
public final class CentreRuntime {
    private static final Logger LOG = Logger.getLogger(CentreRuntime.class.getName());
    private static final int MAX_BATCH = 256;
    private static final long RELOAD_RETRY_MS = 1000;
    /** How long a timed-out commit may stay unsettled before the runtime reloads without knowing its outcome. */
    static final long OUTCOME_WAIT_MS = 30_000;
    /**
     * What the estimates learnt is stored with a batch at most this often (by the centre's clock), not with every one:
     * it is a few kilobytes of JSON (each service's recent arrivals) that PostgreSQL parsed and wrote into the
     * centre's row on every commit. Learning that waits for the next batch after a crash is lost: at most this long
     * of arrivals and service times, which the estimates learn again within minutes.
     */
    static final Duration ESTIMATES_EVERY = Duration.ofSeconds(10);

    private enum Status { LOADING, READY, RECOVERING, STOPPED }

    /**
     * @param seq      its place in the order of arrival on the writer's context
     * @param lookedUp its key was looked up in the journal and found unused: it is decided like a new one
     */
    private record Pending(QueueRequest request, Context replyTo, Promise<byte[]> promise, long seq,
                           boolean lookedUp) {
    }

    /** A request being looked up in the journal, and the requests of its device that came after it. */
    private record Lookup(Pending looked, Deque<Pending> behind) {
        long seq() {
            return looked.seq();
        }
    }

    private final Vertx vertx;
    private final Context context;
    /** As last committed (or loaded); read from other threads by HTTP handlers and the administration. */
    private volatile CentreDefinition centre;
    private final RoutingPolicy routing;
    private final WaitEstimator estimator;
    private final CentreJournal store;
    private final CommitListener listener;
    private final Clock clock;

    private final Deque<Pending> pending = new ArrayDeque<>();
    private final ReplyMemory replies = new ReplyMemory(CentreStore.RECENT_REPLIES, CentreStore.REQUEST_MEMORY);
    /**
     * Devices one of whose requests is being looked up in the journal (its reply has left the memory), with their
     * requests that came after it: they wait for it, so that a device's requests are decided in the order it sent them.
     */
    private final Map<String, Lookup> lookingUp = new HashMap<>();
    /**
     * The bookings this writer checked in (committed or in a commit in flight) since it loaded, by the request that
     * did: a second request with the same booking gets BOOKING_USED at once, before a ticket is decided, even while
     * the first one's commit is in flight (the kiosks' look-up in the database may not see it yet). Forgotten at a
     * reload, when the database has them; the commit's own check (a booking still BOOKED) closes what is left.
     */
    private final Map<String, RequestKey> checkedIn = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RequestKey> eldest) {
            return size() > 10_000;
        }
    };
    private long arrivals;
    private CentreQueue queue;
    private long version;
    private Instant lastNow = Instant.EPOCH;
    private Status status = Status.LOADING;
    private boolean committing;
    private final java.time.Duration commitTimeout;
    private long commitAttempts;
    private Instant nextEstimatesWrite = Instant.MIN;
    /** The requests of the commit in flight with the replies they get once it lands; empty between commits. */
    private Map<Pending, byte[]> inFlight = Map.of();
    /** The commit attempt that timed out and whose outcome is still unknown; 0 when none. */
    private long unknownOutcome;
    /** Submits the expiry of parked tickets when it falls due. */
    private final ParkingExpiry parkingExpiry;

    private final Announcements announcements;

    public CentreRuntime(Vertx vertx, Context context, CentreDefinition centre, RoutingPolicy routing,
                         WaitEstimator estimator, CentreJournal store, CommitListener listener, Clock clock,
                         java.time.Duration commitTimeout) {
        this(vertx, context, centre, routing, estimator, store, listener, clock, commitTimeout, Announcements.NONE);
    }

    /** @param announcements what of each batch goes to the webhook outbox, committed with it */
    public CentreRuntime(Vertx vertx, Context context, CentreDefinition centre, RoutingPolicy routing,
                         WaitEstimator estimator, CentreJournal store, CommitListener listener, Clock clock,
                         java.time.Duration commitTimeout, Announcements announcements) {
        this.announcements = announcements;
        this.commitTimeout = commitTimeout;
        this.vertx = vertx;
        this.context = context;
        this.centre = centre;
        this.routing = routing;
        this.estimator = estimator;
        this.store = store;
        this.listener = listener;
        this.clock = clock;
        this.parkingExpiry = new ParkingExpiry(vertx, clock, this::submit);
    }

    public String centreId() {
        return centre.id();
    }

    public CentreDefinition definition() {
        return centre;
    }

    public boolean isReady() {
        return status == Status.READY;
    }

    /** Loads the queue from the database; call once, on the runtime's context. */
    public Future<Void> start() {
        return load().onSuccess(v -> status = Status.READY);
    }

    /**
     * The writer stops here (its centre moved to another node, or was removed), on the runtime's context: every request
     * still waiting for it is answered UNAVAILABLE now, those of a commit in flight included, since nothing of this
     * writer goes on after it stops. Its timers stop with its verticle, and Vert.x's SQL pool (5.0.8) drops a query
     * whose caller's verticle is undeployed before the query gets a connection: it never answers (the pool's own
     * timeout was a timer of that verticle). The commit in flight is fenced by the writer epoch; a retry reaches the
     * centre's new writer, which answers it from the journal if it landed after all.
     */
    public void stop() {
        if (status == Status.STOPPED) {
            return;
        }
        status = Status.STOPPED;
        ProtocolError moved = movedAway();
        inFlight.keySet().forEach(p -> reply(p, p.request().renderer().failed(moved)));
        inFlight = Map.of();
        for (Lookup lookup : lookingUp.values()) {
            reply(lookup.looked(), lookup.looked().request().renderer().failed(moved));
            lookup.behind().forEach(p -> reply(p, p.request().renderer().failed(moved)));
        }
        lookingUp.clear();
        while (!pending.isEmpty()) {
            Pending p = pending.poll();
            reply(p, p.request().renderer().failed(moved));
        }
    }

    private static ProtocolError movedAway() {
        return ProtocolError.of(ErrorCode.UNAVAILABLE,
                "the centre's writer stopped on this gateway node; retry with the same requestId");
    }

    /** Reads the queue on the runtime's context, for status pages and tests. */
    public <T> Future<T> read(java.util.function.Function<CentreQueue, T> reader) {
        Promise<T> promise = Promise.promise();
        Context caller = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            T value = reader.apply(queue);
            caller.runOnContext(x -> promise.complete(value));
        });
        return promise.future();
    }

    /** Submits a request from any thread; the reply payload completes on the caller's context. */
    public Future<byte[]> submit(QueueRequest request) {
        Promise<byte[]> promise = Promise.promise();
        Context replyTo = vertx.getOrCreateContext();
        context.runOnContext(v -> {
            Pending p = new Pending(request, replyTo, promise, ++arrivals, false);
            if (status == Status.STOPPED) {
                reply(p, request.renderer().failed(movedAway()));
                return;
            }
            if (status != Status.READY) {
                reply(p, request.renderer().failed(ProtocolError.of(ErrorCode.UNAVAILABLE,
                        "the centre's queue is reloading from the database; retry with the same requestId")));
                return;
            }
            if (setAside(p)) {
                return;
            }
            pending.add(p);
            drain();
        });
        return promise.future();
    }

    private void drain() {
        if (committing || pending.isEmpty() || status != Status.READY) {
            return;
        }
        List<Pending> batch = new ArrayList<>();
        while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(pending.poll());
        }
        Instant now = now();
        long expectedVersion = version;
        List<Event> events = new ArrayList<>();
        Map<String, TicketRow> tickets = new LinkedHashMap<>();
        Map<String, CounterState> counters = new LinkedHashMap<>();
        List<RequestRow> requests = new ArrayList<>();
        List<AuditRecord> audits = new ArrayList<>();
        List<DossierVisit> dossierVisits = new ArrayList<>();
        List<BookingCheckIn> checkIns = new ArrayList<>();
        Map<Pending, byte[]> answers = new LinkedHashMap<>();

        for (Pending p : batch) {
            QueueRequest r = p.request();
            RequestKey key = new RequestKey(r.device(), r.requestId());
            StoredReply known = replies.recent(key);
            if (known != null) {
                answers.put(p, answer(r, known));
                continue;
            }
            if (setAside(p)) { // its reply left the memory while it waited for a commit
                continue;
            }
            RequestKey claimedBy = r.booking() == null ? null : checkedIn.get(r.booking().code());
            if (claimedBy != null && !claimedBy.equals(key)) {
                answers.put(p, r.renderer().failed(ProtocolError.of(ErrorCode.BOOKING_USED,
                        "booking " + r.booking().code() + " was already checked in by another request")));
                continue;
            }
            // The engine reports what it changed, finished tickets included: nothing to capture before or rebuild after.
            Execution execution = queue.execute(r.command(), now);
            if (execution instanceof Execution.Refused refused) {
                refused(r.command(), refused.rejection());
                answers.put(p, r.renderer().rejected(refused.rejection(), refused.message()));
                continue;
            }
            Changes changes = ((Execution.Applied) execution).changes();
            if (r.audit() != null) {
                audits.add(r.audit());
            }
            events.addAll(changes.events());
            dossierVisits.addAll(DossierVisitRows.of(changes, queue.definition()));
            for (Changes.ChangedTicket changed : changes.tickets()) {
                tickets.merge(changed.ticket().id(), ticketRow(changed, r), (old, now2) -> new TicketRow(now2.ticket(),
                        now2.finishedAt(), old.kioskId(), old.requestId(), old.token()));
            }
            changes.counters().forEach(c -> counters.put(c.id(), c));
            if (r.booking() != null) {
                checkedIn.put(r.booking().code(), key);
                checkIns.add(new BookingCheckIn(r.booking().code(), ((Command.IssueTicket) r.command()).ticketId(),
                        r.booking().appointment(), r.device(), r.requestId(), now));
            }
            byte[] reply = r.renderer().accepted(Outcome.of(changes, queue));
            replies.remember(key, new StoredReply(r.fingerprint(), reply), now);
            requests.add(new RequestRow(key, r.fingerprint(), reply, now));
            answers.put(p, reply);
        }

        if (events.isEmpty() && requests.isEmpty()) {
            answers.forEach(this::reply);
            drain();
            return;
        }
        committing = true;
        try {
            listener.committing(queue);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "centre " + centre.id() + ": telling listeners of a commit failed", e);
        }
        Batch write = new Batch(expectedVersion, events, new ArrayList<>(tickets.values()),
                new ArrayList<>(counters.values()), requests, queue.lastCallSeq(), queue.lastOrdinal(), now, audits,
                dossierVisits, learnt(now),
                announcements.of(queue.definition(), expectedVersion, events, tickets, checkIns), checkIns);
        inFlight = answers;
        Completable<Void> timing = listener.committing(centre.id());
        long attempt = ++commitAttempts;
        boolean[] timedOut = {false};
        // drain runs on the runtime's context, so the timer fires there too
        long timer = vertx.setTimer(commitTimeout.toMillis(), t -> {
            if (!committing || commitAttempts != attempt) {
                return;
            }
            timedOut[0] = true;
            unknownOutcome = attempt;
            LOG.warning("centre " + centre.id() + ": the database did not answer the commit of " + events.size()
                    + " events within " + commitTimeout.toMillis() + " ms; answering UNAVAILABLE, and reloading once"
                    + " its outcome is known");
            requests.forEach(row -> replies.forget(row.key()));
            checkIns.forEach(c -> checkedIn.remove(c.code()));
            ProtocolError unavailable = ProtocolError.of(ErrorCode.UNAVAILABLE, "the database did not answer within "
                    + commitTimeout.toMillis() + " ms; retry with the same requestId");
            answers.keySet().forEach(p -> reply(p, p.request().renderer().failed(unavailable)));
            inFlight = Map.of();
            status = Status.RECOVERING;
            failPending();
            vertx.setTimer(OUTCOME_WAIT_MS, t2 -> {
                if (unknownOutcome == attempt) {
                    unknownOutcome = 0;
                    LOG.warning("centre " + centre.id() + ": the commit that timed out is still unanswered after "
                            + OUTCOME_WAIT_MS + " ms; reloading without its outcome (the version check fences it"
                            + " should it land later)");
                    recover();
                }
            });
        });
        store.commit(write).andThen(timing).onComplete(ar -> context.runOnContext(v -> {
            if (status == Status.STOPPED) {
                return; // answered when the writer stopped; the new writer reads what landed
            }
            inFlight = Map.of();
            vertx.cancelTimer(timer);
            if (timedOut[0]) {
                if (unknownOutcome == attempt) {
                    unknownOutcome = 0;
                    LOG.info("centre " + centre.id() + ": the commit that timed out "
                            + (ar.succeeded() ? "did land" : "failed (" + ar.cause().getMessage() + ")")
                            + "; reloading the queue");
                    recover();
                }
                return; // answered already; the reload (or the version check) decides what it left
            }
            if (ar.succeeded()) {
                version = write.newVersion();
                committing = false;
                answers.forEach(this::reply);
                replies.age(now);
                Map<String, Ticket> touched = new HashMap<>();
                tickets.forEach((id, row) -> touched.put(id, row.ticket()));
                if (events.stream().anyMatch(e -> e instanceof Event.CentreReconfigured)) {
                    centre = queue.definition();
                    reconfigured();
                }
                publish(events, touched);
                parkingExpiry.schedule(queue.nextParkingExpiry());
                drain();
            } else {
                LOG.log(Level.WARNING, "centre " + centre.id() + ": commit of " + events.size()
                        + " events failed; answering UNAVAILABLE and reloading: " + ar.cause().getMessage());
                requests.forEach(row -> replies.forget(row.key()));
                checkIns.forEach(c -> checkedIn.remove(c.code()));
                ProtocolError unavailable = ProtocolError.of(ErrorCode.UNAVAILABLE,
                        "the request could not be stored; retry with the same requestId");
                answers.keySet().forEach(p -> reply(p, p.request().renderer().failed(unavailable)));
                recover();
            }
        }));
    }

    /** A ticket's row as the command left it; the ticket it issued carries its kiosk, request and public token. */
    private static TicketRow ticketRow(Changes.ChangedTicket changed, QueueRequest r) {
        // The public token is committed with the ticket, in the same transaction as its reply, which carries it.
        return changed.issued()
                ? new TicketRow(changed.ticket(), changed.finishedAt(), r.device(), r.requestId(), r.ticketToken())
                : new TicketRow(changed.ticket(), changed.finishedAt(), null, null, null);
    }

    private void refused(Command command, Rejection rejection) {
        try {
            listener.refused(queue, command, rejection);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "centre " + centre.id() + ": telling listeners of a refusal failed", e);
        }
    }

    private void reconfigured() {
        try {
            listener.reconfigured(queue);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "centre " + centre.id() + ": publishing the new definition failed", e);
        }
    }

    /** What the estimates learnt, when it is time to store it again; null leaves the stored value (and the queue still learning). */
    private LearntEstimates learnt(Instant now) {
        if (now.isBefore(nextEstimatesWrite)) {
            return null;
        }
        LearntEstimates learnt = queue.learnt();
        if (learnt != null) {
            nextEstimatesWrite = now.plus(ESTIMATES_EVERY);
        }
        return learnt;
    }

    private void publish(List<Event> events, Map<String, Ticket> tickets) {
        try {
            listener.committed(queue, events, tickets);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "centre " + centre.id() + ": publishing committed events failed", e);
        }
    }

    private void reply(Pending p, byte[] payload) {
        p.replyTo().runOnContext(v -> p.promise().complete(payload));
    }

    private void failPending() {
        ProtocolError unavailable = ProtocolError.of(ErrorCode.UNAVAILABLE,
                "the centre's queue is reloading from the database; retry with the same requestId");
        while (!pending.isEmpty()) {
            Pending p = pending.poll();
            reply(p, p.request().renderer().failed(unavailable));
        }
    }

    private void recover() {
        if (status == Status.STOPPED) {
            return;
        }
        status = Status.RECOVERING;
        committing = false;
        failPending();
        load().onComplete(ar -> {
            if (ar.succeeded()) {
                LOG.info("centre " + centre.id() + ": queue reloaded at version " + version);
                status = Status.READY;
                drain();
            } else {
                LOG.warning("centre " + centre.id() + ": reload failed (" + ar.cause().getMessage()
                        + "); retrying in " + RELOAD_RETRY_MS + " ms");
                vertx.setTimer(RELOAD_RETRY_MS, t -> context.runOnContext(v -> recover()));
            }
        });
    }

    private Future<Void> load() {
        Promise<Void> done = Promise.promise();
        store.load(now()).onComplete(ar -> context.runOnContext(v -> {
            if (ar.failed()) {
                done.fail(ar.cause());
                return;
            }
            CentreStore.Loaded loaded = ar.result();
            // The database holds the definition that goes with the queue; a change committed by another process (a
            // configuration import) is picked up by the reload that the version check forces.
            boolean changed = loaded.definition().isPresent() && !loaded.definition().get().equals(centre);
            loaded.definition().ifPresent(stored -> centre = stored);
            queue = CentreQueue.restore(centre, routing, estimator, loaded.snapshot());
            checkedIn.clear(); // the database has them now: the kiosks' look-up reads them there
            if (changed && status != Status.LOADING) {
                reconfigured();
            }
            version = loaded.version();
            replies.load(loaded.replies(), loaded.older(), now());
            try {
                listener.loaded(queue, loaded.recentCalls());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "centre " + centre.id() + ": publishing the loaded state failed", e);
            }
            parkingExpiry.schedule(queue.nextParkingExpiry());
            done.complete();
        }));
        return done.future();
    }

    /** The stored reply to a retry, or DUPLICATE_REQUEST for a different request under a used id. */
    private static byte[] answer(QueueRequest r, StoredReply stored) {
        return stored.fingerprint().equals(r.fingerprint())
                ? stored.reply()
                : r.renderer().failed(ProtocolError.of(ErrorCode.DUPLICATE_REQUEST,
                        "requestId " + r.requestId() + " was already used for a different request"));
    }

    /**
     * Takes a request out of the writer's way if it must wait: behind a lookup of its device, or for a lookup of
     * its own, because its key's hash is among the older requests' whose replies are in the journal only. The
     * lookup runs while the writer goes on with other devices' requests.
     */
    private boolean setAside(Pending p) {
        String device = p.request().device();
        Lookup ahead = lookingUp.get(device);
        if (ahead != null && p.seq() > ahead.seq()) {
            ahead.behind().add(p);
            return true;
        }
        if (p.lookedUp() || !needsLookup(p)) {
            return false;
        }
        if (ahead != null) {
            // it waited for a commit while its reply left the memory, and its device has a later request looked up
            // already: rarer than rare, and a retry is safe, so it is not worth a second queue per device
            reply(p, p.request().renderer().failed(ProtocolError.of(ErrorCode.UNAVAILABLE,
                    "the request could not be checked against the stored ones; retry with the same requestId")));
            return true;
        }
        lookingUp.put(device, new Lookup(p, new ArrayDeque<>()));
        lookUp(p);
        return true;
    }

    private boolean needsLookup(Pending p) {
        RequestKey key = new RequestKey(p.request().device(), p.request().requestId());
        return replies.recent(key) == null && replies.mayBeOlder(key);
    }

    private void lookUp(Pending p) {
        QueueRequest r = p.request();
        // a database that does not answer gets the commit's patience, then the device is told to retry
        Promise<java.util.Optional<StoredReply>> found = Promise.promise();
        long timer = vertx.setTimer(commitTimeout.toMillis(), t -> found.tryFail(
                new java.util.concurrent.TimeoutException("no answer within " + commitTimeout.toMillis() + " ms")));
        store.storedReply(new RequestKey(r.device(), r.requestId())).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                found.tryComplete(ar.result());
            } else {
                found.tryFail(ar.cause());
            }
        });
        found.future().onComplete(ar -> context.runOnContext(v -> {
            if (status == Status.STOPPED) {
                return; // answered when the writer stopped
            }
            if (status != Status.READY) {
                failLookups(r.device(), p);
                return;
            }
            if (ar.failed()) {
                LOG.warning("centre " + centre.id() + ": looking up the stored reply to " + r.device() + "/"
                        + r.requestId() + " failed; answering UNAVAILABLE: " + ar.cause().getMessage());
                reply(p, r.renderer().failed(ProtocolError.of(ErrorCode.UNAVAILABLE,
                        "the request could not be checked against the stored ones; retry with the same requestId")));
            } else if (ar.result().isPresent()) {
                reply(p, answer(r, ar.result().get()));
            } else { // another key with the same hash: this id was never used
                pending.add(new Pending(r, p.replyTo(), p.promise(), p.seq(), true));
            }
            Deque<Pending> behind = lookingUp.remove(r.device()).behind();
            while (!behind.isEmpty()) {
                Pending next = behind.poll();
                if (needsLookup(next)) {
                    lookingUp.put(r.device(), new Lookup(next, behind));
                    lookUp(next);
                    break;
                }
                pending.add(next);
            }
            drain();
        }));
    }

    /** The queue is reloading: the request looked up and those of its device behind it are answered UNAVAILABLE. */
    private void failLookups(String device, Pending p) {
        ProtocolError unavailable = ProtocolError.of(ErrorCode.UNAVAILABLE,
                "the centre's queue is reloading from the database; retry with the same requestId");
        reply(p, p.request().renderer().failed(unavailable));
        Lookup lookup = lookingUp.remove(device);
        if (lookup != null) {
            lookup.behind().forEach(w -> reply(w, w.request().renderer().failed(unavailable)));
        }
    }

    /** Wall-clock time that never goes backwards within this runtime, so events stay in order. */
    private Instant now() {
        Instant wall = clock.instant();
        lastNow = wall.isAfter(lastNow) ? wall : lastNow;
        return lastNow;
    }
}
