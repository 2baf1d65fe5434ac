package vn.onedesk.engine.ticketing;

/**
 * WAITING → CALLED → SERVING → DONE, or CALLED → NO_SHOW. A transfer puts a CALLED or SERVING
 * ticket back to WAITING in another service.
 */
public enum TicketState {
    WAITING,
    CALLED,
    SERVING,
    DONE,
    NO_SHOW;

    /** Whether the ticket still takes part in the queue. */
    public boolean isActive() {
        return this == WAITING || this == CALLED || this == SERVING;
    }

    /** Whether the ticket is at a counter now. */
    public boolean isAtCounter() {
        return this == CALLED || this == SERVING;
    }
}
