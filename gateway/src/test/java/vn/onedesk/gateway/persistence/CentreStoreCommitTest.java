package vn.onedesk.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.CentreQueue;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Decision;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.estimation.WaitEstimators;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.persistence.CentreStore.Batch;
import vn.onedesk.gateway.persistence.CentreStore.Loaded;
import vn.onedesk.gateway.persistence.CentreStore.RequestKey;
import vn.onedesk.gateway.persistence.CentreStore.RequestRow;
import vn.onedesk.gateway.persistence.CentreStore.StoredReply;
import vn.onedesk.gateway.persistence.CentreStore.TicketRow;
import vn.onedesk.gateway.support.RoundTripCounter;
import vn.onedesk.gateway.support.TestDatabase;

/**
 * A batch is committed in one round trip to PostgreSQL, whole or not at all: everything it carries reads back through
 * {@link CentreStore#load} as the queue that made it, and a batch from a stale writer writes nothing.
 */
class CentreStoreCommitTest {
    private static final CentreDefinition CENTRE = ConfigLoader.load(Map.of()).centres().get(0);

    private Vertx vertx;
    private Pool pool;
    private RoundTripCounter wire;
    private CentreStore store;
    private String url;

    private Instant now = Instant.parse("2025-03-03T01:00:00.123456Z");
    private final CentreQueue queue = CentreQueue.empty(CENTRE, RoutingPolicies.defaultPolicy(),
            WaitEstimators.defaultEstimator());
    private int requests;

    @BeforeEach
    void database() {
        vertx = Vertx.vertx();
        url = TestDatabase.freshDatabaseUrl();
        PgConnectOptions options = ConnectionTuning.apply(PgConnectOptions.fromUri(url));
        Pool owner = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(options).using(vertx).build();
        await(Migrations.apply(owner).eventually(owner::close));
        wire = RoundTripCounter.to(options.getPort());
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(new PgConnectOptions(options).setPort(wire.port()))
                .withConnectHandler(ConnectionTuning::prepareCommits).using(vertx).build();
        store = new CentreStore(pool, CENTRE.id());
    }

    @AfterEach
    void close() {
        await(pool.close());
        wire.close();
        await(vertx.close());
    }

    /** What a writer's batch holds: the queue's events and every row they change, as {@code CentreRuntime} makes them. */
    private final class Script {
        final long expectedVersion;
        final List<Event> events = new ArrayList<>();
        final Map<String, TicketRow> tickets = new LinkedHashMap<>();
        final Map<String, CounterState> counters = new LinkedHashMap<>();
        final List<RequestRow> requestRows = new ArrayList<>();
        final List<AuditRecord> audits = new ArrayList<>();
        final List<DossierVisit> visits = new ArrayList<>();

        Script(long expectedVersion) {
            this.expectedVersion = expectedVersion;
        }

        Script run(Command... commands) {
            for (Command c : commands) {
                now = now.plus(c instanceof Command.ExpireParked ? CENTRE.rules().parkTimeout()
                        : Duration.ofSeconds(61, 7_000));
                Map<String, Ticket> before = new HashMap<>();
                queue.activeTickets().forEach(t -> before.put(t.id(), t));
                List<Event> accepted = assertInstanceOf(Decision.Accepted.class, queue.handle(c, now), c.toString())
                        .events();
                events.addAll(accepted);
                String requestId = "r" + ++requests;
                for (Event e : accepted) {
                    TicketRow row = row(e, before, requestId);
                    if (row != null) {
                        tickets.merge(row.ticket().id(), row, (old, next) -> new TicketRow(next.ticket(),
                                next.finishedAt(), old.kioskId(), old.requestId(), old.token()));
                    }
                    if (e instanceof Event.ServiceCompleted done && done.dossiers() != null) {
                        Ticket t = before.get(e.ticketId());
                        done.dossiers().codes().forEach(code -> visits.add(new DossierVisit(code, t.id(), t.number(),
                                t.service(), e.counter(), e.officer(), "POSTAL", done.dossiers().returnByPost(),
                                DossierVisit.Kind.RECEIVED, e.at())));
                    }
                    if (e instanceof Event.TicketIssued issued && issued.dossier() != null) {
                        Ticket t = issued.ticket();
                        visits.add(new DossierVisit(issued.dossier(), t.id(), t.number(), t.service(), null, null,
                                null, null, DossierVisit.Kind.COLLECTING, e.at()));
                    }
                    if (e instanceof Event.CentreReconfigured) {
                        audits.add(new AuditRecord("admin", "update", "centres/" + CENTRE.id(), CENTRE.id(),
                                new JsonObject().put("counters", CENTRE.counters().size()), null, e.at()));
                    }
                }
                queue.counters().forEach(k -> counters.put(k.id(), k));
                requestRows.add(new RequestRow(new RequestKey("kiosk-1", requestId), "fp-" + requestId,
                        ("{\"requestId\":\"" + requestId + "\",\"vi\":\"Số thứ tự\"}").getBytes(StandardCharsets.UTF_8),
                        now));
            }
            return this;
        }

