package vn.onedesk.gateway.webhooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.booking.BookingAnnouncer;
import vn.onedesk.gateway.persistence.BookingCheckIn;
import vn.onedesk.gateway.persistence.CentreStore.TicketRow;
import vn.onedesk.gateway.persistence.OutboxRows;
import vn.onedesk.gateway.persistence.OutboxRow;
import vn.onedesk.gateway.queue.Announcements;

/**
 * The writer's side of the transactional outbox: the batch's announced events as outbox rows, committed in the
 * batch's own statement. Every announced event gets a row while anyone subscribes; which subscriptions want it is
 * decided later, when the dispatcher fans the row out.
 */
public final class WebhookOutbox implements Announcements {
    private final SubscriberPresence subscribers;

    public WebhookOutbox(SubscriberPresence subscribers) {
        this.subscribers = subscribers;
    }

    @Override
    public List<OutboxRow> of(CentreDefinition centre, long expectedVersion, List<Event> events,
                              Map<String, TicketRow> tickets, List<BookingCheckIn> checkIns) {
        if (!subscribers.any() || (events.isEmpty() && checkIns.isEmpty())) {
            return List.of();
        }
        List<OutboxRow> rows = new ArrayList<>();
        for (int k = 0; k < events.size(); k++) {
            Event event = events.get(k);
            Optional<WebhookEventType> type = WebhookPayloads.typeOf(event);
            if (type.isEmpty()) {
                continue;
            }
            String id = WebhookPayloads.eventId(centre.id(), expectedVersion + k + 1);
            TicketRow row = event.ticketId() == null ? null : tickets.get(event.ticketId());
            Ticket ticket = row == null ? null : row.ticket();
            String body = WebhookPayloads.envelope(id, type.get(), event.at(), centre.id(),
                    WebhookPayloads.data(centre, event, ticket)).encode();
            rows.add(new OutboxRow(id, type.get().wireName(), event.ticketId(), event.at(), body));
        }
        for (BookingCheckIn checkIn : checkIns) {
            TicketRow row = tickets.get(checkIn.ticketId());
            rows.add(WebhookPayloads.checkedIn(centre.id(), checkIn, row == null ? null : row.ticket()));
        }
        return rows;
    }

    /**
     * turn.near, derived from the committed queue rather than an event of its own: written when the displays' feed
     * sees a ticket come near, keyed by the ticket and its stay in line, so that the same stay told again (after a
     * restart or a takeover, which tell the tickets near at load) writes nothing new.
     */
    public vn.onedesk.gateway.displays.TurnNearListener turnNear(io.vertx.sqlclient.Pool pool, java.time.Clock clock) {
        return (centre, ticket, ahead) -> {
            if (subscribers.any()) {
                OutboxRows.insert(pool, centre, WebhookPayloads.turnNear(centre, ticket, ahead, clock.instant()))
                        .onFailure(e -> java.util.logging.Logger.getLogger(WebhookOutbox.class.getName())
                                .fine("turn.near of " + ticket.number() + " not written: " + e.getMessage()));
            }
        };
    }

    /** The booking.created and booking.cancelled rows, written in the booking's own transaction. */
    public BookingAnnouncer bookings() {
        return (conn, change, booking, at) -> subscribers.any()
                ? OutboxRows.insert(conn, booking.centre(), WebhookPayloads.booking(change, booking, at))
                : io.vertx.core.Future.succeededFuture();
    }
}
