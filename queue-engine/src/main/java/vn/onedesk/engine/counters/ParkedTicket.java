package vn.onedesk.engine.counters;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Why and since when a PARKED ticket is set aside: what the counter console lists and what its expiry counts from.
 * Kept by the engine beside the ticket (a ticket knows only that it is PARKED, and at which counter).
 *
 * @param counter the counter that parked it
 * @param reason  the officer's reason, as they gave it
 * @param officer the officer bound to that counter when it was parked; null when nobody was bound
 * @param since   when it was parked
 */
public record ParkedTicket(String ticketId, String counter, String reason, String officer, Instant since) {
    public ParkedTicket {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(counter, "counter");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
    }

    /** When it expires to NO_SHOW under this park timeout. */
    public Instant expiresAt(Duration parkTimeout) {
        return since.plus(parkTimeout);
    }
}
