package vn.onedesk.loadtest.crash;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.onedesk.gateway.persistence.embedded.EmbeddedCredentials;
import vn.onedesk.gateway.persistence.embedded.EmbeddedDatabase;
import vn.onedesk.loadtest.cli.Common;
import vn.onedesk.loadtest.tickets.TicketLog;

/**
 * Checks the database against what the kiosks were told (their {@link TicketLog}), and against itself:
 * <ul>
 *   <li>every ticket a kiosk received exists, exactly once, with the number, service and request it was given
 *       for; a request answered twice (a retry) got the same ticket both times;</li>
 *   <li>no number was issued twice in a centre on a day;</li>
 *   <li>queue order is intact: ordinals are dense (1..n) per centre, sequences dense per service and day,
 *       and ordinal order agrees with sequence order and with arrival order;</li>
 *   <li>nothing is half-written: each ticket has exactly one TicketIssued event, each centre's events are
 *       numbered 1..version without a gap, its head row agrees, and each kiosk ticket has its request row.</li>
 * </ul>
 */
public final class TicketAudit {
    /** The outcome: what failed (empty when all is well) and the figures checked. */
    public record Result(List<String> failures, Map<String, Object> figures) {
        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private TicketAudit() {
    }

    /**
     * postgresql://onedesk:PASSWORD@127.0.0.1:PORT/onedesk of the embedded database under {@code dataDir}/pg: the
     * gateway's own application role, whose password the gateway keeps in the data directory (the audit only reads).
     */
    public static String embeddedUrl(Path dataDir) throws IOException {
        Path pg = dataDir.resolve("pg");
        List<String> pid = Files.readAllLines(pg.resolve("postmaster.pid"));
        EmbeddedCredentials credentials = EmbeddedCredentials.read(pg)
                .orElseThrow(() -> new IOException("no " + EmbeddedCredentials.FILE_NAME + " in " + pg));
        return "postgresql://" + EmbeddedDatabase.APPLICATION + ":" + credentials.application() + "@127.0.0.1:"
                + pid.get(3).trim() + "/onedesk";
    }

    public static Result run(Vertx vertx, String pgUrl, List<TicketLog.Entry> log) {
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
        try {
            return check(pool, log);
        } finally {
            pool.close();
        }
    }

