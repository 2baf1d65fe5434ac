package vn.onedesk.gateway.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.gateway.config.RetentionSettings;
import vn.onedesk.gateway.persistence.CentreStore;
import vn.onedesk.gateway.reports.DaySummaries;
import vn.onedesk.gateway.staff.LoginSession;

/**
 * One purge of the gateway's database, as of {@code now}: for each centre the database holds (removed ones too),
 * the closed days past {@link RetentionSettings#eventDays} are summarised for the reports, then their events
 * deleted; ticket rows past {@link RetentionSettings#ticketDays}, requests past
 * {@link RetentionSettings#requestDays} and the audit past {@link RetentionSettings#auditDays} are deleted (and the
 * dossier visits of the ticket rows' days, with them), and ended
 * login sessions; the priority group of every finished ticket of a closed day is replaced by
 * {@link PriorityGroup#ERASED} in its row, its TicketIssued event and the replies stored for its requests.
 *
 * <p>What a running centre needs is never touched: a ticket still in the queue (WAITING, CALLED, SERVING), whatever
 * its day, with its events and its group (the queue orders by it, and reloads it at restart); today's and
 * yesterday's tickets and events (the settings' minimum); the replies of the last 24 h, which a centre reads back
 * (at start, and for a retry that comes after its memory let go of the bytes) so that a retry gets the same answer ({@link CentreStore#REQUEST_MEMORY}), verbatim. The numbering a
 * centre reloads is today's (a number is unique per local day), which is never deleted.
 *
 * <p>Every statement deletes or updates at most {@link RetentionSettings#batchSize} rows, in its own short
 * transaction, so a centre's commit never waits long behind the purge. Everything is asynchronous
 * (vertx-pg-client); the counting of a summarised day runs on a worker.
 */
final class Purge {
    private static final Logger LOG = Logger.getLogger(Purge.class.getName());
    private static final String ACTIVE = "('WAITING', 'CALLED', 'SERVING', 'PARKED')";
    /** The groups that identify: every group but NONE, and ERASED, which is what they become. */
    static final String GROUPS = Arrays.stream(PriorityGroup.values())
            .filter(g -> g.isPriority() && g.isIssuable()).map(Enum::name).collect(Collectors.joining("|"));
    private static final String GROUP_IN_REPLY = "\"priority\":\"(" + GROUPS + ")\"";

    /** The connection that holds the purge's advisory lock: one connection for every statement of the run. */
    private final SqlClient db;
    private final DaySummaries summaries;
    private final RetentionSettings settings;
    private final Instant now;
    private final BooleanSupplier stopped;
    private final PurgeReport report;

    Purge(SqlClient db, DaySummaries summaries, RetentionSettings settings, Instant now, BooleanSupplier stopped) {
        this.db = db;
        this.summaries = summaries;
        this.settings = settings;
        this.now = now;
        this.stopped = stopped;
        this.report = new PurgeReport(now);
    }

    Future<PurgeReport> run() {
        return centres()
                .compose(centres -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (CentreDefinition centre : centres) {
                        chain = chain.compose(v -> centre(centre));
                    }
                    return chain;
                })
                .compose(v -> batches("admin_audit", "DELETE FROM admin_audit WHERE audit_id = ANY(ARRAY("
                        + "SELECT audit_id FROM admin_audit WHERE at < $1 LIMIT $2))",
                        Tuple.of(at(now.minus(java.time.Duration.ofDays(settings.auditDays()))))))
                .compose(v -> db.preparedQuery("DELETE FROM login_sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                        .execute(Tuple.of(at(now), at(now.minus(LoginSession.IDLE_TIMEOUT))))
                        .map(rows -> {
                            report.deleted("login_sessions", rows.rowCount());
                            return (Void) null;
                        }))
                .map(v -> report);
    }

    /** The centres whose data the database holds, with their definitions; one never imported is passed over. */
    private Future<List<CentreDefinition>> centres() {
        return db.query("SELECT centre_id, definition FROM centres ORDER BY centre_id").execute().map(rows -> {
            List<CentreDefinition> out = new ArrayList<>();
            for (Row r : rows) {
                JsonObject definition = (JsonObject) r.getValue(1);
                if (definition == null) {
                    LOG.info("retention: centre " + r.getString(0) + " has no stored definition yet; its data is"
                            + " kept until it has one");
                } else {
                    out.add(CentreJson.read(definition));
                }
            }
            return out;
        });
    }

