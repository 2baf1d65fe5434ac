package vn.onedesk.gateway.reports;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Reads back from the append-only {@code events} table the events of the tickets numbered on one
 * local day, as engine events. The row format is the one {@code persistence.EventRecords} writes;
 * {@code StoredEventsRoundTripTest} keeps the two in step.
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
                decode(row.getString(0), row.getString(1), row.getString(2), row.getJsonObject(3),
                        row.getOffsetDateTime(4).toInstant()).ifPresent(events::add);
            }
            return events;
        });
    }

    /**
     * One stored row as the engine event it was written from; empty for a type this build does not
     * know (a newer gateway's), which a report can safely pass over. An issued ticket comes back
     * without its appointment time, which the payload does not keep and no report needs.
     */
    public static Optional<Event> decode(String type, String ticketId, String counter, JsonObject payload, Instant at) {
        return Optional.ofNullable(switch (type) {
            case "TicketIssued" -> new Event.TicketIssued(Ticket.issued(ticketId, payload.getLong("ordinal"),
                    payload.getString("number"), payload.getString("service"),
                    LocalDate.parse(payload.getString("serviceDay")), payload.getInteger("sequence"),
                    PriorityGroup.valueOf(payload.getString("priority")), Channel.valueOf(payload.getString("channel")),
                    at));
            case "TicketCalled" -> new Event.TicketCalled(ticketId, counter, payload.getLong("callSeq"),
                    payload.getBoolean("recall"), payload.getString("reason"), at);
            case "TicketNoShow" -> new Event.TicketNoShow(ticketId, counter, at);
            case "ServiceStarted" -> new Event.ServiceStarted(ticketId, counter, at);
            case "ServiceCompleted" -> new Event.ServiceCompleted(ticketId, counter, at);
            case "TicketTransferred" -> new Event.TicketTransferred(ticketId, counter, payload.getString("fromService"),
                    payload.getString("toService"), at);
            case "CounterOpened" -> new Event.CounterOpened(counter, at);
            case "CounterClosed" -> new Event.CounterClosed(counter, at);
            default -> null;
        });
    }
}
