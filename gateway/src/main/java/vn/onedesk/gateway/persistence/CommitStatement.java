package vn.onedesk.gateway.persistence;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.counters.CounterState;
import vn.onedesk.engine.counters.Officer;
import vn.onedesk.engine.ticketing.Handover;
import vn.onedesk.engine.ticketing.RemoteHold;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.gateway.persistence.CentreStore.Batch;
import vn.onedesk.gateway.persistence.CentreStore.RequestRow;
import vn.onedesk.gateway.persistence.CentreStore.TicketRow;

/**
 * A whole batch as ONE SQL statement: the version check and every row it writes (events, tickets, counters, request
 * replies, audit entries, dossier visits, the webhook outbox, the definition and what the estimates learnt), each table's rows as arrays
 * unnested by one multi-row INSERT. A single statement is its own transaction (no BEGIN, no COMMIT), so a commit is
 * one round trip to PostgreSQL: Bind/Execute/Sync on a statement each pooled connection prepared once. The writer it
 * replaces sent BEGIN, the version UPDATE, one statement per table with rows (one after another, each a round trip,
 * with one Bind/Execute per row inside) and COMMIT: counted on the wire, 6 round trips for a batch of kiosk issues,
 * 7 with a counter's row, 9 for a call and completion with dossiers and an audit entry (CentreStoreCommitTest counts
 * the new one: 1, whatever the batch holds).
 *
 * <p>The version check fences a stale writer inside the statement: the UPDATE of {@code centres} matches no row when
 * another writer committed since, or when another node took the centre over (its writer epoch is not the one this
 * writer loaded with), and every INSERT takes its rows only {@code WHERE EXISTS} that update's row, so a
 * stale batch writes nothing; the statement then answers 0 and the store fails the commit with
 * {@link StaleVersionException}. Two writers of one centre queue on the centre's row lock, as before.
 *
 * <p>A batch runs the statement of its shape: only the tables it has rows for are named ({@link #sql(int)}).
 *
 * <p>Everything per row (JSON of payloads and audits, times, the arrays) is prepared here, before a connection is
 * taken from the pool: the connection is held for the round trip only.
 */
final class CommitStatement {
    /** Parameters $1 to $9: the centre row ($9 is the writer's epoch, the fence between nodes). */
    private static final String[] CENTRE = {"text", "bigint", "bigint", "bigint", "timestamptz", "bigint", "text",
        "text", "bigint"};
    private static final String[] EVENTS = {"bigint", "text", "text", "text", "text", "timestamptz"};
    private static final String[] TICKETS = {"text", "bigint", "text", "text", "text", "date", "integer", "text", "text",
        "timestamptz", "timestamptz", "text", "text", "timestamptz", "timestamptz", "timestamptz", "integer", "text",
        "text", "timestamptz", "text", "timestamptz", "bigint", "text", "text", "text", "text", "timestamptz", "text",
        "text", "timestamptz", "timestamptz"};
    private static final String[] COUNTERS = {"text", "boolean", "text", "text", "text"};
    private static final String[] REQUESTS = {"text", "text", "text", "bytea", "timestamptz"};
    private static final String[] AUDITS = {"timestamptz", "text", "text", "text", "text", "text", "text"};
    private static final String[] DOSSIERS = {"text", "text", "text", "text", "text", "text", "text", "boolean", "text",
        "timestamptz"};
    private static final String[] OUTBOX = {"text", "text", "text", "timestamptz", "text"};
    /** A booking checked in: its code, the ticket, APPOINTMENT or WALK_IN, the kiosk and request, when; then the count. */
    private static final String[] CHECK_INS = {"text", "text", "text", "text", "text", "timestamptz"};

    /** One bit per table a batch may write, in the order of the statement's parameters. */
    static final int EVENT_ROWS = 1;
    static final int TICKET_ROWS = 2;
    static final int COUNTER_ROWS = 4;
    static final int REQUEST_ROWS = 8;
    static final int AUDIT_ROWS = 16;
    static final int DOSSIER_ROWS = 32;
    static final int OUTBOX_ROWS = 64;
    static final int CHECK_IN_ROWS = 128;
    private static final int SHAPES = 256;

