package vn.onedesk.gateway.webhooks;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The body of a delivery for a queue event: {@code {"id", "type", "occurredAt", "centre", "data"}}, the shape the
 * OpenAPI document's {@code webhooks} section describes. What a receiver needs to tell a citizen ("A023, quầy số 5")
 * or to follow a ticket across systems, and no more: no priority group (a citizen's health or age), no phone.
 */
public final class WebhookPayloads {
    private WebhookPayloads() {
    }

    /** The type an engine event is announced as, if it is announced at all. */
    public static Optional<WebhookEventType> typeOf(Event event) {
        if (event instanceof Event.TicketIssued) {
            return Optional.of(WebhookEventType.TICKET_ISSUED);
        } else if (event instanceof Event.TicketCalled) {
            return Optional.of(WebhookEventType.TICKET_CALLED);
        } else if (event instanceof Event.ServiceCompleted) {
            return Optional.of(WebhookEventType.TICKET_COMPLETED);
        } else if (event instanceof Event.TicketNoShow) {
            return Optional.of(WebhookEventType.TICKET_NO_SHOW);
        } else if (event instanceof Event.TicketTransferred) {
            return Optional.of(WebhookEventType.TICKET_TRANSFERRED);
        } else if (event instanceof Event.ServiceRated) {
            return Optional.of(WebhookEventType.RATING_SUBMITTED);
        }
        return Optional.empty();
    }

    /** The id receivers deduplicate by: the centre and the event's place in its log, the same on every node. */
    public static String eventId(String centre, long version) {
        return centre + ":" + version;
    }

    public static JsonObject envelope(String eventId, WebhookEventType type, Instant at, String centre,
                                      JsonObject data) {
        return new JsonObject().put("id", eventId).put("type", type.wireName()).put("occurredAt", at.toString())
                .put("centre", centre).put("data", data);
    }

    /** The data of a queue event; {@code ticket} is the ticket as it stands after the batch. */
    public static JsonObject data(CentreDefinition centre, Event event, Ticket ticket) {
        JsonObject data = new JsonObject();
        if (ticket != null) {
            data.put("ticket", new JsonObject().put("id", ticket.id()).put("number", ticket.number())
                    .put("service", ticket.service()).put("channel", ticket.channel().name())
                    .put("issuedAt", ticket.originalArrival().toString()));
        }
        if (event.counter() != null) {
            data.put("counter", counter(centre, event.counter()));
        }
        if (event instanceof Event.TicketCalled called) {
            data.put("recall", called.recall());
        } else if (event instanceof Event.TicketNoShow noShow) {
            data.put("expired", noShow.expired());
        } else if (event instanceof Event.TicketTransferred moved) {
            data.put("fromService", moved.fromService()).put("toService", moved.toService());
            if (moved.toCounter() != null) {
                data.put("toCounter", counter(centre, moved.toCounter()));
            }
        } else if (event instanceof Event.ServiceRated rated) {
            data.put("score", rated.score()).put("reasons", new io.vertx.core.json.JsonArray(rated.reasons()));
            if (ticket == null) {
                data.put("ticket", new JsonObject().put("id", rated.ticketId()).put("number", rated.number())
                        .put("service", rated.service()));
            }
        }
        return data;
    }

    private static JsonObject counter(CentreDefinition centre, String id) {
        JsonObject counter = new JsonObject().put("id", id);
        centre.counter(id).ifPresent(c -> counter.put("number", c.number()));
        return counter;
    }
}
