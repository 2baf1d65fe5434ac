package vn.onedesk.protocol.ticketing;

/**
 * Whether a service is being served, shown instead of an estimate when none can come true: OPEN (an open
 * counter can serve it; estimates are given), NO_COUNTER (in the centre's hours, but no open counter can serve
 * it), CLOSED (outside the hours of a centre that keeps them; no tickets are issued, and {@code opensAt} says
 * when the next session starts).
 */
public enum ServiceState {
    OPEN,
    NO_COUNTER,
    CLOSED
}
