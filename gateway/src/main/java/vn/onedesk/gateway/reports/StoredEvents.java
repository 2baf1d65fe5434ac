package vn.onedesk.gateway.reports;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Cursor;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * Reads back from the append-only {@code events} table the events of the tickets numbered in a period, as
 * stored rows (whose engine events {@link vn.onedesk.gateway.persistence.EventRecords} decodes, and whose payload
 * the reports read for what the engine events do not carry), and hands them one by one to a report. Three
 * months at a large centre are half a million events, so they are never all in memory: a cursor fetches them
 * {@value #CHUNK} rows at a time, and each chunk is decoded and counted on a worker thread, never on the event
 * loop, before the next is fetched.
 */
public final class StoredEvents {
    /**
     * Every event of the tickets issued in the period's window, in the order they happened (version): their
     * issue, and their calls, transfers and ends, whenever those came.
     */
    private static final String PERIOD_EVENTS = "SELECT type, ticket_id, counter_id, payload, occurred_at FROM events"
            + " WHERE centre_id = $1 AND ticket_id IN (SELECT ticket_id FROM events WHERE centre_id = $1"
            + " AND type = 'TicketIssued' AND occurred_at >= $2 AND occurred_at < $3)"
            + " ORDER BY version";
    static final int CHUNK = 2000;

    private final Vertx vertx;
    private final Pool pool;

    public StoredEvents(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /**
     * Hands every event of the tickets numbered in the period, in the centre's time zone, to {@code reader}, in
     * the order they happened. The reader runs on worker threads, one event after the other (never two at
     * once), and the future completes after its last event.
     */
    public Future<Void> read(String centre, Period period, ZoneId zone, Consumer<StoredRow> reader) {
        Tuple window = Tuple.of(centre, period.start(zone).atOffset(ZoneOffset.UTC),
                period.end(zone).atOffset(ZoneOffset.UTC));
        // A cursor needs a transaction: PostgreSQL keeps the query's place in it between fetches.
        return pool.withTransaction(conn -> conn.prepare(PERIOD_EVENTS).compose(statement -> {
            Cursor cursor = statement.cursor(window);
            Promise<Void> done = Promise.promise();
            fetch(cursor, reader, done);
            return done.future().eventually(cursor::close).eventually(statement::close);
        }));
    }

    /** One chunk, counted on a worker; then the next, until none is left. A loop, not a chain of futures. */
    private void fetch(Cursor cursor, Consumer<StoredRow> reader, Promise<Void> done) {
        cursor.read(CHUNK)
                .compose(rows -> vertx.executeBlocking(() -> decode(rows, reader), false))
                .onSuccess(v -> {
                    if (cursor.hasMore()) {
                        fetch(cursor, reader, done);
                    } else {
                        done.complete();
                    }
                })
                .onFailure(done::fail);
    }

    private static Void decode(RowSet<Row> rows, Consumer<StoredRow> reader) {
        for (Row row : rows) {
            reader.accept(new StoredRow(row.getString(0), row.getString(1), row.getString(2), row.getJsonObject(3),
                    row.getOffsetDateTime(4).toInstant()));
        }
        return null;
    }
}
