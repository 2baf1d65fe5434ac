package vn.onedesk.gateway.webhooks;

import java.util.Arrays;
import java.util.Optional;

/** The events a webhook subscription may ask for, by the names receivers see in {@code type}. */
public enum WebhookEventType {
    TICKET_ISSUED("ticket.issued"),
    TICKET_CALLED("ticket.called"),
    TICKET_COMPLETED("ticket.completed"),
    TICKET_NO_SHOW("ticket.no_show"),
    TICKET_TRANSFERRED("ticket.transferred"),
    RATING_SUBMITTED("rating.submitted"),
    BOOKING_CREATED("booking.created"),
    BOOKING_CANCELLED("booking.cancelled"),
    BOOKING_CHECKED_IN("booking.checked_in"),
    TURN_NEAR("turn.near");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<WebhookEventType> fromWire(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