        private TicketRow row(Event e, Map<String, Ticket> before, String requestId) {
            if (e instanceof Event.TicketIssued issued) {
                return new TicketRow(issued.ticket(), null, "kiosk-1", requestId, "token-" + issued.ticketId());
            }
            if (e.ticketId() == null || e instanceof Event.ServiceRated) {
                return null;
            }
            Optional<Ticket> after = queue.ticket(e.ticketId());
            if (after.isPresent()) {
                return new TicketRow(after.get(), null, null, null, null);
            }
            TicketState end = e instanceof Event.TicketNoShow ? TicketState.NO_SHOW : TicketState.DONE;
            return new TicketRow(before.get(e.ticketId()).finished(end), e.at(), null, null, null);
        }

        Batch batch() {
            return new Batch(expectedVersion, events, new ArrayList<>(tickets.values()),
                    new ArrayList<>(counters.values()), requestRows, queue.lastCallSeq(), queue.lastOrdinal(), now,
                    audits, visits, queue.learnt());
        }
    }

    /** Every kind of event, tickets issued, called, served, transferred, parked, expired; a rating; a reconfiguration. */
    private static Command[] aBusyMorning() {
        return new Command[] {
            new Command.OpenCounter("Q01", new Officer("officer-Q01", "Cán bộ quầy 1")),
            new Command.IssueTicket("id-1", "TP", PriorityGroup.ELDERLY, Channel.REMOTE),
            new Command.IssueTicket("id-2", "TP", PriorityGroup.NONE, Channel.WALK_IN, null, "H12-0009"),
            new Command.CallNext("Q01"), new Command.Recall("Q01"), new Command.StartService("Q01"),
            new Command.Transfer("Q01", "KD"),
            new Command.CallNext("Q01"), new Command.MarkNoShow("Q01"),
            new Command.Requeue("A001", "Q01"),
            new Command.CallNext("Q01"),
            new Command.CompleteService("Q01", new Dossiers(List.of("000.00.24.H12-241203-0001", "H12-0002"), true)),
            new Command.CallNext("Q01"), new Command.CompleteService("Q01"),
            new Command.IssueTicket("id-3", "TP", PriorityGroup.NONE, Channel.WALK_IN),
            new Command.IssueTicket("id-4", "TP", PriorityGroup.NONE, Channel.WALK_IN),
            new Command.IssueTicket("id-5", "TP", PriorityGroup.NONE, Channel.WALK_IN),
            new Command.CallNext("Q01"), new Command.Park("Q01", "Đi photo giấy tờ"),
            new Command.CallNumber("Q01", "A005", "Lãnh đạo yêu cầu"), new Command.CompleteService("Q01"),
            new Command.CallParked("Q01", "A003"), new Command.Park("Q01", "Bổ sung giấy tờ"),
            new Command.ExpireParked(),
            new Command.IssueTicket("id-6", "TP", PriorityGroup.NONE, Channel.WALK_IN),
            new Command.IssueTicket("id-7", "KD", PriorityGroup.NONE, Channel.WALK_IN),
            new Command.CallNext("Q01"), new Command.Transfer("Q01", null, "Q02", null, "Thiếu bản sao CCCD"),
            new Command.CloseCounter("Q01"),
            new Command.OpenCounter("Q02"),
            new Command.Reconfigure(CENTRE.withCounters(CENTRE.counters().subList(0, CENTRE.counters().size() - 1)))};
    }

