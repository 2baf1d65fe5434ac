package vn.onedesk.protocol.ticketing;

/** How the citizen came to take the ticket. */
public enum Channel {
    /** At a kiosk in the hall. */
    WALK_IN,
    /** From the web or a QR code, before arriving. */
    REMOTE,
    /** Checked in at the kiosk for a booked slot. */
    APPOINTMENT
}
