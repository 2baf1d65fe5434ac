package vn.onedesk.engine.ticketing;

/**
 * WAITING → CALLED → SERVING → DONE, or CALLED → NO_SHOW. A transfer puts a CALLED or SERVING
 * ticket back to WAITING in another service. PARK sets a CALLED or SERVING ticket aside (PARKED: the citizen went
 * to photocopy a paper); CALL_PARKED calls it back (CALLED), or it expires to NO_SHOW.
 */
public enum TicketState {
    WAITING,
    CALLED,
    SERVING,
    DONE,
    NO_SHOW,
    /** Set aside by its counter: still in the centre's queue, but neither in a waiting line nor at a counter. */
    PARKED;

    /** Whether the ticket still takes part in the queue. */
    public boolean isActive() {
        return this == WAITING || this == CALLED || this == SERVING || this == PARKED;
    }

    /** Whether the ticket is at a counter now. */
    public boolean isAtCounter() {
        return this == CALLED || this == SERVING;
    }
}
