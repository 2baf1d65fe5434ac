package vn.onedesk.gateway.persistence;

import java.time.Instant;

/**
 * An event to announce to webhook subscribers, written to {@code webhook_outbox} in the same statement as the batch
 * it belongs to: committed with it or not at all.
 *
 * @param eventId   stable across retries and nodes ({@code <centre>:<version>} for a queue event)
 * @param ticketKey what orders deliveries (a ticket's id, a booking's code); null for none
 * @param payload   the exact body every delivery sends
 */
public record OutboxRow(String eventId, String type, String ticketKey, Instant occurredAt, String payload) {
}