    /**
     * The statement for each shape of batch, naming only the tables the batch has rows for. PostgreSQL locks and
     * checks every relation a prepared statement names on every execution (perf on the benchmark's PostgreSQL:
     * ScanQueryForLocks, AcquireExecutorLocks and catalogue lookups led its profile); a kiosk's batch writes events,
     * tickets and request replies only, so naming the counters, the audit and the dossier visits too cost it three
     * tables and their indexes per commit for nothing. At most 256 statements, each prepared once per connection; the
     * webhook outbox is named only by batches with events for subscribers, so a gateway without subscriptions never
     * names it.
     */
    private static final String[] STATEMENTS = statements();

    /** The statement that writes every table: the longest, to be kept prepared like the others. */
    static final String SQL = STATEMENTS[SHAPES - 1];

    private CommitStatement() {
    }

    /**
     * The statements of the batches a hall sends all day: a kiosk's tickets; a counter's command, with and without
     * dossier visits; replies alone (accepted no-ops); the statement naming every table but the outbox (and the
     * bookings); and the same with the webhook outbox, for a gateway with subscribers; a kiosk's check-in of a booking,
     * with and without the outbox; and the statement naming every table.
     */
    static List<Integer> everyDay() {
        int kiosk = EVENT_ROWS | TICKET_ROWS | REQUEST_ROWS;
        int counter = kiosk | COUNTER_ROWS;
        int everyTable = SHAPES - 1;
        // every table but the bookings: a big mixed batch of a hall without a check-in in it
        int noCheckIn = everyTable & ~CHECK_IN_ROWS;
        return List.of(kiosk, counter, counter | DOSSIER_ROWS, REQUEST_ROWS, noCheckIn & ~OUTBOX_ROWS,
                kiosk | OUTBOX_ROWS, counter | OUTBOX_ROWS, counter | DOSSIER_ROWS | OUTBOX_ROWS, noCheckIn,
                kiosk | CHECK_IN_ROWS, kiosk | CHECK_IN_ROWS | OUTBOX_ROWS, everyTable);
    }

    /**
     * Parameters for the statement of this shape that write nothing: no centre matches a null id, so the version
     * check fences every insert. Running it prepares the statement on a connection (the client keeps statements it
     * ran, not those prepared explicitly) and has PostgreSQL plan it once.
     */
    static Tuple nothing(int shape) {
        return Tuple.from(new Object[parameters(shape)]);
    }

    private static int parameters(int shape) {
        return CENTRE.length + ((shape & EVENT_ROWS) != 0 ? EVENTS.length : 0)
                + ((shape & TICKET_ROWS) != 0 ? TICKETS.length : 0) + ((shape & COUNTER_ROWS) != 0 ? COUNTERS.length : 0)
                + ((shape & REQUEST_ROWS) != 0 ? REQUESTS.length : 0) + ((shape & AUDIT_ROWS) != 0 ? AUDITS.length : 0)
                + ((shape & DOSSIER_ROWS) != 0 ? DOSSIERS.length : 0) + ((shape & OUTBOX_ROWS) != 0 ? OUTBOX.length : 0)
                + ((shape & CHECK_IN_ROWS) != 0 ? CHECK_INS.length + 1 : 0);
    }

    /** The statement for a batch of this shape ({@link #shape}). */
    static String sql(int shape) {
        return STATEMENTS[shape];
    }

    /** Which tables the batch has rows for, as a set of the *_ROWS bits. */
    static int shape(Batch batch) {
        return (batch.events().isEmpty() ? 0 : EVENT_ROWS)
                | (batch.tickets().isEmpty() ? 0 : TICKET_ROWS)
                | (batch.counters().isEmpty() ? 0 : COUNTER_ROWS)
                | (batch.requests().isEmpty() ? 0 : REQUEST_ROWS)
                | (batch.audits().isEmpty() ? 0 : AUDIT_ROWS)
                | (batch.dossierVisits().isEmpty() ? 0 : DOSSIER_ROWS)
                | (batch.outbox().isEmpty() ? 0 : OUTBOX_ROWS)
                | (batch.checkIns().isEmpty() ? 0 : CHECK_IN_ROWS);
    }

