package vn.onedesk.gateway.persistence;

import java.time.Instant;
import java.util.Objects;

/**
 * A booking checked in at a kiosk, written in the same commit as the ticket it issued: the booking's row goes from
 * BOOKED to CHECKED_IN with the ticket, only if it is still BOOKED (else the whole commit fails and nothing of it is
 * written). This is the place where a {@code booking.checked_in} outbox row joins the commit.
 *
 * @param appointment whether the check-in was inside the window and the ticket holds the appointment (else a walk-in)
 */
public record BookingCheckIn(String code, String ticketId, boolean appointment, String device, String requestId,
                             Instant at) {
    public BookingCheckIn {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(at, "at");
    }
}
