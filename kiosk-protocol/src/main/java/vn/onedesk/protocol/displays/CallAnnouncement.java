package vn.onedesk.protocol.displays;

import java.time.Instant;

/**
 * Published on {@code onedesk/v1/{c}/calls} for every call and recall, and shown on the public board and waits
 * stream over HTTP: so it names the ticket by its number only, never by the gateway's internal id.
 *
 * @param seq    increases by exactly one per centre, so a display can see that it missed a call
 * @param recall true when the same ticket is called again
 */
public record CallAnnouncement(long seq, String ticket, String service, String counter,
                               int counterNumber, boolean recall, Instant calledAt) {
}
