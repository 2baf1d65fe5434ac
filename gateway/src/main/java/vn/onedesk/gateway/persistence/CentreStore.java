package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.vertx.core.json.JsonObject;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.engine.QueueSnapshot;
import vn.onedesk.engine.QueueSnapshot.DayNumbering;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.counters.ParkedTicket;
import vn.onedesk.engine.estimation.LearntEstimates;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.Handover;
import vn.onedesk.engine.ticketing.NoShows;
import vn.onedesk.engine.ticketing.NoShows.NoShow;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.QueuePlace;
import vn.onedesk.engine.ticketing.RemoteHold;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * One centre's durable state in PostgreSQL: load it whole at start, commit a batch of events with
 * the current-state rows they change, atomically and only if nobody else wrote in between.
 */
public final class CentreStore implements CentreJournal {
    /** How long accepted request ids are remembered for retries after a restart. */
    public static final Duration REQUEST_MEMORY =
            Duration.ofHours(vn.onedesk.gateway.config.RetentionSettings.REQUEST_MEMORY_HOURS);
    /**
     * How long a reply's bytes stay in the writer's memory: the retries of a device that lost its connection come
     * within seconds. An older request is remembered by a hash of its key only and its reply read back from here
     * ({@link #storedReply}) if it is ever retried; loading reads the bytes of this window only.
     */
    public static final Duration RECENT_REPLIES = Duration.ofMinutes(2);
    /**
     * How many of the latest calls loading reads back for the displays (the board shows 20; streams that reconnect
     * with a Last-Event-ID replay from the rest): a screen that missed calls while its node died finds them there.
     */
    public static final int RECENT_CALLS = 200;

    /** The columns {@link #ticket(Row)} reads. */
    private static final String TICKET_COLUMNS = "ticket_id, ordinal, number, service, service_day, sequence, priority,"
            + " channel, original_arrival, waiting_since, state, counter_id, called_at, started_at, calls,"
            + " appointment_at, placed_at, placed_seq, handover_counter, handover_officer, handover_note, handover_from, handover_at,"
            + " remote_code, remote_holder, remote_confirmed_at, remote_passed_at";

    private final Pool pool;
    private final String centre;
    private final WriterFence fence;
    /**
     * The centre's writer epoch read by the last load: every commit names it, so that after another node took the
     * centre over (and raised it) nothing this store commits gets in. Volatile: a load may complete on another thread than the commits that read it.
     */
    private volatile long writerEpoch;

    public CentreStore(Pool pool, String centre) {
        this(pool, centre, WriterFence.ALONE);
    }

    public CentreStore(Pool pool, String centre, WriterFence fence) {
        this.pool = pool;
        this.centre = centre;
        this.fence = fence;
    }

    public record RequestKey(String device, String requestId) {
        /**
         * A 64-bit hash of the key (FNV-1a over both strings' chars, the device's length first so that no two
         * different keys feed the same chars, then a murmur finaliser to spread the bits): the writer remembers an
         * older request by this alone, a few bytes instead of its reply. Two keys sharing a hash cost one lookup.
         */
        public long hash64() {
            long h = 0xcbf29ce484222325L;
            h = (h ^ device.length()) * 0x100000001b3L;
            for (int i = 0; i < device.length(); i++) {
                h = (h ^ device.charAt(i)) * 0x100000001b3L;
            }
            for (int i = 0; i < requestId.length(); i++) {
                h = (h ^ requestId.charAt(i)) * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb34fe1a85ec3L;
            h ^= h >>> 33;
            return h;
        }
    }

    /** An accepted request older than {@link #RECENT_REPLIES}, as loading reads it: the hash of its key, its time. */
    public record PastRequest(long keyHash, Instant at) {
    }

    public record StoredReply(String fingerprint, byte[] reply) {
    }

    /**
     * The centre as last committed.
     *
     * @param definition the centre's definition as the database holds it; empty for a centre whose configuration
     *                   was never imported (a database older than live administration)
     * @param replies    the requests accepted within {@link #RECENT_REPLIES}, with their replies
     * @param older      the requests accepted before those, within {@link #REQUEST_MEMORY}: their keys' hashes only
     * @param recentCalls the latest {@link #RECENT_CALLS} calls, newest first
     */
    public record Loaded(QueueSnapshot snapshot, long version, Map<RequestKey, StoredReply> replies,
                         Optional<CentreDefinition> definition, List<PastRequest> older, List<PastCall> recentCalls) {
        public Loaded {
            recentCalls = List.copyOf(recentCalls);
        }

        /** Every remembered request with its reply, no call remembered. */
        public Loaded(QueueSnapshot snapshot, long version, Map<RequestKey, StoredReply> replies,
                      Optional<CentreDefinition> definition) {
            this(snapshot, version, replies, definition, List.of(), List.of());
        }
    }

