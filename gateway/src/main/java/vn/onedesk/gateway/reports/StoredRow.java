package vn.onedesk.gateway.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.Event;
import vn.onedesk.gateway.persistence.EventRecords;

/**
 * One row of the {@code events} table as the reports read it: its type, ticket, counter and payload as stored, and
 * the engine event {@link EventRecords} decodes from it. The reports read a few facts straight from the payload
 * (a rating, the dossiers of a visit, an out-of-order call), so that they count what the rows say whatever the
 * engine's records look like; a key that is absent or of another kind means the fact is absent, and keys the
 * reports do not know are passed over.
 *
 * @param counter the row's {@code counter_id}; null for a row of no counter
 */
record StoredRow(String type, String ticketId, String counter, JsonObject payload, Instant at) {
    /** The rating row (issue 14): {@code payload.score} 1..5, {@code source}, {@code service}, {@code officer}. */
    static final String SERVICE_RATED = "ServiceRated";
    static final String TICKET_PARKED = "TicketParked";
    static final String TICKET_REQUEUED = "TicketRequeued";

    StoredRow {
        payload = payload == null ? new JsonObject() : payload;
    }

    /** A row written from an engine event, as the gateway stores it. */
    static StoredRow of(Event event) {
        return new StoredRow(EventRecords.type(event), event.ticketId(), event.counter(), EventRecords.payload(event),
                event.at());
    }

    /** The engine event the row was written from; empty for a type this build's engine does not know. */
    Optional<Event> event() {
        return EventRecords.decode(type, ticketId, counter, payload, at);
    }

    /** The payload's text under {@code key}; null when absent, empty or not text. */
    String text(String key) {
        Object value = payload.getValue(key);
        return value instanceof String s && !s.isBlank() ? s : null;
    }

    /** Whether the payload holds {@code true} under {@code key}; anything else is false. */
    boolean flag(String key) {
        return Boolean.TRUE.equals(payload.getValue(key));
    }

    /** The payload's texts under {@code key}, each once, in order; empty when absent or not a list. */
    List<String> texts(String key) {
        List<String> out = new ArrayList<>();
        if (payload.getValue(key) instanceof JsonArray array) {
            for (Object value : array) {
                if (value instanceof String s && !s.isBlank() && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The payload's whole number under {@code key}; empty when absent or not a whole number. */
    Optional<Integer> integer(String key) {
        Object value = payload.getValue(key);
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return Optional.of(n.intValue());
        }
        return Optional.empty();
    }
}