    private static String[] statements() {
        String[] all = new String[SHAPES];
        for (int shape = 0; shape < SHAPES; shape++) {
            all[shape] = sql(shape, new StringBuilder());
        }
        return all;
    }

    private static String sql(int shape, StringBuilder sql) {
        int next = CENTRE.length + 1;
        String fenced = " WHERE EXISTS (SELECT 1 FROM head)";
        sql.append("WITH head AS (UPDATE centres SET version = $2, last_call_seq = $3, last_ordinal = $4, updated_at = $5,"
                + " definition = COALESCE($7::text::jsonb, definition),"
                + " estimates = COALESCE($8::text::jsonb, estimates)"
                + " WHERE centre_id = $1 AND version = $6 AND writer_epoch = $9 RETURNING 1)");
        if ((shape & EVENT_ROWS) != 0) {
            sql.append(", e AS (INSERT INTO events (centre_id, version, type, ticket_id, counter_id, payload, occurred_at)"
                    + " SELECT $1, v, ty, tk, co, pa::jsonb, oc FROM ").append(unnest(next, EVENTS))
                    .append(" AS r(v, ty, tk, co, pa, oc)").append(fenced).append(')');
            next += EVENTS.length;
        }
        if ((shape & TICKET_ROWS) != 0) {
            sql.append(", t AS (INSERT INTO tickets (ticket_id, centre_id, ordinal, number, issue_service, service,"
                    + " service_day, sequence, priority, channel, original_arrival, waiting_since, state, counter_id,"
                    + " called_at, started_at, finished_at, calls, kiosk_id, request_id, appointment_at, token,"
                    + " placed_at, placed_seq, handover_counter, handover_officer, handover_note, handover_from,"
                    + " handover_at, remote_code, remote_holder, remote_confirmed_at, remote_passed_at)"
                    + " SELECT id, $1, ord, num, iss, svc, dy, sq, pr, ch, oa, ws, st, co, ca, sa, fa, cl, ki, rq, ap, tn,"
                    + " pa, ps, hc, ho, hn, hf, ha, rc, rh, rca, rpa FROM ").append(unnest(next, TICKETS))
                    .append(" AS r(id, ord, num, iss, svc, dy, sq, pr, ch, oa, ws, st, co, ca, sa, fa, cl, ki, rq, ap,"
                            + " tn, pa, ps, hc, ho, hn, hf, ha, rc, rh, rca, rpa)").append(fenced)
                    // kiosk_id, request_id and token are the issue's: an update of the row (a call, a transfer ...)
                    // keeps them
                    .append(" ON CONFLICT (ticket_id) DO UPDATE SET service = EXCLUDED.service,"
                            + " waiting_since = EXCLUDED.waiting_since, state = EXCLUDED.state,"
                            + " counter_id = EXCLUDED.counter_id, called_at = EXCLUDED.called_at,"
                            + " started_at = EXCLUDED.started_at, finished_at = EXCLUDED.finished_at,"
                            + " calls = EXCLUDED.calls, placed_at = EXCLUDED.placed_at,"
                            + " placed_seq = EXCLUDED.placed_seq, handover_counter = EXCLUDED.handover_counter,"
                            + " handover_officer = EXCLUDED.handover_officer, handover_note = EXCLUDED.handover_note,"
                            + " handover_from = EXCLUDED.handover_from, handover_at = EXCLUDED.handover_at,"
                            // the phone's hash goes as soon as the ticket is called or ends (the engine drops it)
                            + " remote_holder = EXCLUDED.remote_holder,"
                            + " remote_confirmed_at = EXCLUDED.remote_confirmed_at,"
                            + " remote_passed_at = EXCLUDED.remote_passed_at)");
            next += TICKETS.length;
        }
        if ((shape & COUNTER_ROWS) != 0) {
            sql.append(", c AS (INSERT INTO counters (centre_id, counter_id, open, current_ticket_id, updated_at,"
                    + " officer_id, officer_name) SELECT $1, id, op, cu, $5, oi, onm FROM ")
                    .append(unnest(next, COUNTERS)).append(" AS r(id, op, cu, oi, onm)").append(fenced)
                    .append(" ON CONFLICT (centre_id, counter_id) DO UPDATE SET open = EXCLUDED.open,"
                            + " current_ticket_id = EXCLUDED.current_ticket_id, updated_at = EXCLUDED.updated_at,"
                            + " officer_id = EXCLUDED.officer_id, officer_name = EXCLUDED.officer_name)");
            next += COUNTERS.length;
        }
        if ((shape & REQUEST_ROWS) != 0) {
            sql.append(", q AS (INSERT INTO requests (centre_id, device_id, request_id, fingerprint, reply, created_at)"
                    + " SELECT $1, dv, rq, fp, rp, ca FROM ").append(unnest(next, REQUESTS))
                    .append(" AS r(dv, rq, fp, rp, ca)").append(fenced).append(')');
            next += REQUESTS.length;
        }
        if ((shape & AUDIT_ROWS) != 0) {
            sql.append(", a AS (INSERT INTO admin_audit (at, username, action, resource, centre_id, before, after)"
                    + " SELECT at, us, ac, rs, ce, bf::jsonb, af::jsonb FROM ").append(unnest(next, AUDITS))
                    .append(" AS r(at, us, ac, rs, ce, bf, af)").append(fenced).append(')');
            next += AUDITS.length;
        }
        if ((shape & DOSSIER_ROWS) != 0) {
            sql.append(", d AS (INSERT INTO dossier_visits (centre_id, code, ticket_id, number, service, counter_id,"
                    + " officer_id, operator, return_by_post, kind, at)"
                    + " SELECT $1, cd, tk, num, svc, co, oi, op, rb, kd, at FROM ").append(unnest(next, DOSSIERS))
                    .append(" AS r(cd, tk, num, svc, co, oi, op, rb, kd, at)").append(fenced).append(')');
            next += DOSSIERS.length;
        }
        if ((shape & OUTBOX_ROWS) != 0) {
            sql.append(", o AS (INSERT INTO webhook_outbox (event_id, centre_id, type, ticket_key, occurred_at, payload)"
                    + " SELECT ei, $1, ty, tk, oc, pa FROM ").append(unnest(next, OUTBOX))
                    .append(" AS r(ei, ty, tk, oc, pa)").append(fenced).append(')');
            next += OUTBOX.length;
        }
        if ((shape & CHECK_IN_ROWS) != 0) {
            // Only a booking still BOOKED is checked in. Should one not be (checked in or cancelled meanwhile by
            // another way than this writer), the division by zero below fails the whole statement: nothing of the
            // batch is written, the writer answers UNAVAILABLE and reloads, and the retry finds the booking used.
            sql.append(", b AS (UPDATE bookings SET state = 'CHECKED_IN', ticket_id = r.tk, checked_in_as = r.ca,"
                    + " phone_hash = NULL,"
                    + " checked_in_device = r.dv, checked_in_request = r.rq, checked_in_at = r.at FROM ")
                    .append(unnest(next, CHECK_INS)).append(" AS r(cd, tk, ca, dv, rq, at)")
                    .append(" WHERE bookings.centre_id = $1 AND bookings.code = r.cd AND bookings.state = 'BOOKED'"
                            + " AND EXISTS (SELECT 1 FROM head) RETURNING 1)");
            int expected = next + CHECK_INS.length;
            return sql.append(" SELECT count(*) / (CASE WHEN count(*) = 0 OR (SELECT count(*) FROM b) = $")
                    .append(expected).append("::bigint THEN 1 ELSE 0 END) FROM head").toString();
        }
        return sql.append(" SELECT count(*) FROM head").toString();
    }

