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
    /** Set the current citizen aside with a {@code reason}, freeing the counter (tạm gác). */
    PARK,
    /** Call a parked ticket back to this counter: {@code ticket} is its number (gọi lại số đã gác). */
    CALL_PARKED,
    /** Call a waiting ticket by its number, out of order, with a mandatory {@code reason} (gọi theo số). */
    CALL_NUMBER,
    /**
     * Put a ticket marked NO_SHOW back in line ({@code ticket} = its number) within the centre's requeue grace,
     * once per ticket (xếp lại số vắng mặt).
     */
    REQUEUE
}
