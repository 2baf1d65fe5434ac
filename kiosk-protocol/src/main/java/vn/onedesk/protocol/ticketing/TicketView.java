package vn.onedesk.protocol.ticketing;

import java.time.Instant;

/**
 * A ticket as devices see it.
 *
 * @param id            stable id, for the per-ticket page and QR code
 * @param number        what is printed and announced, e.g. "A001"
 * @param state         WAITING, CALLED, SERVING, DONE or NO_SHOW
 * @param ahead         tickets that will be called before this one, when waiting
 * @param estimatedWait when waiting and its service is OPEN
 * @param serviceState  when waiting: whether its service is served now (OPEN, NO_COUNTER, CLOSED)
 * @param opensAt       when waiting and its service is CLOSED, or NO_COUNTER outside the hours: the next session's start
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
        Instant opensAt) {
}
