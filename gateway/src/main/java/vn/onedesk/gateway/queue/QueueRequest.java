package vn.onedesk.gateway.queue;

import java.util.Objects;
import vn.onedesk.engine.Command;
import vn.onedesk.gateway.persistence.AuditRecord;

/**
 * A command from a device, with what makes it idempotent: the device, its request id and a
 * fingerprint of the request's content (the same id with other content is refused).
 *
 * @param ticketToken for a ticket request only: the public token the adapter made for the ticket, stored with it in
 *                    the same commit (the engine, which knows no randomness, never sees it); null for other commands
 * @param audit       for a change of the centre (Reconfigure) only: its audit entry, committed with it
 * @param booking     for a kiosk's check-in of a booked slot only: the booking it uses, checked in in the same commit
 */
public record QueueRequest(String device, String requestId, String fingerprint, Command command,
                           ReplyRenderer renderer, String ticketToken, AuditRecord audit, BookingClaim booking) {
    /**
     * The booking a ticket request checks in.
     *
     * @param appointment whether it checks in inside the window (its ticket holds the appointment) or not (a walk-in)
     */
    public record BookingClaim(String code, boolean appointment) {
        public BookingClaim {
            Objects.requireNonNull(code, "code");
        }
    }

    public QueueRequest {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(renderer, "renderer");
        if ((audit != null) != (command instanceof Command.Reconfigure)) {
            throw new IllegalArgumentException("a change of the centre carries its audit entry, and only such a change");
        }
        if ((ticketToken != null) != (command instanceof Command.IssueTicket)) {
            throw new IllegalArgumentException("a ticket request carries a public token, and only a ticket request");
        }
        if (booking != null && !(command instanceof Command.IssueTicket)) {
            throw new IllegalArgumentException("only a ticket request checks a booking in");
        }
    }

    public QueueRequest(String device, String requestId, String fingerprint, Command command,
                        ReplyRenderer renderer, String ticketToken, AuditRecord audit) {
        this(device, requestId, fingerprint, command, renderer, ticketToken, audit, null);
    }

    /** A ticket request (with its token) or a counter's command (without). */
    public QueueRequest(String device, String requestId, String fingerprint, Command command, ReplyRenderer renderer,
                        String ticketToken) {
        this(device, requestId, fingerprint, command, renderer, ticketToken, null, null);
    }

    /** A command that issues no ticket. */
    public QueueRequest(String device, String requestId, String fingerprint, Command command, ReplyRenderer renderer) {
        this(device, requestId, fingerprint, command, renderer, null, null, null);
    }
}