    /**
     * A ticket row as it now stands; {@code finishedAt} is set once it is DONE or NO_SHOW. {@code kioskId},
     * {@code requestId} and {@code token} are written when the ticket is issued and never changed afterwards.
     */
    public record TicketRow(Ticket ticket, Instant finishedAt, String kioskId, String requestId, String token) {
    }

    public record RequestRow(RequestKey key, String fingerprint, byte[] reply, Instant at) {
    }

    /**
     * @param dossierVisits the dossiers the events received or brought, as {@link DossierVisitRows#of} makes them
     * @param estimates     what the estimates have learnt after the batch, stored with it; null when unchanged
     * @param outbox        the batch's events for webhook subscribers ({@code webhook_outbox}), committed with it
     * @param checkIns      the bookings its tickets checked in ({@code bookings}), committed with them
     */
    public record Batch(long expectedVersion, List<Event> events, List<TicketRow> tickets, List<CounterState> counters,
                        List<RequestRow> requests, long lastCallSeq, long lastOrdinal, Instant at,
                        List<AuditRecord> audits, List<DossierVisit> dossierVisits,
                        LearntEstimates estimates, List<OutboxRow> outbox, List<BookingCheckIn> checkIns) {
        public Batch {
            outbox = outbox == null ? List.of() : outbox;
            checkIns = checkIns == null ? List.of() : List.copyOf(checkIns);
        }

        /** Without a booking's check-in. */
        public Batch(long expectedVersion, List<Event> events, List<TicketRow> tickets, List<CounterState> counters,
                     List<RequestRow> requests, long lastCallSeq, long lastOrdinal, Instant at,
                     List<AuditRecord> audits, List<DossierVisit> dossierVisits, LearntEstimates estimates,
                     List<OutboxRow> outbox) {
            this(expectedVersion, events, tickets, counters, requests, lastCallSeq, lastOrdinal, at, audits,
                    dossierVisits, estimates, outbox, List.of());
        }

        /** Without webhook events. */
        public Batch(long expectedVersion, List<Event> events, List<TicketRow> tickets, List<CounterState> counters,
                     List<RequestRow> requests, long lastCallSeq, long lastOrdinal, Instant at,
                     List<AuditRecord> audits, List<DossierVisit> dossierVisits, LearntEstimates estimates) {
            this(expectedVersion, events, tickets, counters, requests, lastCallSeq, lastOrdinal, at, audits,
                    dossierVisits, estimates, List.of());
        }

        public Batch(long expectedVersion, List<Event> events, List<TicketRow> tickets, List<CounterState> counters,
                     List<RequestRow> requests, long lastCallSeq, long lastOrdinal, Instant at,
                     List<AuditRecord> audits, List<DossierVisit> dossierVisits) {
            this(expectedVersion, events, tickets, counters, requests, lastCallSeq, lastOrdinal, at, audits,
                    dossierVisits, null);
        }

        public Batch(long expectedVersion, List<Event> events, List<TicketRow> tickets, List<CounterState> counters,
                     List<RequestRow> requests, long lastCallSeq, long lastOrdinal, Instant at,
                     List<AuditRecord> audits) {
            this(expectedVersion, events, tickets, counters, requests, lastCallSeq, lastOrdinal, at, audits, List.of());
        }

        public Batch(long expectedVersion, List<Event> events, List<TicketRow> tickets, List<CounterState> counters,
                     List<RequestRow> requests, long lastCallSeq, long lastOrdinal, Instant at) {
            this(expectedVersion, events, tickets, counters, requests, lastCallSeq, lastOrdinal, at, List.of());
        }

        public long newVersion() {
            return expectedVersion + events.size();
        }
    }