    @Test
    void aBigMixedBatchIsOneRoundTripAndReadsBackAsTheQueueThatMadeIt() {
        Loaded empty = load();
        assertEquals(0, empty.version());
        Script warmUp = new Script(0).run(new Command.OpenCounter("Q03"));
        await(store.commit(warmUp.batch())); // each pooled connection prepares the statement once, on first use

        Script morning = new Script(warmUp.batch().newVersion()).run(aBusyMorning());
        String completed = queue.completions().lastAt("Q01").orElseThrow().ticketId();
        morning.run(Command.RateService.byPhone(completed, 2, List.of("WAITED_TOO_LONG")));
        Batch batch = morning.batch();
        assertNotNull(batch.estimates());
        assertTrue(batch.events().size() > 30 && batch.tickets().size() >= 7 && batch.dossierVisits().size() == 3,
                "a big, mixed batch: " + batch.events().size() + " events");
        wire.reset();

        await(store.commit(batch));

        assertEquals(1, wire.roundTrips(), "round trips to commit " + batch.events().size() + " events, "
                + batch.tickets().size() + " tickets and their replies, audit and dossier rows");
        Loaded loaded = load();
        assertEquals(batch.newVersion(), loaded.version());
        assertEquals(Optional.of(queue.definition()), loaded.definition(), "the new definition, with its event");
        CentreQueue restored = CentreQueue.restore(loaded.definition().orElseThrow(), RoutingPolicies.defaultPolicy(),
                WaitEstimators.defaultEstimator(), loaded.snapshot());
        assertEquals(queue.snapshot(), restored.snapshot(), "tickets, counters, numbering, parking, completions,"
                + " no-shows and what the estimates learnt");
        assertEquals(queue.meanServiceTime("TP"), restored.meanServiceTime("TP"));
        Map<RequestKey, StoredReply> replies = new HashMap<>();
        for (Script s : List.of(warmUp, morning)) {
            s.requestRows.forEach(r -> replies.put(r.key(), new StoredReply(r.fingerprint(), r.reply())));
        }
        // the replies of the last minutes come with their bytes, the older requests as hashes of their keys, and
        // every reply reads back whole by its key
        java.util.Set<Long> older = new java.util.HashSet<>();
        loaded.older().forEach(p -> older.add(p.keyHash()));
        assertEquals(replies.size(), loaded.replies().size() + loaded.older().size());
        assertFalse(loaded.replies().isEmpty() || loaded.older().isEmpty(), "the morning spans the window");
        replies.forEach((k, r) -> {
            StoredReply recent = loaded.replies().get(k);
            assertTrue(recent != null || older.contains(k.hash64()), k::toString);
            for (StoredReply got : recent == null ? List.of(await(store.storedReply(k)).orElseThrow())
                    : List.of(recent, await(store.storedReply(k)).orElseThrow())) {
                assertEquals(r.fingerprint(), got.fingerprint());
                assertEquals(new String(r.reply(), StandardCharsets.UTF_8),
                        new String(got.reply(), StandardCharsets.UTF_8));
            }
        });
        assertEquals(Optional.empty(), await(store.storedReply(new RequestKey("kiosk-1", "never-sent"))));
        List<Event> stored = new ArrayList<>();
        for (Row r : await(pool.preparedQuery("SELECT type, ticket_id, counter_id, payload, occurred_at FROM events"
                + " WHERE centre_id = $1 AND version > $2 ORDER BY version").execute(Tuple.of(CENTRE.id(), 1L)))) {
            stored.add(EventRecords.decode(r.getString(0), r.getString(1), r.getString(2), (JsonObject) r.getValue(3),
                    r.getOffsetDateTime(4).toInstant()).orElseThrow());
        }
        assertEquals(batch.events(), stored);
        assertEquals(1, count("SELECT count(*) FROM admin_audit WHERE centre_id = $1 AND action = 'update'"
                + " AND (before ->> 'counters')::int = " + CENTRE.counters().size() + " AND after IS NULL"));
        assertEquals(2, count("SELECT count(*) FROM dossier_visits WHERE centre_id = $1 AND kind = 'RECEIVED'"
                + " AND return_by_post AND officer_id = 'officer-Q01'"));
        assertEquals(1, count("SELECT count(*) FROM dossier_visits WHERE centre_id = $1 AND kind = 'COLLECTING'"
                + " AND code = 'H12-0009' AND return_by_post IS NULL"));
        assertEquals(1, count("SELECT count(*) FROM tickets WHERE centre_id = $1 AND ticket_id = 'id-2'"
                + " AND kiosk_id = 'kiosk-1' AND token = 'token-id-2' AND state = 'DONE' AND finished_at IS NOT NULL"),
                "a ticket updated by later events keeps what its issue wrote");
    }

