package vn.onedesk.protocol.counters;

import java.time.Instant;

/**
 * Retained on {@code .../counters/{counterId}/now}: what a counter display shows.
 * {@code ticket} is null when the counter is idle or closed. It is on the public board too, so it names the ticket
 * by its number only, never by the gateway's internal id.
 *
 * @param state   CALLED or SERVING when a ticket is present
 * @param officer the officer bound to the counter by OPEN; null when nobody is
 */
public record NowServing(String counter, int counterNumber, boolean open, String ticket, String service,
                         String state, Instant since, OfficerView officer) {

    public NowServing(String counter, int counterNumber, boolean open, String ticket, String service, String state,
                      Instant since) {
        this(counter, counterNumber, open, ticket, service, state, since, null);
    }
}
