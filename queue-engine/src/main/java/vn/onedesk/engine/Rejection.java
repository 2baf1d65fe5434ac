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
    /** RECALL of a ticket already recalled as often as the centre's recall limit allows (mark it no-show). */
    RECALL_LIMIT,
    /** REQUEUE of a number that is not a recent no-show (never one, active again, or marked too long ago). */
    NOT_A_NO_SHOW,
    /** REQUEUE after the centre's requeue grace has passed since the no-show. */
    REQUEUE_EXPIRED,
    /** REQUEUE of a ticket that was put back in line once already. */
    REQUEUE_LIMIT,
    /** TRANSFER to a counter that cannot serve the ticket's service. */
    COUNTER_CANNOT_SERVE
}
