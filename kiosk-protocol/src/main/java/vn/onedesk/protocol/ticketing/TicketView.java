package vn.onedesk.protocol.ticketing;

import java.time.Instant;

/**
 * A ticket as authenticated devices see it: the kiosk that issued it, the counter that serves it. It carries the
 * citizen's priority group (health data for some groups, under Decree 13/2023), so it is never sent to anyone
 * anonymous: the public ticket page over HTTP gets only the number, service, state, place and wait.
 *
 * @param id            the gateway's internal id of the ticket (events, reports, counter replies); never in a public
 *                      URL or an anonymous answer
 * @param number        what is printed and announced, e.g. "A001"
 * @param state         WAITING, CALLED, SERVING, DONE or NO_SHOW
 * @param ahead         tickets that will be called before this one, when waiting
 * @param estimatedWait when waiting and its service is OPEN
 * @param serviceState  when waiting: whether its service is served now (OPEN, NO_COUNTER, CLOSED)
 * @param opensAt       when waiting and its service is CLOSED, or NO_COUNTER outside the hours: the next session's start
 * @param token         only in the kiosk's ticket response: the ticket's unguessable public token (at least 128 random
 *                      bits, URL-safe Base64), which the QR code and the citizen's page {@code /ticket/{token}} carry
 *                      instead of the id; absent everywhere else
 * @param note          only for counter terminals (their replies and queue): the note the officer who transferred the
 *                      ticket left for the next one; absent when there is none
 * @param counterNumber when CALLED or SERVING: the number of the counter it is at ("mời đến quầy số 5"), as the hall
 *                      announces it
 * @param turnNear      when waiting: whether its turn is near, that is at most the centre's {@code turnNearAhead}
 *                      tickets are ahead of it
 * @param remote        for a ticket taken from a phone: its confirmation code and whether it was confirmed
 */
public record TicketView(
        String id,
        String number,
        String service,
        String serviceName,
        Priority priority,
        Channel channel,
        String state,
        Instant issuedAt,
        Integer ahead,
        EstimatedWaitView estimatedWait,
        ServiceState serviceState,
        Instant opensAt,
        String token,
        String note,
        Integer counterNumber,
        Boolean turnNear,
        RemoteView remote) {

    /** A ticket without a counter, a "turn is near" flag or a remote hold. */
    public TicketView(String id, String number, String service, String serviceName, Priority priority,
                      Channel channel, String state, Instant issuedAt, Integer ahead, EstimatedWaitView estimatedWait,
                      ServiceState serviceState, Instant opensAt, String token, String note) {
        this(id, number, service, serviceName, priority, channel, state, issuedAt, ahead, estimatedWait, serviceState,
                opensAt, token, note, null, null, null);
    }

    /** A ticket without a transfer note. */
    public TicketView(String id, String number, String service, String serviceName, Priority priority,
                      Channel channel, String state, Instant issuedAt, Integer ahead, EstimatedWaitView estimatedWait,
                      ServiceState serviceState, Instant opensAt, String token) {
        this(id, number, service, serviceName, priority, channel, state, issuedAt, ahead, estimatedWait, serviceState,
                opensAt, token, null);
    }

    /** The same ticket carrying its public token, as the kiosk that issued it gets it. */
    public TicketView withToken(String publicToken) {
        return new TicketView(id, number, service, serviceName, priority, channel, state, issuedAt, ahead, estimatedWait,
                serviceState, opensAt, publicToken, note, counterNumber, turnNear, remote);
    }

    /** The same ticket with the transfer note for the next officer (null: none), as counter terminals get it. */
    public TicketView withNote(String transferNote) {
        return new TicketView(id, number, service, serviceName, priority, channel, state, issuedAt, ahead, estimatedWait,
                serviceState, opensAt, token, transferNote, counterNumber, turnNear, remote);
    }
}
