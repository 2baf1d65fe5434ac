package vn.onedesk.protocol.counters;

import java.time.Instant;

/**
 * Retained on {@code .../counters/{counterId}/now}: what a counter display shows.
 * {@code ticket} is null when the counter is idle or closed.
 *
 * @param state CALLED or SERVING when a ticket is present
 */
public record NowServing(String counter, int counterNumber, boolean open, String ticket, String ticketId,
                         String service, String state, Instant since) {
}
