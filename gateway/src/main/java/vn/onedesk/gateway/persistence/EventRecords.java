package vn.onedesk.gateway.persistence;

import io.vertx.core.json.JsonObject;
import vn.onedesk.engine.Event;
import vn.onedesk.engine.ticketing.Ticket;

/** How engine events are written to the append-only {@code events} table. */
final class EventRecords {
    private EventRecords() {
    }

    static String type(Event event) {
        return event.getClass().getSimpleName();
    }

    static JsonObject payload(Event event) {
        JsonObject json = new JsonObject().put("at", event.at().toString());
        if (event instanceof Event.TicketIssued e) {
            Ticket t = e.ticket();
            json.put("number", t.number()).put("service", t.service()).put("serviceDay", t.serviceDay().toString())
                    .put("sequence", t.sequence()).put("ordinal", t.ordinal()).put("priority", t.priority().name())
                    .put("channel", t.channel().name());
        } else if (event instanceof Event.TicketCalled e) {
            json.put("callSeq", e.callSeq()).put("recall", e.recall()).put("reason", e.reason());
        } else if (event instanceof Event.TicketTransferred e) {
            json.put("fromService", e.fromService()).put("toService", e.toService());
        }
        return json;
    }
}