    private static String unnest(int first, String[] types) {
        StringBuilder sql = new StringBuilder("unnest(");
        for (int i = 0; i < types.length; i++) {
            sql.append(i == 0 ? "" : ", ").append('$').append(first + i).append("::").append(types[i]).append("[]");
        }
        return sql.append(')').toString();
    }

    /**
     * The statement's parameters for one batch.
     *
     * @param writerEpoch the centre's writer epoch when this writer loaded it
     * @param estimates   what the estimates learnt, as JSON text; null when unchanged (the column keeps its value)
     */
    static Tuple tuple(String centre, long writerEpoch, Batch batch, String estimates) {
        int shape = shape(batch);
        Object[] p = new Object[parameters(shape)];
        int i = 0;
        p[i++] = centre;
        p[i++] = batch.newVersion();
        p[i++] = batch.lastCallSeq();
        p[i++] = batch.lastOrdinal();
        p[i++] = at(batch.at());
        p[i++] = batch.expectedVersion();
        p[i++] = definition(batch.events());
        p[i++] = estimates;
        p[i++] = writerEpoch;
        if ((shape & EVENT_ROWS) != 0) {
            i = events(p, i, batch);
        }
        if ((shape & TICKET_ROWS) != 0) {
            i = tickets(p, i, batch.tickets(), issuedFor(batch.events()));
        }
        if ((shape & COUNTER_ROWS) != 0) {
            i = counters(p, i, batch.counters());
        }
        if ((shape & REQUEST_ROWS) != 0) {
            i = requests(p, i, batch.requests());
        }
        if ((shape & AUDIT_ROWS) != 0) {
            i = audits(p, i, batch.audits());
        }
        if ((shape & DOSSIER_ROWS) != 0) {
            i = dossiers(p, i, batch.dossierVisits());
        }
        if ((shape & OUTBOX_ROWS) != 0) {
            i = outbox(p, i, batch.outbox());
        }
        if ((shape & CHECK_IN_ROWS) != 0) {
            i = checkIns(p, i, batch.checkIns());
        }
        return Tuple.from(p);
    }

