package vn.onedesk.gateway.queue;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.estimation.QueueLengthEstimator;
import vn.onedesk.engine.routing.FirstComeFirstServed;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.persistence.CentreJournal;
import vn.onedesk.gateway.persistence.CentreStore.Batch;
import vn.onedesk.gateway.persistence.CentreStore.Loaded;
import vn.onedesk.gateway.persistence.CentreStore.RequestKey;
import vn.onedesk.gateway.persistence.CentreStore.RequestRow;
import vn.onedesk.gateway.persistence.CentreStore.StoredReply;
import vn.onedesk.gateway.persistence.CentreStore.TicketRow;
import vn.onedesk.gateway.persistence.StaleVersionException;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.protocol.ProtocolError;

/**
 * The single writer's failure paths, over an in-memory journal whose commits the test holds, fails or lands: a real
 * {@link CentreRuntime} on a real Vert.x, no database. Nothing acknowledged may be lost, no number issued twice, and
 * a retry with the same requestId gets the stored reply when its commit landed, a fresh decision when it did not.
 */
@ExtendWith(VertxExtension.class)
class CentreRuntimeTest {
    private static final CentreDefinition CENTRE = new CentreDefinition("test-centre", "Trung tâm thử nghiệm",
            ZoneId.of("Asia/Ho_Chi_Minh"), List.of(),
            List.of(new ServiceField("TP", "Tư pháp – hộ tịch", "A", Set.of(Operator.POSTAL), Duration.ofMinutes(30),
                    Duration.ofMinutes(8))),
            List.of(new CounterDefinition("Q01", 1, Operator.POSTAL, List.of("TP"), List.of())), false);
    /** Long enough never to fire in the tests that are not about it, even on a loaded machine. */
    private static final Duration PATIENT = Duration.ofMinutes(5);
    private static final String UNAVAILABLE = "failed UNAVAILABLE";

    // --- when: the kiosk takes tickets; then: the replies, the journal's rows ---

    @Test
    void aFailedCommitAnswersEveryRequestOfItsBatchUnavailableReloadsAndARetryThenGetsAFreshDecision(Vertx vertx)
            throws Exception {
        Journal journal = new Journal();
        Loads loads = new Loads();
        CentreRuntime runtime = started(vertx, journal, loads, PATIENT);
        journal.hold();
        Future<String> r1 = take(runtime, "r1");
        Held first = await(journal.nextCommit());
        Future<String> r2 = take(runtime, "r2");
        Future<String> r3 = take(runtime, "r3");
        await(runtime.read(q -> null)); // r2 and r3 wait behind the commit of r1, to go in one batch

        first.land();
        assertEquals("issued A001", await(r1));
        Held second = await(journal.nextCommit());
        assertEquals(List.of("r2", "r3"), second.requestIds(), "one batch of two");
        second.fail(); // it did not land

        assertEquals(UNAVAILABLE, await(r2));
        assertEquals(UNAVAILABLE, await(r3));
        await(loads.reached(2)); // the start, and the reload after the failure
        journal.landAll();
        assertEquals("issued A002", await(take(runtime, "r3")), "a fresh decision: the failed batch left nothing");
        assertEquals("issued A003", await(take(runtime, "r2")));
        assertEquals(List.of("A001", "A002", "A003"), journal.numbers());
        assertEquals(List.of("r1", "r3", "r2"), journal.ticketRequests(), "each row carries the request that issued it");
    }

    @Test
    void aRetryGetsTheStoredReplyWhenTheCommitThatFailedToAnswerHadLandedAfterAll(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        Loads loads = new Loads();
        CentreRuntime runtime = started(vertx, journal, loads, PATIENT);
        assertEquals("issued A001", await(take(runtime, "r1")));
        journal.hold();
        Future<String> r2 = take(runtime, "r2");
        Held commit = await(journal.nextCommit());

        commit.landButFail(); // written, but the answer was lost on the way back
        assertEquals(UNAVAILABLE, await(r2));
        await(loads.reached(2));
        journal.landAll();

        assertEquals("issued A002", await(take(runtime, "r2")), "the reply stored with the commit, not a new ticket");
        assertEquals(2, journal.commitsLanded(), "the retry wrote nothing");
        assertEquals("issued A003", await(take(runtime, "r3")));
        assertEquals(List.of("A001", "A002", "A003"), journal.numbers());
    }

