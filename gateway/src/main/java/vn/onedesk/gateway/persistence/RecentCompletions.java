package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import vn.onedesk.engine.rating.Completion;
import vn.onedesk.engine.rating.Completions;

/**
 * The tickets a centre completed in the last 24 h, and whether each was rated, read back at load: the queue forgets
 * a ticket once it is finished, yet ratings of it are decided on it for a day (the pad's window, the phone's 24 h),
 * and a second rating must stay refused across a restart. Reads the DONE tickets (by the V10 index), the officer
 * from their ServiceCompleted event, and whether a ServiceRated event exists for them.
 */
final class RecentCompletions {
    private RecentCompletions() {
    }

    static Future<List<Completion>> load(SqlConnection conn, String centre, Instant now) {
        return conn.preparedQuery("SELECT t.ticket_id, t.number, t.service, t.counter_id, t.finished_at,"
                        + " (SELECT c.payload ->> 'officer' FROM events c WHERE c.ticket_id = t.ticket_id"
                        + "   AND c.type = 'ServiceCompleted' ORDER BY c.version DESC LIMIT 1),"
                        + " EXISTS (SELECT 1 FROM events r WHERE r.ticket_id = t.ticket_id AND r.type = 'ServiceRated')"
                        + " FROM tickets t WHERE t.centre_id = $1 AND t.state = 'DONE' AND t.finished_at > $2"
                        + " AND t.counter_id IS NOT NULL ORDER BY t.finished_at")
                .execute(Tuple.of(centre, now.minus(Completions.PHONE_WINDOW).atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    List<Completion> completions = new ArrayList<>();
                    for (Row r : rows) {
                        completions.add(new Completion(r.getString(0), r.getString(1), r.getString(2),
                                r.getString(3), r.getString(5), r.getOffsetDateTime(4).toInstant(),
                                r.getBoolean(6)));
                    }
                    return completions;
                });
    }
}
