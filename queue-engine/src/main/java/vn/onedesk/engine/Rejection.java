package vn.onedesk.engine;

/** Why the engine refused a command. The gateway maps each to a protocol error code. */
public enum Rejection {
    UNKNOWN_SERVICE,
    SERVICE_CLOSED,
    UNKNOWN_COUNTER,
    COUNTER_CLOSED,
    NO_TICKET_WAITING,
    INVALID_STATE,
    /** OPEN names an officer who is already bound to another counter. */
    OFFICER_BUSY,
    /** A change of the centre removes (or changes the operator of) a counter that holds a ticket. */
    COUNTER_BUSY,
    /** A change of the centre removes a service that still has tickets waiting or at a counter. */
    SERVICE_IN_USE,
    /** CALL_PARKED or CALL_NUMBER names a number that no ticket in the queue has. */
    UNKNOWN_TICKET,
    /** CALL_PARKED names a ticket that is not parked. */
    NOT_PARKED,
    /** CALL_NUMBER names a ticket that is not waiting in line. */
    NOT_WAITING,
    /** CALL_PARKED or CALL_NUMBER names a ticket this counter may not serve. */
    NOT_SERVED_HERE,
    /** A rating for a ticket that the counter did not just complete (or, from a phone, that completed no service lately). */
    NOT_RATEABLE,
    /** A second rating of the same ticket. */
    ALREADY_RATED,
    /** A rating after its window: the pad's ratingWindow, or the phone's 24 h. */
    RATING_CLOSED,
    /** RECALL of a ticket already recalled as often as the centre's recall limit allows (mark it no-show). */
    RECALL_LIMIT,
    /** REQUEUE of a number that is not a recent no-show (never one, active again, or marked too long ago). */
    NOT_A_NO_SHOW,
    /** REQUEUE after the centre's requeue grace has passed since the no-show. */
    REQUEUE_EXPIRED,
    /** REQUEUE of a ticket that was put back in line once already. */
    REQUEUE_LIMIT,
    /** TRANSFER to a counter that cannot serve the ticket's service. */
    COUNTER_CANNOT_SERVE,
    /** A remote ticket for a phone that holds the centre's limit of waiting remote tickets (or a centre taking none). */
    REMOTE_LIMIT,
    /** A remote ticket's confirmation names a code that no active remote ticket has. */
    UNKNOWN_REMOTE_TICKET
}
