package vn.onedesk.gateway.webhooks;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.ticketing.Ticket;
import vn.onedesk.gateway.booking.BookingAnnouncer;
import vn.onedesk.gateway.booking.BookingStore;
import vn.onedesk.gateway.persistence.BookingCheckIn;
import vn.onedesk.gateway.persistence.OutboxRow;

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

    /**
     * booking.created or booking.cancelled: the booking's code, service and slot (never the phone number, which
     * OneDesk holds only as a keyed hash). Ordered with the booking's check-in by its code.
     */
    public static OutboxRow booking(BookingAnnouncer.Change change, BookingStore.Booking booking, Instant at) {
        WebhookEventType type = change == BookingAnnouncer.Change.CREATED ? WebhookEventType.BOOKING_CREATED
                : WebhookEventType.BOOKING_CANCELLED;
        String id = bookingEventId(booking.centre(), booking.code(), type);
        JsonObject data = new JsonObject().put("booking", new JsonObject().put("code", booking.code())
                .put("service", booking.service()).put("slotStart", booking.slotStart().toString())
                .put("slotEnd", booking.slotEnd().toString()));
        return new OutboxRow(id, type.wireName(), bookingKey(booking.code()), at,
                envelope(id, type, at, booking.centre(), data).encode());
    }

    /** booking.checked_in: the booking's code, the ticket it became, and whether it kept its appointment. */
    public static OutboxRow checkedIn(String centre, BookingCheckIn checkIn, Ticket ticket) {
        String id = bookingEventId(centre, checkIn.code(), WebhookEventType.BOOKING_CHECKED_IN);
        JsonObject data = new JsonObject().put("booking", new JsonObject().put("code", checkIn.code()))
                .put("appointment", checkIn.appointment());
        JsonObject t = new JsonObject().put("id", checkIn.ticketId());
        if (ticket != null) {
            t.put("number", ticket.number()).put("service", ticket.service()).put("channel", ticket.channel().name())
                    .put("issuedAt", ticket.originalArrival().toString());
        }
        data.put("ticket", t);
        return new OutboxRow(id, WebhookEventType.BOOKING_CHECKED_IN.wireName(), bookingKey(checkIn.code()),
                checkIn.at(), envelope(id, WebhookEventType.BOOKING_CHECKED_IN, checkIn.at(), centre, data).encode());
    }

    /**
     * turn.near: the ticket and how many are ahead of it. Its id names the ticket's stay in line (when it joined the
     * line it waits in), so a stay is announced once however often it is seen.
     */
    public static OutboxRow turnNear(String centre, Ticket ticket, int ahead, Instant at) {
        String id = centre + ":turn.near:" + ticket.id() + ":" + ticket.waitingSince().toEpochMilli();
        JsonObject data = new JsonObject().put("ticket", new JsonObject().put("id", ticket.id())
                .put("number", ticket.number()).put("service", ticket.service())
                .put("channel", ticket.channel().name()).put("issuedAt", ticket.originalArrival().toString()))
                .put("ahead", ahead);
        return new OutboxRow(id, WebhookEventType.TURN_NEAR.wireName(), ticket.id(), at,
                envelope(id, WebhookEventType.TURN_NEAR, at, centre, data).encode());
    }

    /** A booking's events have one id each: a booking is made, checked in or cancelled once. */
    static String bookingEventId(String centre, String code, WebhookEventType type) {
        return centre + ":booking:" + code + ":" + type.wireName().substring("booking.".length());
    }

    private static String bookingKey(String code) {
        return "booking:" + code;
    }

    private static JsonObject counter(CentreDefinition centre, String id) {
        JsonObject counter = new JsonObject().put("id", id);
        centre.counter(id).ifPresent(c -> counter.put("number", c.number()));
        return counter;
    }
}