    @Test
    void aBatchFromAStaleWriterWritesNothingAndFailsWithStaleVersion() {
        load();
        Script first = new Script(0).run(new Command.OpenCounter("Q01"),
                new Command.IssueTicket("id-1", "TP", PriorityGroup.NONE, Channel.WALK_IN));
        await(store.commit(first.batch()));
        long[] before = tableCounts();
        String estimates = storedEstimates();

        // another writer, still at version 0, with events, tickets, replies, audit and dossier rows of its own
        Script stale = new Script(0).run(new Command.IssueTicket("id-2", "TP", PriorityGroup.NONE, Channel.WALK_IN,
                null, "H12-0010"), new Command.CallNext("Q01"), new Command.CompleteService("Q01",
                new Dossiers(List.of("H12-0011"), false)));
        stale.audits.add(new AuditRecord("admin", "update", "centres/x", CENTRE.id(), null, null, now));
        Batch batch = stale.batch();
        assertNotNull(batch.estimates());
        Throwable failed = awaitFailure(store.commit(batch));

        assertInstanceOf(StaleVersionException.class, failed);
        assertEquals(first.batch().newVersion(), load().version());
        assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(tableCounts()),
                "events, tickets, counters, requests, audit and dossier rows");
        assertEquals(estimates, storedEstimates(), "what the estimates learnt, as the first writer left it");
    }

    @Test
    void aPoolOpenedAheadHasEveryConnectionReadySoThatTheFirstCommitsAtOnceAreOneRoundTripEach() {
        load();
        Pool warm = PgBuilder.pool().with(new PoolOptions().setMaxSize(3))
                .connectingTo(ConnectionTuning.apply(PgConnectOptions.fromUri(url)).setPort(wire.port()))
                .withConnectHandler(ConnectionTuning::prepareCommits).using(vertx).build();
        try {
            await(ConnectionTuning.openAll(warm, 3));
            assertEquals(3, count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND $1 <> ''"),
                    "the three opened ahead (the store's own connection asks)");
            // three centres' first batches at once, each on a connection of its own: nothing to open or prepare
            List<Batch> batches = new ArrayList<>();
            for (String centre : List.of("c-1", "c-2", "c-3")) {
                await(new CentreStore(warm, centre).load(now));
                batches.add(new Script(0).run(new Command.IssueTicket("id-" + centre, "TP", PriorityGroup.NONE,
                        Channel.WALK_IN)).batch());
            }
            wire.reset();
            List<Future<Void>> commits = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                commits.add(new CentreStore(warm, List.of("c-1", "c-2", "c-3").get(i)).commit(batches.get(i)));
            }
            await(Future.all(commits));
            // (37 without opening the pool ahead: two connections opened, authenticated and prepared meanwhile)
            assertTrue(wire.roundTrips() <= 3, "at most one round trip per commit, no connection opened, nothing"
                    + " prepared: " + wire.roundTrips());
        } finally {
            await(warm.close());
        }
    }

    @Test
    void ofTwoWritersRacingFromTheSameVersionExactlyOneCommitsAndTheOtherWritesNothing() {
        load();
        Pool rivalPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1))
                .connectingTo(ConnectionTuning.apply(PgConnectOptions.fromUri(url)).setPort(wire.port()))
                .using(vertx).build();
        Pool lockPool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2))
                .connectingTo(ConnectionTuning.apply(PgConnectOptions.fromUri(url))).using(vertx).build();
        try {
            CentreStore rival = new CentreStore(rivalPool, CENTRE.id());
            Batch ours = new Script(0).run(new Command.OpenCounter("Q01"),
                    new Command.IssueTicket("id-1", "TP", PriorityGroup.NONE, Channel.WALK_IN)).batch();
            // the rival decided the same number for its own ticket, from the same version
            CentreQueue other = CentreQueue.empty(CENTRE, RoutingPolicies.defaultPolicy(),
                    WaitEstimators.defaultEstimator());
            List<Event> theirs = assertInstanceOf(Decision.Accepted.class, other.handle(new Command.IssueTicket("id-x",
                    "TP", PriorityGroup.NONE, Channel.WALK_IN), now)).events();
            Ticket t = ((Event.TicketIssued) theirs.get(0)).ticket();
            Batch rivalBatch = new Batch(0, theirs, List.of(new TicketRow(t, null, "kiosk-2", "x1", "token-x")),
                    List.of(), List.of(new RequestRow(new RequestKey("kiosk-2", "x1"), "fp", new byte[] {1}, now)),
                    other.lastCallSeq(), other.lastOrdinal(), now, List.of(), List.of(), other.learnt());

            // both wait on the centre's row, held by a third session, and race for it once it is let go
            io.vertx.sqlclient.SqlConnection holder = await(lockPool.getConnection());
            io.vertx.sqlclient.Transaction held = await(holder.begin());
            await(holder.preparedQuery("SELECT 1 FROM centres WHERE centre_id = $1 FOR UPDATE")
                    .execute(Tuple.of(CENTRE.id())));
            Future<Void> a = store.commit(ours);
            Future<Void> b = rival.commit(rivalBatch);
            while (!a.isComplete() && !b.isComplete() && await(lockPool.preparedQuery("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                    + " current_database() AND wait_event_type = 'Lock'").execute()).iterator().next().getLong(0) < 2) {
                Thread.onSpinWait();
            }
            await(held.commit().eventually(holder::close));
            Throwable[] outcomes = {outcome(a), outcome(b)};

            assertEquals(1, java.util.Arrays.stream(outcomes).filter(java.util.Objects::isNull).count(),
                    "exactly one commits: " + java.util.Arrays.toString(outcomes));
            Throwable lost = outcomes[0] != null ? outcomes[0] : outcomes[1];
            assertInstanceOf(StaleVersionException.class, lost);
            Batch won = outcomes[0] == null ? ours : rivalBatch;
            assertEquals(won.newVersion(), load().version());
            assertEquals(won.events().size(), count("SELECT count(*) FROM events WHERE centre_id = $1"));
            assertEquals(won.tickets().size(), count("SELECT count(*) FROM tickets WHERE centre_id = $1"));
            assertEquals(won.requests().size(), count("SELECT count(*) FROM requests WHERE centre_id = $1"));
        } finally {
            await(rivalPool.close());
            await(lockPool.close());
        }
    }

    @Test
    void aBatchOfAcceptedNoOpsStoresItsRepliesAndKeepsTheVersion() {
        load();
        Script noOps = new Script(0);
        noOps.requestRows.add(new RequestRow(new RequestKey("counter-Q01", "open-again"), "fp",
                "{}".getBytes(StandardCharsets.UTF_8), now));

        await(store.commit(noOps.batch()));

        Loaded loaded = load();
        assertEquals(0, loaded.version());
        assertEquals(Optional.empty(), loaded.definition(), "a batch without a reconfiguration keeps the definition");
        assertEquals(1, loaded.replies().size());
        assertEquals(null, loaded.snapshot().learnt(), "nothing learnt yet: the priors");
    }

    @Test
    void aKiosksBatchNamesOnlyTheTablesItWritesAndReadsBackWhole() {
        load();
        Script issues = new Script(0).run(new Command.IssueTicket("id-1", "TP", PriorityGroup.NONE, Channel.WALK_IN),
                new Command.IssueTicket("id-2", "TP", PriorityGroup.ELDERLY, Channel.WALK_IN));
        issues.counters.clear(); // as CentreRuntime makes it: a kiosk's batch changes no counter
        Batch batch = issues.batch();
        String sql = CommitStatement.sql(CommitStatement.shape(batch));
        for (String table : List.of("counters", "admin_audit", "dossier_visits")) {
            assertFalse(sql.contains("INSERT INTO " + table), table + " in " + sql);
        }
        wire.reset();

        await(store.commit(batch));

        assertEquals(1, wire.roundTrips(), "one round trip");
        Loaded loaded = load();
        assertEquals(batch.newVersion(), loaded.version());
        assertEquals(List.of("A001", "A002").size(), loaded.snapshot().activeTickets().size());
        assertEquals("[2, 2, 0, 2, 0, 0]", java.util.Arrays.toString(tableCounts()),
                "events, tickets, counters, requests, audit and dossier rows");
        assertEquals(2, loaded.replies().size());
    }

    @Test
    void everyShapeOfTheCommitStatementStaysPreparedOnEachConnection() {
        for (int shape = 0; shape < 128; shape++) {
            String sql = CommitStatement.sql(shape);
            assertTrue(sql.length() <= ConnectionTuning.PREPARED_SQL_LIMIT, sql.length() + " characters");
            assertEquals(Integer.bitCount(shape), sql.split(" AS \\(INSERT INTO ", -1).length - 1,
                    "one INSERT per table the shape names: " + sql);
        }
    }

    private long[] tableCounts() {
        String[] tables = {"events", "tickets", "counters", "requests", "admin_audit", "dossier_visits"};
        long[] counts = new long[tables.length];
        for (int i = 0; i < tables.length; i++) {
            counts[i] = count("SELECT count(*) FROM " + tables[i] + " WHERE centre_id = $1");
        }
        return counts;
    }

    private String storedEstimates() {
        Object value = await(pool.preparedQuery("SELECT estimates FROM centres WHERE centre_id = $1")
                .execute(Tuple.of(CENTRE.id()))).iterator().next().getValue(0);
        return String.valueOf(value);
    }

    private long count(String sql) {
        return await(pool.preparedQuery(sql).execute(Tuple.of(CENTRE.id()))).iterator().next().getLong(0);
    }

    private Loaded load() {
        return await(store.load(now));
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Null when it succeeded, else why it failed. */
    private static Throwable outcome(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable awaitFailure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            throw new AssertionError("the commit succeeded");
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
