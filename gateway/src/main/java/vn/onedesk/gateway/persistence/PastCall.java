package vn.onedesk.gateway.persistence;

import java.time.Instant;

/**
 * A call (or recall) as the journal holds it, for the displays' recent calls after a restart or a takeover: a hall
 * screen that missed calls while its node died recovers them from the board, which must then know calls the new
 * writer never made itself.
 *
 * @param service the ticket's service as it stands now (a call transferred later shows its new service)
 */
public record PastCall(long seq, String ticketNumber, String service, String counter, boolean recall, Instant at) {
}