    private static Result check(Pool pool, List<TicketLog.Entry> log) {
        List<String> failures = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();

        // --- what the kiosks were told, against itself ---
        Map<String, TicketLog.Entry> byRequest = new HashMap<>();
        Map<String, String> requestOfTicket = new HashMap<>();
        for (TicketLog.Entry e : log) {
            String key = e.kiosk() + "/" + e.requestId();
            TicketLog.Entry first = byRequest.putIfAbsent(key, e);
            if (first != null && (!first.ticketId().equals(e.ticketId()) || !first.number().equals(e.number()))) {
                failures.add("request " + key + " was answered with two tickets: " + first.number() + " ("
                        + first.ticketId() + ") and " + e.number() + " (" + e.ticketId() + ")");
            }
            String other = requestOfTicket.putIfAbsent(e.ticketId(), key);
            if (other != null && !other.equals(key)) {
                failures.add("ticket " + e.ticketId() + " was given for two requests: " + other + " and " + key);
            }
        }
        figures.put("ticketsReceived", log.size());
        figures.put("distinctRequestsAnswered", byRequest.size());

        // --- each received ticket in the database, once, as told ---
        List<String> ids = byRequest.values().stream().map(TicketLog.Entry::ticketId).distinct().toList();
        Map<String, Row> rows = new HashMap<>();
        for (int from = 0; from < ids.size(); from += 5000) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 5000));
            RowSet<Row> found = Common.await(pool.preparedQuery("SELECT ticket_id, number, issue_service, request_id,"
                    + " kiosk_id FROM tickets WHERE ticket_id = ANY($1)").execute(Tuple.of(chunk.toArray(String[]::new))), 120);
            found.forEach(r -> rows.put(r.getString("ticket_id"), r));
        }
        int missing = 0;
        for (TicketLog.Entry e : byRequest.values()) {
            Row r = rows.get(e.ticketId());
            if (r == null) {
                if (missing++ < 20) {
                    failures.add("ticket " + e.number() + " (" + e.ticketId() + ") given to " + e.kiosk()
                            + " for " + e.requestId() + " is not in the database");
                }
                continue;
            }
            if (!e.number().equals(r.getString("number")) || !e.service().equals(r.getString("issue_service"))
                    || !e.requestId().equals(r.getString("request_id")) || !e.kiosk().equals(r.getString("kiosk_id"))) {
                failures.add("ticket " + e.ticketId() + " differs: the kiosk was told " + e.number() + "/" + e.service()
                        + " for " + e.kiosk() + "/" + e.requestId() + ", the database holds " + r.getString("number")
                        + "/" + r.getString("issue_service") + " for " + r.getString("kiosk_id") + "/"
                        + r.getString("request_id"));
            }
        }
        if (missing > 20) {
            failures.add((missing - 20) + " more received tickets are not in the database");
        }
        figures.put("receivedTicketsMissingFromDatabase", missing);

        // --- the database against itself ---
        figures.put("ticketsInDatabase", scalar(pool, "SELECT count(*) FROM tickets"));
        zero(pool, failures, "numbers issued twice in a centre on a day",
                "SELECT count(*) FROM (SELECT 1 FROM tickets GROUP BY centre_id, service_day, number"
                        + " HAVING count(*) > 1) d");
        zero(pool, failures, "centres whose ordinals are not exactly 1..n",
                "SELECT count(*) FROM (SELECT centre_id FROM tickets GROUP BY centre_id"
                        + " HAVING min(ordinal) <> 1 OR max(ordinal) <> count(*)) d");
        zero(pool, failures, "services whose day's sequence numbers are not exactly 1..n",
                "SELECT count(*) FROM (SELECT 1 FROM tickets GROUP BY centre_id, issue_service, service_day"
                        + " HAVING min(sequence) <> 1 OR max(sequence) <> count(*)) d");
        zero(pool, failures, "tickets whose sequence does not follow the ticket issued before them in their service",
                "SELECT count(*) FROM (SELECT sequence, lag(sequence) OVER (PARTITION BY centre_id, issue_service,"
                        + " service_day ORDER BY ordinal) AS prev FROM tickets) x WHERE prev IS NOT NULL"
                        + " AND sequence <> prev + 1");
        zero(pool, failures, "tickets issued before the ticket with the previous ordinal",
                "SELECT count(*) FROM (SELECT original_arrival, lag(original_arrival) OVER (PARTITION BY centre_id"
                        + " ORDER BY ordinal) AS prev, channel FROM tickets) x WHERE prev IS NOT NULL"
                        + " AND original_arrival < prev");
        zero(pool, failures, "centres whose head row disagrees with their tickets (last_ordinal)",
                "SELECT count(*) FROM centres c WHERE c.last_ordinal <> COALESCE((SELECT max(ordinal) FROM tickets t"
                        + " WHERE t.centre_id = c.centre_id), 0)");
        zero(pool, failures, "tickets without exactly one TicketIssued event (half-written)",
                "SELECT count(*) FROM tickets t WHERE (SELECT count(*) FROM events e WHERE e.ticket_id = t.ticket_id"
                        + " AND e.type = 'TicketIssued') <> 1");
        zero(pool, failures, "TicketIssued events without their ticket (half-written)",
                "SELECT count(*) FROM events e WHERE e.type = 'TicketIssued' AND NOT EXISTS"
                        + " (SELECT 1 FROM tickets t WHERE t.ticket_id = e.ticket_id)");
        zero(pool, failures, "centres whose events are not numbered 1..version without a gap",
                "SELECT count(*) FROM centres c WHERE c.version <> (SELECT count(*) FROM events e"
                        + " WHERE e.centre_id = c.centre_id) OR c.version <> COALESCE((SELECT max(version) FROM events e"
                        + " WHERE e.centre_id = c.centre_id), 0)");
        zero(pool, failures, "kiosk tickets without the stored reply to their request (half-written)",
                "SELECT count(*) FROM tickets t WHERE t.request_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM requests r"
                        + " WHERE r.centre_id = t.centre_id AND r.device_id = t.kiosk_id AND r.request_id = t.request_id)");
        return new Result(failures, figures);
    }

    private static long scalar(Pool pool, String sql) {
        return Common.await(pool.query(sql).execute(), 300).iterator().next().getLong(0);
    }

    private static void zero(Pool pool, List<String> failures, String what, String sql) {
        long n = scalar(pool, sql);
        if (n != 0) {
            failures.add(n + " " + what);
        }
    }
}
