package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;

/**
 * Writes an outbox row inside whatever transaction makes the change it announces (a booking made or cancelled); the
 * writer's own batches put theirs in the commit statement instead. An event id written twice is kept once.
 */
public final class OutboxRows {
    private OutboxRows() {
    }

    public static Future<Void> insert(SqlClient db, String centre, OutboxRow row) {
        return db.preparedQuery("INSERT INTO webhook_outbox (event_id, centre_id, type, ticket_key, occurred_at,"
                        + " payload) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING")
                .execute(Tuple.of(row.eventId(), centre, row.type(), row.ticketKey(),
                        row.occurredAt().atOffset(ZoneOffset.UTC), row.payload()))
                .mapEmpty();
    }
}
