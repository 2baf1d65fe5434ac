package vn.onedesk.protocol.ticketing;

import java.time.Instant;

/**
 * A remote ticket's hold as the citizen's page and the kiosk show it: a ticket taken from a phone must be confirmed
 * in the hall (at a kiosk, with {@code code}) before a counter calls it; a call that reaches it unconfirmed passes it
 * over, and one after {@code expiresAfter} ends it (NO_SHOW).
 *
 * @param code         what the citizen types or scans at the kiosk ("Tôi đã lấy số từ xa")
 * @param confirmed    whether the citizen was seen (at a kiosk, or called to a counter)
 * @param passedAt     when a call first passed it over for want of a confirmation; absent if none did
 * @param expiresAfter with {@code passedAt}: from when a call that reaches it, still unconfirmed, ends it
 */
public record RemoteView(String code, boolean confirmed, Instant passedAt, Instant expiresAfter) {
}