    @Test
    void noNumberIsIssuedTwiceAndNoAcknowledgedTicketIsLostAcrossFailedCommits(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        Loads loads = new Loads();
        CentreRuntime runtime = started(vertx, journal, loads, PATIENT);
        Map<String, String> acknowledged = new TreeMap<>(); // request id -> number
        for (int round = 0; round < 6; round++) {
            journal.hold();
            List<String> ids = List.of("a" + round, "b" + round, "c" + round);
            Map<String, Future<String>> sent = new HashMap<>();
            sent.put(ids.get(0), take(runtime, ids.get(0)));
            Held held = await(journal.nextCommit());
            sent.put(ids.get(1), take(runtime, ids.get(1)));
            sent.put(ids.get(2), take(runtime, ids.get(2)));
            await(runtime.read(q -> null)); // the two wait behind the first one's commit
            switch (round % 3) { // the first one's commit fails, or lands but its answer is lost, or lands ...
                case 0 -> held.fail();
                case 1 -> held.landButFail();
                default -> {
                    held.land();
                    await(journal.nextCommit()).fail(); // ... and the batch of the two behind it fails
                }
            }
            await(loads.reached(round + 2));
            journal.landAll();
            for (String id : ids) { // each request is retried with its id until it is answered
                String reply = await(take(runtime, id));
                assertTrue(reply.startsWith("issued "), reply);
                String first = await(sent.get(id));
                if (!first.equals(UNAVAILABLE)) {
                    assertEquals(first, reply, "a retry of an answered request gets the same answer");
                }
                acknowledged.put(id, reply.substring("issued ".length()));
            }
        }
        List<String> numbers = journal.numbers();
        assertEquals(18, numbers.size(), numbers::toString);
        assertEquals(18, new HashSet<>(numbers).size(), () -> "a number issued twice: " + numbers);
        assertEquals(new HashSet<>(numbers), new HashSet<>(acknowledged.values()),
                "every acknowledged number is stored, and only those");
    }

    @Test
    void aCommitThatDoesNotAnswerInTimeIsAnsweredUnavailableAndNewRequestsTooUntilItSettlesThenTheQueueReloads(
            Vertx vertx) throws Exception {
        Journal journal = new Journal();
        Loads loads = new Loads();
        CentreRuntime runtime = started(vertx, journal, loads, Duration.ofMillis(200));
        assertEquals("issued A001", await(take(runtime, "r1")));
        journal.hold();
        Future<String> r2 = take(runtime, "r2");
        Held frozen = await(journal.nextCommit());

        assertEquals(UNAVAILABLE, await(r2), "answered when the commit timed out, not when it settles");
        assertFalse(frozen.settled());
        assertEquals(UNAVAILABLE, await(take(runtime, "r3")), "no new work while the outcome is unknown");
        assertEquals(UNAVAILABLE, await(take(runtime, "r2")));
        assertEquals(1, loads.count(), "no reload before the commit settles");

        frozen.land(); // late, but it landed
        await(loads.reached(2));
        journal.landAll();
        assertEquals("issued A002", await(take(runtime, "r2")), "the reply the late commit stored");
        assertEquals("issued A003", await(take(runtime, "r3")));
        assertEquals(List.of("A001", "A002", "A003"), journal.numbers());
    }

