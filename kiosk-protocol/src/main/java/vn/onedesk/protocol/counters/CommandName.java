package vn.onedesk.protocol.counters;

/** What a counter terminal can ask for. */
public enum CommandName {
    /** Open the counter (mở quầy). */
    OPEN,
    /** Close the counter (đóng quầy); it must not be serving anyone. */
    CLOSE,
    /** Call the next ticket the engine chooses for this counter (gọi số tiếp theo). */
    CALL_NEXT,
    /** Announce the current ticket again (gọi lại). */
    RECALL,
    /** The called citizen did not come (vắng mặt). */
    NO_SHOW,
    /** The called citizen arrived; service begins. */
    START,
    /** Service finished. */
    COMPLETE,
    /**
     * Send the current ticket on, keeping its place (chuyển quầy): to another service ({@code service}), or to one
     * counter ({@code toCounter}) or officer ({@code toOfficer}), with an optional {@code note} for the next officer.
     */
    TRANSFER,
    /**
     * Put a ticket marked NO_SHOW back in line ({@code ticket} = its number) within the centre's requeue grace,
     * once per ticket (xếp lại số vắng mặt).
     */
    REQUEUE
}
