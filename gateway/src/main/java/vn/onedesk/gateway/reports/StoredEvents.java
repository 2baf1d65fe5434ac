package vn.onedesk.gateway.reports;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import vn.onedesk.engine.Event;
import vn.onedesk.gateway.persistence.EventRecords;

/**
 * Reads back from the append-only {@code events} table the events of the tickets numbered on one
 * local day, as engine events, decoded by {@link EventRecords}, which also writes them.
 */
public final class StoredEvents {
    /**
     * Every event of the tickets issued in the local day's window, in the order they happened
     * (version): their issue, and their calls, transfers and ends, whenever those came.
     */
    private static final String DAY_EVENTS = "SELECT type, ticket_id, counter_id, payload, occurred_at FROM events"
            + " WHERE centre_id = $1 AND ticket_id IN (SELECT ticket_id FROM events WHERE centre_id = $1"
            + " AND type = 'TicketIssued' AND occurred_at >= $2 AND occurred_at < $3)"
            + " ORDER BY version";

    private final Pool pool;

    public StoredEvents(Pool pool) {
        this.pool = pool;
    }

    /** The events of the tickets numbered on {@code date} in the centre's time zone. */
    public Future<List<Event>> ofDay(String centre, LocalDate date, ZoneId zone) {
        OffsetDateTime from = date.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = date.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        return pool.preparedQuery(DAY_EVENTS).execute(Tuple.of(centre, from, to)).map(rows -> {
            List<Event> events = new ArrayList<>(rows.size());
            for (Row row : rows) {
                EventRecords.decode(row.getString(0), row.getString(1), row.getString(2), row.getJsonObject(3),
                        row.getOffsetDateTime(4).toInstant()).ifPresent(events::add);
            }
            return events;
        });
    }
}