    @Test
    void aCommitThatTimedOutAndThenFailedLeavesNothingAndTheRetryIsDecidedAfresh(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        Loads loads = new Loads();
        CentreRuntime runtime = started(vertx, journal, loads, Duration.ofMillis(200));
        journal.hold();
        Future<String> r1 = take(runtime, "r1");
        Held frozen = await(journal.nextCommit());
        assertEquals(UNAVAILABLE, await(r1));

        frozen.fail();
        await(loads.reached(2));
        journal.landAll();
        assertEquals("issued A001", await(take(runtime, "r1")));
        assertEquals(List.of("A001"), journal.numbers());
    }

    @Test
    void aWriterThatStopsAnswersItsCommitInFlightAndEveryRequestWaitingUnavailableAndDecidesNothingAfterwards(
            Vertx vertx) throws Exception {
        Journal journal = new Journal();
        Loads loads = new Loads();
        Context context = vertx.getOrCreateContext();
        CentreRuntime runtime = runtime(vertx, context, journal, loads, PATIENT);
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> runtime.start().onComplete(started));
        await(started.future());
        journal.hold();
        Future<String> r1 = take(runtime, "r1");
        Held inFlight = await(journal.nextCommit());
        Future<String> r2 = take(runtime, "r2");
        await(runtime.read(q -> null)); // r2 waits behind the commit of r1

        // its centre moved to another node: the verticle's stop, on the writer's context
        Promise<Void> stopped = Promise.promise();
        context.runOnContext(v -> {
            runtime.stop();
            stopped.complete();
        });
        await(stopped.future());