    @Override
    public Future<Loaded> load(Instant now) {
        return pool.withConnection(conn -> conn
                .preparedQuery("INSERT INTO centres (centre_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(centre))
                .compose(v -> conn.preparedQuery(
                        "SELECT version, last_call_seq, last_ordinal, definition, estimates, writer_epoch,"
                                + " (SELECT owner FROM centre_leases l WHERE l.centre_id = c.centre_id"
                                + " AND l.epoch = c.writer_epoch AND l.expires_at > now())"
                                + " FROM centres c WHERE centre_id = $1")
                        .execute(Tuple.of(centre)))
                .compose(rows -> {
                    Row head = rows.iterator().next();
                    // A node loads only a centre whose lease it holds at the epoch it loads: one that lost it (and
                    // learnt so from a fenced commit) stops here instead of becoming a second writer.
                    Optional<String> refused = fence.refuse(centre, head.getLong(5), head.getString(6));
                    if (refused.isPresent()) {
                        return Future.failedFuture(new NotTheWriterException(centre, refused.get()));
                    }
                    writerEpoch = head.getLong(5);
                    JsonObject stored = (JsonObject) head.getValue(3);
                    Optional<CentreDefinition> definition = stored == null ? Optional.empty()
                            : Optional.of(CentreJson.read(stored));
                    LearntEstimates learnt = LearntEstimatesJson.read(centre,
                            head.getValue(4) instanceof JsonObject json ? json : null);
                    return loadRest(conn, now, head.getLong(0), head.getLong(1), head.getLong(2), definition, learnt);
                }));
    }

    private Future<Loaded> loadRest(SqlConnection conn, Instant now, long version, long lastCallSeq, long lastOrdinal,
                                    Optional<CentreDefinition> definition, LearntEstimates learnt) {
        List<Ticket> tickets = new ArrayList<>();
        List<NoShow> noShows = new ArrayList<>();
        List<CounterState> counters = new ArrayList<>();
        Map<String, DayNumbering> numbering = new HashMap<>();
        Map<RequestKey, StoredReply> replies = new HashMap<>();
        List<PastRequest> older = new ArrayList<>();
        List<ParkedTicket> parked = new ArrayList<>();
        return conn.preparedQuery("SELECT " + TICKET_COLUMNS + " FROM tickets WHERE centre_id = $1"
                        + " AND state IN ('WAITING', 'CALLED', 'SERVING', 'PARKED') ORDER BY ordinal")
                .execute(Tuple.of(centre))
                .compose(rows -> {
                    rows.forEach(r -> tickets.add(ticket(r)));
                    return ParkedRows.load(conn, centre, tickets).map(found -> parked.addAll(found));
                })
                .compose(v -> {
                    // the no-shows REQUEUE may still bring back, or refuse as expired (NoShows.MEMORY)
                    return conn.preparedQuery("SELECT " + TICKET_COLUMNS + ", finished_at FROM tickets"
                                    + " WHERE centre_id = $1 AND state = 'NO_SHOW' AND finished_at >= $2"
                                    + " ORDER BY finished_at, ordinal")
                            .execute(Tuple.of(centre, at(now.minus(NoShows.MEMORY))));
                })
                .compose(rows -> {
                    rows.forEach(r -> noShows.add(new NoShow(ticket(r), instant(r.getOffsetDateTime("finished_at")))));
                    return conn.preparedQuery(
                            "SELECT counter_id, open, current_ticket_id, officer_id, officer_name FROM counters"
                                    + " WHERE centre_id = $1")
                            .execute(Tuple.of(centre));
                })
                .compose(rows -> {
                    rows.forEach(r -> counters.add(new CounterState(r.getString(0), r.getBoolean(1), r.getString(2),
                            r.getString(3) == null ? null : new Officer(r.getString(3), r.getString(4)))));
                    return conn.preparedQuery("SELECT DISTINCT ON (issue_service) issue_service, service_day, sequence"
                                    + " FROM tickets WHERE centre_id = $1"
                                    + " ORDER BY issue_service, service_day DESC, sequence DESC")
                            .execute(Tuple.of(centre));
                })
                .compose(rows -> {
                    rows.forEach(r -> numbering.put(r.getString(0),
                            new DayNumbering(r.getLocalDate(1), r.getInteger(2))));
                    // the bytes of the recent replies only: 24 h of them would be most of the heap (630 B a request)
                    return conn.preparedQuery("SELECT device_id, request_id, created_at,"
                                    + " CASE WHEN created_at > $3 THEN fingerprint END,"
                                    + " CASE WHEN created_at > $3 THEN reply END"
                                    + " FROM requests WHERE centre_id = $1 AND created_at > $2")
                            .execute(Tuple.of(centre, at(now.minus(REQUEST_MEMORY)), at(now.minus(RECENT_REPLIES))));
                })
                .compose(rows -> {
                    rows.forEach(r -> {
                        RequestKey key = new RequestKey(r.getString(0), r.getString(1));
                        Buffer reply = r.getBuffer(4);
                        if (reply == null) {
                            older.add(new PastRequest(key.hash64(), instant(r.getOffsetDateTime(2))));
                        } else {
                            replies.put(key, new StoredReply(r.getString(3), reply.getBytes()));
                        }
                    });
                    return RecentCompletions.load(conn, centre, now);
                })
                .compose(completions -> recentCalls(conn).map(calls -> {
                    QueueSnapshot snapshot = new QueueSnapshot(tickets, counters, numbering, lastCallSeq, lastOrdinal,
                            parked, completions, noShows, learnt);
                    return new Loaded(snapshot, version, replies, definition, older, calls);
                }));
    }

    /** The latest calls from the journal, newest first (backwards along the events' primary key). */
    private Future<List<PastCall>> recentCalls(SqlConnection conn) {
        return conn.preparedQuery("SELECT (e.payload->>'callSeq')::bigint, t.number, t.service, e.counter_id,"
                        + " COALESCE((e.payload->>'recall')::boolean, false), e.occurred_at"
                        + " FROM events e JOIN tickets t ON t.ticket_id = e.ticket_id"
                        + " WHERE e.centre_id = $1 AND e.type = 'TicketCalled' ORDER BY e.version DESC LIMIT $2")
                .execute(Tuple.of(centre, RECENT_CALLS))
                .map(rows -> {
                    List<PastCall> calls = new ArrayList<>(rows.size());
                    rows.forEach(r -> calls.add(new PastCall(r.getLong(0), r.getString(1), r.getString(2),
                            r.getString(3), r.getBoolean(4), instant(r.getOffsetDateTime(5)))));
                    return calls;
                });
    }

    /** One lookup by the primary key (centre_id, device_id, request_id) of {@code requests}. */
    @Override
    public Future<Optional<StoredReply>> storedReply(RequestKey key) {
        return pool.preparedQuery("SELECT fingerprint, reply FROM requests"
                        + " WHERE centre_id = $1 AND device_id = $2 AND request_id = $3")
                .execute(Tuple.of(centre, key.device(), key.requestId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<StoredReply>empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new StoredReply(r.getString(0), r.getBuffer(1).getBytes()));
                });
    }

