package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import vn.onedesk.engine.counters.ParkedTicket;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.engine.ticketing.TicketState;

/**
 * Why and since when each PARKED ticket of a centre is parked, read back at load from the ticket's latest
 * TicketParked event (its counter, payload "reason" and "officer", and time): the event is the one record of it.
 */
final class ParkedRows {
    private ParkedRows() {
    }

    static Future<List<ParkedTicket>> load(SqlConnection conn, String centre, List<Ticket> active) {
        String[] ids = active.stream().filter(t -> t.state() == TicketState.PARKED).map(Ticket::id)
                .toArray(String[]::new);
        if (ids.length == 0) {
            return Future.succeededFuture(List.of());
        }
        return conn.preparedQuery("SELECT DISTINCT ON (ticket_id) ticket_id, counter_id, payload, occurred_at"
                        + " FROM events WHERE centre_id = $1 AND type = 'TicketParked' AND ticket_id = ANY($2)"
                        + " ORDER BY ticket_id, version DESC")
                .execute(Tuple.tuple().addString(centre).addArrayOfString(ids))
                .map(rows -> {
                    List<ParkedTicket> parked = new ArrayList<>();
                    for (Row r : rows) {
                        JsonObject payload = (JsonObject) r.getValue("payload");
                        parked.add(new ParkedTicket(r.getString("ticket_id"), r.getString("counter_id"),
                                payload.getString("reason", ""), payload.getString("officer"),
                                r.getOffsetDateTime("occurred_at").toInstant()));
                    }
                    return parked;
                });
    }
}