        assertEquals(UNAVAILABLE, await(r1), "the commit in flight is answered: nothing of this writer answers later");
        assertEquals(UNAVAILABLE, await(r2));
        assertEquals(UNAVAILABLE, await(take(runtime, "r3")), "a request that reaches it after it stopped");
        inFlight.land(); // late; in PostgreSQL the writer epoch fences it
        journal.landAll();
        assertEquals(UNAVAILABLE, await(take(runtime, "r4")));
        assertEquals(1, journal.commitsLanded(), "no commit after the stop");
        assertEquals(1, loads.count(), "a stopped writer does not reload");
    }

    @Test
    void aRequestBeingLookedUpWhenTheWriterStopsIsAnsweredUnavailableWithTheRequestsOfItsDeviceBehindIt(Vertx vertx)
            throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        Context context = vertx.getOrCreateContext();
        CentreRuntime runtime = new CentreRuntime(vertx, context, CENTRE, new FirstComeFirstServed(),
                new QueueLengthEstimator(), journal, new Loads(), clock, PATIENT);
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> runtime.start().onComplete(started));
        await(started.future());
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofMinutes(10));
        assertEquals("issued A002", await(take(runtime, "r2")));
        journal.holdLookups(); // never answered
        Future<String> retry = take(runtime, "r1");
        Future<String> behind = take(runtime, "r3");
        await(runtime.read(q -> null));

        context.runOnContext(v -> runtime.stop());

        assertEquals(UNAVAILABLE, await(retry));
        assertEquals(UNAVAILABLE, await(behind));
        assertEquals(List.of("A001", "A002"), journal.numbers());
    }

    @Test
    void requestsSubmittedWhileTheQueueLoadsAreAnsweredUnavailable(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        Loads loads = new Loads();
        journal.holdLoads();
        Context context = vertx.getOrCreateContext();
        CentreRuntime runtime = runtime(vertx, context, journal, loads, PATIENT);
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> runtime.start().onComplete(started));
        await(journal.nextLoad());

        assertEquals(UNAVAILABLE, await(take(runtime, "r1")), "while it starts");
        journal.releaseLoad();
        await(started.future());
        assertEquals("issued A001", await(take(runtime, "r1")));

        journal.hold();
        Future<String> r2 = take(runtime, "r2");
        await(journal.nextCommit()).fail();
        assertEquals(UNAVAILABLE, await(r2));
        await(journal.nextLoad());
        assertEquals(UNAVAILABLE, await(take(runtime, "r2")), "while it reloads");
        journal.landAll();
        journal.releaseLoad();
        await(loads.reached(2));
        assertEquals("issued A002", await(take(runtime, "r2")));
    }

    // --- when: a device retries after the reply's bytes left the memory ---

    @Test
    void aRetryWithinTheReplyWindowGetsTheSameBytesWithoutAskingTheJournal(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        CentreRuntime runtime = started(vertx, journal, new Loads(), PATIENT, clock);
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofMinutes(1));
        assertEquals("issued A002", await(take(runtime, "r2")));

        assertEquals("issued A001", await(take(runtime, "r1")));
        assertEquals(0, journal.lookups());
        assertEquals(2, journal.commitsLanded(), "the retry wrote nothing");
    }

    @Test
    void aRetryAfterTheReplyWindowGetsTheBytesStoredInTheJournal(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        CentreRuntime runtime = started(vertx, journal, new Loads(), PATIENT, clock);
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofMinutes(10));
        assertEquals("issued A002", await(take(runtime, "r2"))); // its commit lets go of r1's bytes

        assertEquals("issued A001", await(take(runtime, "r1")), "the stored reply, not a new ticket");
        assertEquals(1, journal.lookups());
        assertEquals("issued A002", await(take(runtime, "r2")), "r2 is still within the window");
        assertEquals(1, journal.lookups());
        assertEquals(List.of("A001", "A002"), journal.numbers());
    }

    @Test
    void aDifferentRequestUnderAnIdUsedBeforeTheWindowIsADuplicate(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        CentreRuntime runtime = started(vertx, journal, new Loads(), PATIENT, clock);
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofHours(3));
        assertEquals("issued A002", await(take(runtime, "r2")));

        assertEquals("failed DUPLICATE_REQUEST", await(take(runtime, "r1", "TP/ELDERLY")));
        assertEquals(1, journal.lookups());
        assertEquals(List.of("A001", "A002"), journal.numbers());
    }

    @Test
    void aRetryThatCannotBeCheckedAgainstTheJournalIsAnsweredUnavailableAndDecidesNothing(Vertx vertx)
            throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        CentreRuntime runtime = started(vertx, journal, new Loads(), PATIENT, clock);
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofMinutes(10));
        assertEquals("issued A002", await(take(runtime, "r2")));
        journal.failLookups();

        assertEquals(UNAVAILABLE, await(take(runtime, "r1")));
        assertEquals("issued A003", await(take(runtime, "r3")), "the writer goes on with the other requests");
        assertEquals(List.of("A001", "A002", "A003"), journal.numbers());
    }

    @Test
    void aLookupTheDatabaseDoesNotAnswerInTimeIsAnsweredUnavailableAndTheDevicesNextRequestGoesOn(Vertx vertx)
            throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        CentreRuntime runtime = started(vertx, journal, new Loads(), Duration.ofMillis(200), clock);
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofMinutes(10));
        assertEquals("issued A002", await(take(runtime, "r2")));
        journal.holdLookups(); // never answered

        Future<String> retry = take(runtime, "r1");
        Future<String> next = take(runtime, "r3");
        assertEquals(UNAVAILABLE, await(retry));
        assertEquals("issued A003", await(next));
        assertEquals(List.of("A001", "A002", "A003"), journal.numbers());
    }

    @Test
    void aKeyWhoseHashIsKnownButThatTheJournalNeverStoredIsDecidedAsANewRequest(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        CentreRuntime runtime = started(vertx, journal, new Loads(), PATIENT, clock);
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofMinutes(10));
        assertEquals("issued A002", await(take(runtime, "r2")));
        journal.lose("r1"); // as a key of the same hash would be: known to the memory, unknown to the journal

        assertEquals("issued A003", await(take(runtime, "r1")));
        assertEquals(1, journal.lookups());
        assertEquals("issued A003", await(take(runtime, "r1")), "its reply is now remembered like any other");
        assertEquals(1, journal.lookups());
    }

    @Test
    void theRequestsOfADeviceAfterOneBeingLookedUpAreDecidedAfterIt(Vertx vertx) throws Exception {
        Journal journal = new Journal();
        TestClock clock = new TestClock(Instant.parse("2026-03-02T01:00:00Z"));
        CentreRuntime runtime = started(vertx, journal, new Loads(), PATIENT, clock);
        assertEquals("issued A001", await(take(runtime, "r1")));
        clock.advance(Duration.ofMinutes(10));
        assertEquals("issued A002", await(take(runtime, "r2")));
        journal.lose("r1");
        Promise<Void> lookup = journal.holdLookups();

        Future<String> retry = take(runtime, "r1");
        Future<String> next = take(runtime, "r3");
        await(runtime.read(q -> null));
        assertFalse(next.isComplete(), "r3 waits for the lookup of r1, sent before it");
        lookup.complete();
        assertEquals("issued A003", await(retry));
        assertEquals("issued A004", await(next));
    }

    @Test
    void whatTheEstimatesLearntIsStoredWithTheFirstBatchThenAtMostOnceEveryTenSecondsOfTheCentresClock(Vertx vertx)
            throws Exception {
        TestClock clock = new TestClock(Instant.parse("2025-03-04T02:00:00Z"));
        Journal journal = new Journal();
        CentreRuntime runtime = started(vertx, journal, new Loads(), PATIENT, clock);

        await(take(runtime, "r1"));
        clock.advance(Duration.ofSeconds(9));
        await(take(runtime, "r2"));
        clock.advance(Duration.ofSeconds(1));
        await(take(runtime, "r3"));

        assertEquals(Arrays.asList(1, null, 3), journal.arrivalsStored(),
                "stored with r1, not with r2 nine seconds later, then with r3 (r2's arrival kept for it)");
    }

    // --- the runtime, its requests and its replies ---

    private static CentreRuntime started(Vertx vertx, Journal journal, Loads loads, Duration commitTimeout)
            throws Exception {
        return started(vertx, journal, loads, commitTimeout, Clock.systemUTC());
    }

    private static CentreRuntime started(Vertx vertx, Journal journal, Loads loads, Duration commitTimeout,
                                         Clock clock) throws Exception {
        Context context = vertx.getOrCreateContext();
        CentreRuntime runtime = new CentreRuntime(vertx, context, CENTRE, new FirstComeFirstServed(),
                new QueueLengthEstimator(), journal, loads, clock, commitTimeout);
        Promise<Void> started = Promise.promise();
        context.runOnContext(v -> runtime.start().onComplete(started));
        await(started.future());
        return runtime;
    }

    private static CentreRuntime runtime(Vertx vertx, Context context, Journal journal, Loads loads,
                                         Duration commitTimeout) {
        return new CentreRuntime(vertx, context, CENTRE, new FirstComeFirstServed(), new QueueLengthEstimator(),
                journal, loads, Clock.systemUTC(), commitTimeout);
    }

    /** A kiosk's ticket request; the same request id always carries the same content, as a retry does. */
    private static Future<String> take(CentreRuntime runtime, String requestId) {
        return take(runtime, requestId, "TP/NONE");
    }

    /** A ticket request whose content has this fingerprint. */
    private static Future<String> take(CentreRuntime runtime, String requestId, String fingerprint) {
        String ticketId = UUID.randomUUID().toString(); // the adapter makes a new one for each attempt
        return runtime.submit(new QueueRequest("kiosk-1", requestId, fingerprint,
                        new Command.IssueTicket(ticketId, "TP", PriorityGroup.NONE, Channel.WALK_IN), TextReplies.INSTANCE,
                        "token-" + ticketId))
                .map(bytes -> new String(bytes, UTF_8));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Replies as short texts: "issued A001", "rejected NO_TICKET_WAITING", "failed UNAVAILABLE". */
    private enum TextReplies implements ReplyRenderer {
        INSTANCE;

        @Override
        public byte[] accepted(Outcome outcome) {
            return ("issued " + outcome.ticket().map(Ticket::number).orElse("-")).getBytes(UTF_8);
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            return ("rejected " + rejection).getBytes(UTF_8);
        }

        @Override
        public byte[] failed(ProtocolError error) {
            return ("failed " + error.code()).getBytes(UTF_8);
        }
    }

    /**
     * Counts the loads of the queue. The runtime tells its listener on its own context, in the same task that makes
     * it ready, so a request submitted after {@link #reached} is decided by the reloaded queue.
     */
    private static final class Loads implements CommitListener {
        private final Map<Integer, Promise<Void>> at = new HashMap<>();
        private int count;

        @Override
        public synchronized void loaded(CentreQueue queue) {
            count++;
            Promise<Void> p = at.remove(count);
            if (p != null) {
                p.complete();
            }
        }

        @Override
        public void committed(CentreQueue queue, List<Event> events, Map<String, Ticket> tickets) {
        }

        synchronized int count() {
            return count;
        }

        /** Completes once the queue has been loaded {@code n} times. */
        synchronized Future<Void> reached(int n) {
            if (count >= n) {
                return Future.succeededFuture();
            }
            return at.computeIfAbsent(n, k -> Promise.promise()).future();
        }
    }

    /** A commit the journal holds until the test lands it, fails it, or lands it and loses the answer. */
    private record Held(Journal journal, Batch batch, Promise<Void> answer) {
        List<String> requestIds() {
            return batch.requests().stream().map(r -> r.key().requestId()).toList();
        }

        void land() {
            journal.write(batch);
            answer.complete();
        }

        void fail() {
            answer.fail(new IllegalStateException("connection reset"));
        }

        void landButFail() {
            journal.write(batch);
            answer.fail(new IllegalStateException("connection reset after the commit"));
        }

        boolean settled() {
            return answer.future().isComplete();
        }
    }

    /**
     * The centre's truth in memory, as PostgreSQL would keep it: the events that landed replayed on a queue, the
     * version that fences a stale writer, the stored replies, and every ticket row written.
     */
    private static final class Journal implements CentreJournal {
        private final CentreQueue truth = CentreQueue.empty(CENTRE, new FirstComeFirstServed(),
                new QueueLengthEstimator());
        private final Map<RequestKey, StoredReply> replies = new HashMap<>();
        private final Map<String, TicketRow> tickets = new java.util.LinkedHashMap<>();
        private final Deque<Held> arrived = new ArrayDeque<>();
        private final Deque<Promise<Held>> awaited = new ArrayDeque<>();
        private final Deque<Promise<Loaded>> heldLoads = new ArrayDeque<>();
        private final Deque<Promise<Void>> loadAwaited = new ArrayDeque<>();
        private long version;
        private boolean holding;
        private boolean holdingLoads;
        private int landed;
        private int lookups;
        private boolean failingLookups;
        private Promise<Void> heldLookups;
        private final List<Integer> arrivalsStored = new ArrayList<>();

        synchronized void hold() {
            holding = true;
        }

        /** From now on every commit lands at once. */
        synchronized void landAll() {
            holding = false;
        }

        synchronized void holdLoads() {
            holdingLoads = true;
        }

        /** Answers the load being held with the truth as it is now; later loads are held too. */
        void releaseLoad() {
            Promise<Loaded> load;
            Loaded state;
            synchronized (this) {
                load = heldLoads.poll();
                state = state();
            }
            load.complete(state);
        }

        /** Completes when the runtime asks for a load that is held. */
        synchronized Future<Void> nextLoad() {
            if (!heldLoads.isEmpty() && loadAwaited.isEmpty()) {
                return Future.succeededFuture();
            }
            Promise<Void> p = Promise.promise();
            loadAwaited.add(p);
            return p.future();
        }

        synchronized Future<Held> nextCommit() {
            if (!arrived.isEmpty()) {
                return Future.succeededFuture(arrived.poll());
            }
            Promise<Held> p = Promise.promise();
            awaited.add(p);
            return p.future();
        }

        synchronized List<String> numbers() {
            return tickets.values().stream().map(r -> r.ticket().number()).sorted().toList();
        }

        synchronized List<String> ticketRequests() {
            return tickets.values().stream().map(TicketRow::requestId).toList();
        }

        synchronized int commitsLanded() {
            return landed;
        }

        /** How often the runtime asked for a stored reply. */
        synchronized int lookups() {
            return lookups;
        }

        /** From now on a lookup of a stored reply fails, as with the database down. */
        synchronized void failLookups() {
            failingLookups = true;
        }

        /** Lookups are answered once the returned promise completes. */
        synchronized Promise<Void> holdLookups() {
            heldLookups = Promise.promise();
            return heldLookups;
        }

        /** The stored reply of kiosk-1's request is gone, as if never written. */
        synchronized void lose(String requestId) {
            replies.remove(new RequestKey("kiosk-1", requestId));
        }

        @Override
        public synchronized Future<Optional<StoredReply>> storedReply(RequestKey key) {
            lookups++;
            if (failingLookups) {
                return Future.failedFuture(new IllegalStateException("connection refused"));
            }
            Future<Void> when = heldLookups == null ? Future.succeededFuture() : heldLookups.future();
            return when.map(v -> {
                synchronized (this) {
                    return Optional.ofNullable(replies.get(key));
                }
            });
        }

        @Override
        public Future<Loaded> load(Instant now) {
            Promise<Void> told;
            synchronized (this) {
                if (!holdingLoads) {
                    return Future.succeededFuture(state());
                }
                Promise<Loaded> held = Promise.promise();
                heldLoads.add(held);
                told = loadAwaited.poll();
                if (told == null) {
                    return held.future();
                }
                Future<Loaded> result = held.future();
                told.complete();
                return result;
            }
        }

        @Override
        public Future<Void> commit(Batch batch) {
            Promise<Void> answer = Promise.promise();
            Promise<Held> told = null;
            synchronized (this) {
                if (batch.expectedVersion() != version) {
                    return Future.failedFuture(new StaleVersionException(CENTRE.id(), batch.expectedVersion()));
                }
                if (!holding) {
                    write(batch);
                    return Future.succeededFuture();
                }
                Held held = new Held(this, batch, answer);
                told = awaited.poll();
                if (told == null) {
                    arrived.add(held);
                } else {
                    told.complete(held);
                }
            }
            return answer.future();
        }

        /** The batch lands: one transaction, fenced by the version as CentreStore fences it. */
        synchronized void write(Batch batch) {
            if (batch.expectedVersion() != version) {
                throw new IllegalStateException("a stale batch landed");
            }
            batch.events().forEach(truth::apply);
            version = batch.newVersion();
            for (RequestRow r : batch.requests()) {
                replies.put(r.key(), new StoredReply(r.fingerprint(), r.reply()));
            }
            for (TicketRow row : batch.tickets()) {
                tickets.merge(row.ticket().id(), row, (old, now) -> new TicketRow(now.ticket(), now.finishedAt(),
                        old.kioskId(), old.requestId(), old.token()));
            }
            landed++;
            arrivalsStored.add(batch.estimates() == null ? null : batch.estimates().arrivals().get("TP").seen());
        }

        /** For each batch that landed, the arrivals its stored estimates had seen; null where it stored none. */
        synchronized List<Integer> arrivalsStored() {
            return new ArrayList<>(arrivalsStored);
        }

        private Loaded state() {
            return new Loaded(truth.snapshot(), version, Map.copyOf(replies), Optional.empty());
        }
    }
}
