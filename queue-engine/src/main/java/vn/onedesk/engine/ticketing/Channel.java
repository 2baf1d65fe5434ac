package vn.onedesk.engine.ticketing;

/** How the citizen came to hold the ticket. */
public enum Channel {
    WALK_IN,
    REMOTE,
    APPOINTMENT
}
