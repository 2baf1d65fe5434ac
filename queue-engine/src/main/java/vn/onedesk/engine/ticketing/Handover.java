package vn.onedesk.engine.ticketing;

import java.time.Instant;

/**
 * What a TRANSFER hands to the next officer with a ticket: an optional note, and whom the ticket is reserved for, a
 * counter or an officer (at most one; neither for a plain transfer to a service with a note).
 *
 * <p>A reserved ticket is called only by its counter, or by whichever counter its officer is bound to when they
 * call, before that counter's routing choice. Should neither come (the counter stays closed, the officer never
 * opens one), the reservation lapses once the ticket has waited its service's target wait since the transfer: any
 * counter able to serve it then calls it first, since it has waited past its target already.
 *
 * @param counter  the counter the ticket is reserved for, or null
 * @param officer  the officer the ticket is reserved for, or null
 * @param note     the transferring officer's note (1..200 characters), or null
 * @param from     the counter that transferred it
 * @param at       when it was transferred
 */
public record Handover(String counter, String officer, String note, String from, Instant at) {
    public static final int MAX_NOTE = 200;

    public Handover {
        if (counter != null && officer != null) {
            throw new IllegalArgumentException("a ticket is reserved for a counter or an officer, not both");
        }
        if (note != null && (note.isEmpty() || note.length() > MAX_NOTE)) {
            throw new IllegalArgumentException("a note has 1 to " + MAX_NOTE + " characters");
        }
    }

    /** Whether it reserves the ticket for one counter or one officer. */
    public boolean reserves() {
        return counter != null || officer != null;
    }

    /** Whether the ticket is reserved for this counter, or for the officer bound to it (null: nobody). */
    public boolean isFor(String counterId, String officerId) {
        return counterId.equals(counter) || (officer != null && officer.equals(officerId));
    }
}
