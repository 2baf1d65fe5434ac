package vn.onedesk.protocol.ticketing;

/**
 * An estimated wait as shown to citizens: a point value and the band printed on the ticket
 * ("10–20 phút"), all in seconds so that devices round and word it for their own screens.
 */
public record EstimatedWaitView(long seconds, long lowSeconds, long highSeconds) {
    public EstimatedWaitView {
        if (seconds < 0 || lowSeconds < 0 || highSeconds < lowSeconds) {
            throw new IllegalArgumentException("estimated wait must be 0 <= low <= high");
        }
    }
}
