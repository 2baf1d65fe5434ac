package vn.onedesk.gateway.dossiers;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the {@code dossier_visits} table knows of a ticket's dossiers: the codes linked to it (brought to the kiosk
 * to collect a result, or received at a counter in an earlier leg of the same visit) and every other visit of those
 * dossiers, newest first. Read with the pool, outside every centre's writer: a console asks when it calls a ticket.
 */
public final class DossierHistory {
    /** The most earlier visits one answer lists; a dossier seen more often than this is an oddity, not a history. */
    static final int MAX_VISITS = 20;

    private final Pool pool;

    public DossierHistory(Pool pool) {
        this.pool = pool;
    }

    /**
     * @param officerName the officer's full name as their staff account has it now; null when they have none
     * @param returnByPost for RECEIVED only; null for COLLECTING
     */
    public record Visit(String dossier, String kind, String ticketId, String number, String service, String counter,
                        String officer, String officerName, String operator, Boolean returnByPost, Instant at) {
    }

    /** @param dossiers the codes linked to the ticket, in the order first seen; empty when none */
    public record OfTicket(String ticketId, List<String> dossiers, List<Visit> earlierVisits) {
    }

    public Future<OfTicket> ofTicket(String centre, String ticketId) {
        return pool.preparedQuery("SELECT code FROM dossier_visits WHERE centre_id = $1 AND ticket_id = $2"
                        + " ORDER BY at, visit_id")
                .execute(Tuple.of(centre, ticketId))
                .compose(rows -> {
                    Set<String> codes = new LinkedHashSet<>();
                    rows.forEach(r -> codes.add(r.getString(0)));
                    if (codes.isEmpty()) {
                        return Future.succeededFuture(new OfTicket(ticketId, List.of(), List.of()));
                    }
                    // Every visit of those dossiers but the ticket's own arrival to collect (that is now, not before).
                    return pool.preparedQuery("SELECT v.code, v.kind, v.ticket_id, v.number, v.service, v.counter_id,"
                                    + " v.officer_id, s.full_name, v.operator, v.return_by_post, v.at"
                                    + " FROM dossier_visits v LEFT JOIN staff_accounts s ON s.username = v.officer_id"
                                    + " WHERE v.centre_id = $1 AND v.code = ANY($2)"
                                    + " AND NOT (v.ticket_id = $3 AND v.kind = 'COLLECTING')"
                                    + " ORDER BY v.at DESC, v.visit_id DESC LIMIT $4")
                            .execute(Tuple.of(centre, codes.toArray(String[]::new), ticketId, MAX_VISITS))
                            .map(visits -> {
                                List<Visit> out = new ArrayList<>();
                                visits.forEach(v -> out.add(visit(v)));
                                return new OfTicket(ticketId, List.copyOf(codes), out);
                            });
                });
    }

    private static Visit visit(Row r) {
        return new Visit(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                r.getString(5), r.getString(6), r.getString(7), r.getString(8), r.getBoolean(9),
                r.getOffsetDateTime(10).toInstant());
    }
}