    private Future<Void> centre(CentreDefinition centre) {
        LocalDate today = centre.serviceDay(now);
        Instant startOfToday = today.atStartOfDay(centre.timezone()).toInstant();
        LocalDate firstKeptEventDay = today.minusDays(settings.eventDays());
        LocalDate firstKeptTicketDay = today.minusDays(settings.ticketDays());
        Instant requestsBefore = now.minus(settings.requestRetention());
        // A stored reply is erased only once no centre would reload it for a retry: older than 24 h, and of a closed day.
        Instant repliesBefore = min(startOfToday, now.minus(CentreStore.REQUEST_MEMORY));
        String id = centre.id();
        return oldestEventDay(centre, firstKeptEventDay)
                .compose(oldest -> oldest == null ? Future.succeededFuture() : days(centre, oldest, firstKeptEventDay))
                .compose(v -> batches("events", "DELETE FROM events WHERE ctid = ANY(ARRAY(SELECT ctid FROM events"
                        + " WHERE centre_id = $1 AND ticket_id IS NULL AND occurred_at < $2 LIMIT $3))",
                        Tuple.of(id, at(firstKeptEventDay.atStartOfDay(centre.timezone()).toInstant()))))
                .compose(v -> batches("tickets", "DELETE FROM tickets WHERE ctid = ANY(ARRAY(SELECT ctid FROM tickets"
                        + " WHERE centre_id = $1 AND service_day < $2 AND state NOT IN " + ACTIVE + " LIMIT $3))",
                        Tuple.of(id, firstKeptTicketDay)))
                // A dossier's visits go with the ticket rows of their day, whose lookup they serve; a ticket still in
                // the queue keeps its own.
                .compose(v -> batches("dossier_visits", "DELETE FROM dossier_visits WHERE ctid = ANY(ARRAY(SELECT"
                        + " v.ctid FROM dossier_visits v WHERE v.centre_id = $1 AND v.at < $2 AND NOT EXISTS (SELECT 1"
                        + " FROM tickets t WHERE t.ticket_id = v.ticket_id AND t.state IN " + ACTIVE + ") LIMIT $3))",
                        Tuple.of(id, at(firstKeptTicketDay.atStartOfDay(centre.timezone()).toInstant()))))
                // Bookings are personal data (a phone number's keyed hash): kept like the tickets of their slot's day.
                .compose(v -> batches("bookings", "DELETE FROM bookings WHERE ctid = ANY(ARRAY(SELECT ctid FROM"
                        + " bookings WHERE centre_id = $1 AND slot_start < $2 LIMIT $3))",
                        Tuple.of(id, at(firstKeptTicketDay.atStartOfDay(centre.timezone()).toInstant()))))
                .compose(v -> batches("booking_slots", "DELETE FROM booking_slots WHERE ctid = ANY(ARRAY(SELECT ctid"
                        + " FROM booking_slots WHERE centre_id = $1 AND slot_start < $2 LIMIT $3))",
                        Tuple.of(id, at(firstKeptTicketDay.atStartOfDay(centre.timezone()).toInstant()))))
                .compose(v -> batches("requests", "DELETE FROM requests WHERE ctid = ANY(ARRAY(SELECT ctid FROM"
                        + " requests WHERE centre_id = $1 AND created_at < $2 LIMIT $3))", Tuple.of(id, at(requestsBefore))))
                .compose(v -> erase("tickets", "UPDATE tickets SET priority = 'ERASED' WHERE ctid = ANY(ARRAY("
                        + "SELECT ctid FROM tickets WHERE centre_id = $1 AND service_day < $2"
                        + " AND priority NOT IN ('NONE', 'ERASED') AND state NOT IN " + ACTIVE + " LIMIT $3))",
                        Tuple.of(id, today)))
                .compose(v -> erase("events", "UPDATE events SET payload = jsonb_set(payload, '{priority}', '\"ERASED\"')"
                        + " WHERE ctid = ANY(ARRAY(SELECT e.ctid FROM events e WHERE e.centre_id = $1"
                        + " AND e.type = 'TicketIssued' AND e.payload ->> 'priority' NOT IN ('NONE', 'ERASED')"
                        + " AND e.occurred_at < $2 AND (e.payload ->> 'serviceDay')::date < $3"
                        + " AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.ticket_id = e.ticket_id"
                        + " AND t.state IN " + ACTIVE + ") LIMIT $4))",
                        Tuple.of(id, at(startOfToday), today)))
                .compose(v -> erase("requests", "UPDATE requests SET reply = convert_to(regexp_replace("
                        + "convert_from(reply, 'UTF8'), '" + GROUP_IN_REPLY + "', '\"priority\":\"ERASED\"', 'g'),"
                        + " 'UTF8') WHERE ctid = ANY(ARRAY(SELECT ctid FROM requests WHERE centre_id = $1"
                        + " AND created_at < $2 AND convert_from(reply, 'UTF8') ~ '" + GROUP_IN_REPLY + "' LIMIT $3))",
                        Tuple.of(id, at(repliesBefore))));
    }