    /**
     * One ticket of this centre as last committed, finished ones too (the queue keeps only active
     * tickets); empty when the centre has no such ticket.
     */
    public Future<Optional<Ticket>> findTicket(String ticketId) {
        return pool.preparedQuery("SELECT " + TICKET_COLUMNS + " FROM tickets WHERE centre_id = $1 AND ticket_id = $2")
                .execute(Tuple.of(centre, ticketId))
                .map(rows -> rows.size() == 0 ? Optional.<Ticket>empty() : Optional.of(ticket(rows.iterator().next())));
    }

    /**
     * The ticket of this centre whose public token this is, as last committed (active or finished); empty when
     * there is none. One lookup by a unique index, whatever the token: a made-up token costs what a real one does.
     */
    public Future<Optional<Ticket>> findTicketByToken(String token) {
        return pool.preparedQuery("SELECT " + TICKET_COLUMNS + " FROM tickets WHERE token = $1 AND centre_id = $2")
                .execute(Tuple.of(token, centre))
                .map(rows -> rows.size() == 0 ? Optional.<Ticket>empty() : Optional.of(ticket(rows.iterator().next())));
    }

    /**
     * One statement, one round trip ({@link CommitStatement}); its parameters are built before a connection is taken.
     * A stale batch (another writer committed since {@code expectedVersion}) writes nothing and fails with
     * {@link StaleVersionException}.
     */
    @Override
    public Future<Void> commit(Batch batch) {
        Tuple params;
        String sql;
        try {
            sql = CommitStatement.sql(CommitStatement.shape(batch));
            params = CommitStatement.tuple(centre, writerEpoch, batch,
                    batch.estimates() == null ? null : LearntEstimatesJson.write(batch.estimates()));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return pool.preparedQuery(sql).execute(params)
                .compose(rows -> rows.iterator().next().getLong(0) == 1
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(new StaleVersionException(centre, batch.expectedVersion())));
    }

    private static Ticket ticket(Row r) {
        return new Ticket(r.getString("ticket_id"), r.getLong("ordinal"), r.getString("number"), r.getString("service"),
                r.getLocalDate("service_day"), r.getInteger("sequence"), PriorityGroup.valueOf(r.getString("priority")),
                Channel.valueOf(r.getString("channel")), instant(r.getOffsetDateTime("original_arrival")),
                instant(r.getOffsetDateTime("waiting_since")), TicketState.valueOf(r.getString("state")),
                r.getString("counter_id"), instant(r.getOffsetDateTime("called_at")),
                instant(r.getOffsetDateTime("started_at")), r.getInteger("calls"),
                instant(r.getOffsetDateTime("appointment_at")), placed(r), handover(r), remote(r));
    }

    /** The remote hold of a ticket row, null for a ticket not taken remotely (it has no code). */
    private static RemoteHold remote(Row r) {
        String code = r.getString("remote_code");
        return code == null ? null : new RemoteHold(r.getString("remote_holder"), code,
                instant(r.getOffsetDateTime("remote_confirmed_at")), instant(r.getOffsetDateTime("remote_passed_at")));
    }

    private static QueuePlace placed(Row r) {
        Instant at = instant(r.getOffsetDateTime("placed_at"));
        return at == null ? null : new QueuePlace(at, r.getLong("placed_seq"));
    }

    /** The handover of a ticket row, null when the row has none (its time is set exactly when it has one). */
    private static Handover handover(Row r) {
        Instant at = instant(r.getOffsetDateTime("handover_at"));
        return at == null ? null : new Handover(r.getString("handover_counter"), r.getString("handover_officer"),
                r.getString("handover_note"), r.getString("handover_from"), at);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

}