    /** A batch that changes the centre's definition stores the last one with its event, under the same version check. */
    private static String definition(List<Event> events) {
        CentreDefinition last = null;
        for (Event e : events) {
            if (e instanceof Event.CentreReconfigured reconfigured) {
                last = reconfigured.definition();
            }
        }
        return last == null ? null : CentreJson.write(last).encode();
    }

    private static int events(Object[] p, int i, Batch batch) {
        List<Event> events = batch.events();
        int n = events.size();
        Long[] version = new Long[n];
        String[] type = new String[n];
        String[] ticket = new String[n];
        String[] counter = new String[n];
        String[] payload = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int k = 0; k < n; k++) {
            Event e = events.get(k);
            version[k] = batch.expectedVersion() + k + 1;
            type[k] = EventRecords.type(e);
            ticket[k] = e.ticketId();
            counter[k] = e.counter();
            payload[k] = EventRecords.payload(e).encode();
            at[k] = at(e.at());
        }
        return put(p, i, version, type, ticket, counter, payload, at);
    }

    /**
     * The service each ticket issued in the batch was issued for: a ticket issued and transferred in one batch is
     * inserted with its new service, and its numbering (by issue service) must stay the issue's.
     */
    private static Map<String, String> issuedFor(List<Event> events) {
        Map<String, String> services = new HashMap<>();
        for (Event e : events) {
            if (e instanceof Event.TicketIssued issued) {
                services.put(issued.ticketId(), issued.ticket().service());
            }
        }
        return services;
    }

    private static int tickets(Object[] p, int i, List<TicketRow> rows, Map<String, String> issuedFor) {
        int n = rows.size();
        String[] id = new String[n];
        Long[] ordinal = new Long[n];
        String[] number = new String[n];
        String[] issueService = new String[n];
        String[] service = new String[n];
        LocalDate[] day = new LocalDate[n];
        Integer[] sequence = new Integer[n];
        String[] priority = new String[n];
        String[] channel = new String[n];
        OffsetDateTime[] originalArrival = new OffsetDateTime[n];
        OffsetDateTime[] waitingSince = new OffsetDateTime[n];
        String[] state = new String[n];
        String[] counter = new String[n];
        OffsetDateTime[] calledAt = new OffsetDateTime[n];
        OffsetDateTime[] startedAt = new OffsetDateTime[n];
        OffsetDateTime[] finishedAt = new OffsetDateTime[n];
        Integer[] calls = new Integer[n];
        String[] kiosk = new String[n];
        String[] request = new String[n];
        OffsetDateTime[] appointmentAt = new OffsetDateTime[n];
        String[] token = new String[n];
        OffsetDateTime[] placedAt = new OffsetDateTime[n];
        Long[] placedSeq = new Long[n];
        String[] handoverCounter = new String[n];
        String[] handoverOfficer = new String[n];
        String[] handoverNote = new String[n];
        String[] handoverFrom = new String[n];
        OffsetDateTime[] handoverAt = new OffsetDateTime[n];
        String[] remoteCode = new String[n];
        String[] remoteHolder = new String[n];
        OffsetDateTime[] remoteConfirmedAt = new OffsetDateTime[n];
        OffsetDateTime[] remotePassedAt = new OffsetDateTime[n];
        for (int k = 0; k < n; k++) {
            TicketRow row = rows.get(k);
            Ticket t = row.ticket();
            id[k] = t.id();
            ordinal[k] = t.ordinal();
            number[k] = t.number();
            // a row already stored keeps its issue service (not updated on conflict)
            issueService[k] = issuedFor.getOrDefault(t.id(), t.service());
            service[k] = t.service();
            day[k] = t.serviceDay();
            sequence[k] = t.sequence();
            priority[k] = t.priority().name();
            channel[k] = t.channel().name();
            originalArrival[k] = at(t.originalArrival());
            waitingSince[k] = at(t.waitingSince());
            state[k] = t.state().name();
            counter[k] = t.counter();
            calledAt[k] = at(t.calledAt());
            startedAt[k] = at(t.startedAt());
            finishedAt[k] = at(row.finishedAt());
            calls[k] = t.calls();
            kiosk[k] = row.kioskId();
            request[k] = row.requestId();
            appointmentAt[k] = at(t.appointmentAt());
            token[k] = row.token();
            placedAt[k] = t.placedAt() == null ? null : at(t.placedAt().at());
            placedSeq[k] = t.placedAt() == null ? null : t.placedAt().seq();
            Handover h = t.handover();
            handoverCounter[k] = h == null ? null : h.counter();
            handoverOfficer[k] = h == null ? null : h.officer();
            handoverNote[k] = h == null ? null : h.note();
            handoverFrom[k] = h == null ? null : h.from();
            handoverAt[k] = h == null ? null : at(h.at());
            RemoteHold r = t.remote();
            remoteCode[k] = r == null ? null : r.code();
            remoteHolder[k] = t.remoteHolder();
            remoteConfirmedAt[k] = r == null ? null : at(r.confirmedAt());
            remotePassedAt[k] = r == null ? null : at(r.passedAt());
        }
        return put(p, i, id, ordinal, number, issueService, service, day, sequence, priority, channel, originalArrival, waitingSince,
                state, counter, calledAt, startedAt, finishedAt, calls, kiosk, request, appointmentAt, token, placedAt,
                placedSeq, handoverCounter, handoverOfficer, handoverNote, handoverFrom, handoverAt, remoteCode,
                remoteHolder, remoteConfirmedAt, remotePassedAt);
    }

    private static int counters(Object[] p, int i, List<CounterState> rows) {
        int n = rows.size();
        String[] id = new String[n];
        Boolean[] open = new Boolean[n];
        String[] current = new String[n];
        String[] officer = new String[n];
        String[] officerName = new String[n];
        for (int k = 0; k < n; k++) {
            CounterState c = rows.get(k);
            id[k] = c.id();
            open[k] = c.open();
            current[k] = c.currentTicket();
            officer[k] = c.officerId();
            officerName[k] = c.boundOfficer().map(Officer::name).orElse(null);
        }
        return put(p, i, id, open, current, officer, officerName);
    }

    private static int requests(Object[] p, int i, List<RequestRow> rows) {
        int n = rows.size();
        String[] device = new String[n];
        String[] request = new String[n];
        String[] fingerprint = new String[n];
        Buffer[] reply = new Buffer[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int k = 0; k < n; k++) {
            RequestRow r = rows.get(k);
            device[k] = r.key().device();
            request[k] = r.key().requestId();
            fingerprint[k] = r.fingerprint();
            reply[k] = Buffer.buffer(r.reply());
            at[k] = at(r.at());
        }
        return put(p, i, device, request, fingerprint, reply, at);
    }

    private static int audits(Object[] p, int i, List<AuditRecord> rows) {
        int n = rows.size();
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] username = new String[n];
        String[] action = new String[n];
        String[] resource = new String[n];
        String[] centre = new String[n];
        String[] before = new String[n];
        String[] after = new String[n];
        for (int k = 0; k < n; k++) {
            AuditRecord a = rows.get(k);
            at[k] = at(a.at());
            username[k] = a.username();
            action[k] = a.action();
            resource[k] = a.resource();
            centre[k] = a.centre();
            before[k] = json(a.before());
            after[k] = json(a.after());
        }
        return put(p, i, at, username, action, resource, centre, before, after);
    }

    private static int dossiers(Object[] p, int i, List<DossierVisit> rows) {
        int n = rows.size();
        String[] code = new String[n];
        String[] ticket = new String[n];
        String[] number = new String[n];
        String[] service = new String[n];
        String[] counter = new String[n];
        String[] officer = new String[n];
        String[] operator = new String[n];
        Boolean[] returnByPost = new Boolean[n];
        String[] kind = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int k = 0; k < n; k++) {
            DossierVisit v = rows.get(k);
            code[k] = v.code();
            ticket[k] = v.ticketId();
            number[k] = v.number();
            service[k] = v.service();
            counter[k] = v.counter();
            officer[k] = v.officer();
            operator[k] = v.operator();
            returnByPost[k] = v.returnByPost();
            kind[k] = v.kind().name();
            at[k] = at(v.at());
        }
        return put(p, i, code, ticket, number, service, counter, officer, operator, returnByPost, kind, at);
    }

    private static int outbox(Object[] p, int i, List<OutboxRow> rows) {
        int n = rows.size();
        String[] event = new String[n];
        String[] type = new String[n];
        String[] key = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] payload = new String[n];
        for (int k = 0; k < n; k++) {
            OutboxRow o = rows.get(k);
            event[k] = o.eventId();
            type[k] = o.type();
            key[k] = o.ticketKey();
            at[k] = at(o.occurredAt());
            payload[k] = o.payload();
        }
        return put(p, i, event, type, key, at, payload);
    }

    private static int put(Object[] p, int i, Object... columns) {
        System.arraycopy(columns, 0, p, i, columns.length);
        return i + columns.length;
    }

    private static String json(JsonObject value) {
        return value == null ? null : value.encode();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static int checkIns(Object[] p, int i, List<BookingCheckIn> rows) {
        int n = rows.size();
        String[] code = new String[n];
        String[] ticket = new String[n];
        String[] as = new String[n];
        String[] device = new String[n];
        String[] request = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        for (int k = 0; k < n; k++) {
            BookingCheckIn c = rows.get(k);
            code[k] = c.code();
            ticket[k] = c.ticketId();
            as[k] = c.appointment() ? "APPOINTMENT" : "WALK_IN";
            device[k] = c.device();
            request[k] = c.requestId();
            at[k] = at(c.at());
        }
        p[i++] = code;
        p[i++] = ticket;
        p[i++] = as;
        p[i++] = device;
        p[i++] = request;
        p[i++] = at;
        p[i++] = (long) n;
        return i;
    }
}