    /** The local day of the centre's oldest ticket issued before the first day kept; null when there is none. */
    private Future<LocalDate> oldestEventDay(CentreDefinition centre, LocalDate firstKept) {
        return db.preparedQuery("SELECT min(occurred_at) FROM events WHERE centre_id = $1 AND type = 'TicketIssued'"
                        + " AND occurred_at < $2")
                .execute(Tuple.of(centre.id(), at(firstKept.atStartOfDay(centre.timezone()).toInstant())))
                .map(rows -> {
                    OffsetDateTime oldest = rows.iterator().next().getOffsetDateTime(0);
                    return oldest == null ? null : oldest.toInstant().atZone(centre.timezone()).toLocalDate();
                });
    }

    /** Each day from {@code day} up to (not including) {@code end}, one after the other. */
    private Future<Void> days(CentreDefinition centre, LocalDate day, LocalDate end) {
        if (!day.isBefore(end) || stopped.getAsBoolean()) {
            return Future.succeededFuture();
        }
        return day(centre, day).compose(v -> days(centre, day.plusDays(1), end));
    }

    /**
     * One closed day past retention: kept whole while one of its tickets is in the queue (its figures may still
     * change); else summarised for the reports, then the events of its tickets deleted: every event but their
     * issue first, then the issues, which are what finds a day's tickets, so that an interrupted purge resumes.
     */
    private Future<Void> day(CentreDefinition centre, LocalDate day) {
        Instant from = day.atStartOfDay(centre.timezone()).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(centre.timezone()).toInstant();
        Tuple window = Tuple.of(centre.id(), at(from), at(to));
        String issuesOfTheDay = " FROM events WHERE centre_id = $1 AND type = 'TicketIssued' AND occurred_at >= $2"
                + " AND occurred_at < $3";
        return db.preparedQuery("SELECT (SELECT count(*) FROM tickets WHERE centre_id = $1 AND service_day = $4"
                        + " AND state IN " + ACTIVE + "), (SELECT count(*)" + issuesOfTheDay + ")")
                .execute(Tuple.of(centre.id(), at(from), at(to), day))
                .compose(rows -> {
                    Row counts = rows.iterator().next();
                    long active = counts.getLong(0);
                    if (active > 0) {
                        report.kept(centre.id(), day, active);
                        return Future.succeededFuture();
                    }
                    if (counts.getLong(1) == 0) {
                        return Future.succeededFuture(); // no ticket that day: nothing to summarise
                    }
                    return summaries.summarise(centre, day, now)
                            .compose(done -> {
                                if (done) {
                                    report.summarisedOne();
                                }
                                return batches("events", "DELETE FROM events WHERE ctid = ANY(ARRAY(SELECT ctid"
                                        + " FROM events WHERE centre_id = $1 AND type <> 'TicketIssued'"
                                        + " AND ticket_id IN (SELECT ticket_id" + issuesOfTheDay + ") LIMIT $4))",
                                        window);
                            })
                            .compose(v -> batches("events", "DELETE FROM events WHERE ctid = ANY(ARRAY(SELECT ctid"
                                    + issuesOfTheDay + " LIMIT $4))", window));
                });
    }

    private Future<Void> batches(String table, String sql, Tuple params) {
        return repeat(sql, params, rows -> report.deleted(table, rows));
    }

    private Future<Void> erase(String table, String sql, Tuple params) {
        return repeat(sql, params, rows -> report.erased(table, rows));
    }

    /** Runs the statement, with the batch size as its last parameter, until it touches fewer rows than that. */
    private Future<Void> repeat(String sql, Tuple params, java.util.function.LongConsumer counted) {
        Tuple withLimit = Tuple.tuple();
        for (int i = 0; i < params.size(); i++) {
            withLimit.addValue(params.getValue(i));
        }
        withLimit.addValue(settings.batchSize());
        long started = System.nanoTime();
        return db.preparedQuery(sql).execute(withLimit).compose(rows -> {
            report.statementTook(java.time.Duration.ofNanos(System.nanoTime() - started));
            counted.accept(rows.rowCount());
            return rows.rowCount() < settings.batchSize() || stopped.getAsBoolean() ? Future.succeededFuture()
                    : repeat(sql, params, counted);
        });
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
