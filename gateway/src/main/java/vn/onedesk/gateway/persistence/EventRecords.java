package vn.onedesk.gateway.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import vn.onedesk.engine.Event;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.engine.counters.Officer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.ticketing.Channel;
import vn.onedesk.engine.ticketing.Dossiers;
import vn.onedesk.engine.ticketing.PriorityGroup;
import vn.onedesk.engine.ticketing.Ticket;

/** How engine events are written to, and read back from, the append-only {@code events} table: one format, here. */
public final class EventRecords {
    private EventRecords() {
    }

    public static String type(Event event) {
        return event.getClass().getSimpleName();
    }

    public static JsonObject payload(Event event) {
        JsonObject json = new JsonObject().put("at", event.at().toString());
        if (event instanceof Event.TicketIssued e) {
            Ticket t = e.ticket();
            json.put("number", t.number()).put("service", t.service()).put("serviceDay", t.serviceDay().toString())
                    .put("sequence", t.sequence()).put("ordinal", t.ordinal()).put("priority", t.priority().name())
                    .put("channel", t.channel().name());
            if (e.dossier() != null) {
                json.put("dossier", e.dossier());
            }
            if (t.remote() != null) { // its code, never its phone's hash: the log outlives the ticket's wait
                json.put("remoteCode", t.remote().code());
            }
        } else if (event instanceof Event.TicketCalled e) {
            json.put("callSeq", e.callSeq()).put("recall", e.recall()).put("reason", e.reason());
            if (e.note() != null) {
                json.put("note", e.note());
            }
            if (e.outOfOrder()) {
                json.put("outOfOrder", true); // a call by number skipped the line: reports list it, with its note
            }
        } else if (event instanceof Event.TicketParked e) {
            json.put("reason", e.reason());
        } else if (event instanceof Event.TicketNoShow e && e.expired()) {
            json.put("expired", true);
        } else if (event instanceof Event.TicketTransferred e) {
            json.put("fromService", e.fromService()).put("toService", e.toService());
            putDossiers(json, e.dossiers());
            putIfPresent(json, "toCounter", e.toCounter());
            putIfPresent(json, "toOfficer", e.toOfficer());
            putIfPresent(json, "note", e.note());
        } else if (event instanceof Event.TicketRequeued e) {
            // where it went back in line; no counter (the row's counter_id is NULL) when a kiosk asked
            json.put("placedAt", e.placedAt().at().toString()).put("placedSeq", e.placedAt().seq());
        } else if (event instanceof Event.ServiceCompleted e) {
            putDossiers(json, e.dossiers());
        } else if (event instanceof Event.ServiceRated e) {
            // counter_id is the counter that completed the ticket; officer (below) the officer who did
            json.put("score", e.score()).put("reasons", new io.vertx.core.json.JsonArray(e.reasons()))
                    .put("source", e.source().name()).put("service", e.service()).put("number", e.number());
        } else if (event instanceof Event.RemoteTicketConfirmed e) {
            putIfPresent(json, "by", e.by()); // the kiosk that took the code
        } else if (event instanceof Event.CentreReconfigured e) {
            // the whole new definition: the log alone says what the centre was at any moment
            json.put("definition", CentreJson.write(e.definition()));
        }
        if (event.officer() != null) {
            json.put("officer", event.officer());
        }
        if (event instanceof Event.CounterOpened e && e.by() != null) {
            json.put("officerName", e.by().name());
        }
        return json;
    }

    /** {@code "dossiers": [codes], "returnByPost": bool} when the visit received dossiers; nothing otherwise. */
    private static void putDossiers(JsonObject json, Dossiers dossiers) {
        if (dossiers != null) {
            json.put("dossiers", new JsonArray(dossiers.codes())).put("returnByPost", dossiers.returnByPost());
        }
    }

    /**
     * The dossiers of a stored row, or null. Reports read rows this build did not write (an older or newer gateway's,
     * or a hand-repaired one), so a value of the wrong type counts as absent instead of failing the whole report.
     */
    private static Dossiers dossiers(JsonObject payload) {
        if (!(payload.getValue("dossiers") instanceof JsonArray codes)) {
            return null;
        }
        List<String> texts = codes.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        return Dossiers.of(texts, Boolean.TRUE.equals(payload.getValue("returnByPost")));
    }

    private static void putIfPresent(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }

    /**
     * One stored row as the engine event it was written from; empty for a type this build does not
     * know (a newer gateway's), which a report can safely pass over. An issued ticket comes back
     * without its appointment time, which the payload does not keep and no report needs, and a remote one without its
     * phone's hash (only its code is logged).
     */
    public static Optional<Event> decode(String type, String ticketId, String counter, JsonObject payload, Instant at) {
        String officer = payload.getString("officer");
        return Optional.ofNullable(switch (type) {
            case "TicketIssued" -> new Event.TicketIssued(Ticket.issued(ticketId, payload.getLong("ordinal"),
                    payload.getString("number"), payload.getString("service"),
                    LocalDate.parse(payload.getString("serviceDay")), payload.getInteger("sequence"),
                    PriorityGroup.valueOf(payload.getString("priority")), Channel.valueOf(payload.getString("channel")),
                    at).withRemote(payload.getString("remoteCode") == null ? null
                            : vn.onedesk.engine.ticketing.RemoteHold.taken(null, payload.getString("remoteCode"))),
                    payload.getString("dossier"));
            case "TicketCalled" -> new Event.TicketCalled(ticketId, counter, payload.getLong("callSeq"),
                    payload.getBoolean("recall"), payload.getString("reason"), officer, at, payload.getString("note"));
            case "TicketNoShow" -> new Event.TicketNoShow(ticketId, counter, officer, at,
                    payload.getBoolean("expired", false));
            case "TicketParked" -> new Event.TicketParked(ticketId, counter, payload.getString("reason"), officer, at);
            case "ServiceStarted" -> new Event.ServiceStarted(ticketId, counter, officer, at);
            case "ServiceCompleted" -> new Event.ServiceCompleted(ticketId, counter, officer, at, dossiers(payload));
            case "TicketTransferred" -> new Event.TicketTransferred(ticketId, counter, payload.getString("fromService"),
                    payload.getString("toService"), officer, at, payload.getString("toCounter"),
                    payload.getString("toOfficer"), payload.getString("note"), dossiers(payload));
            case "TicketRequeued" -> new Event.TicketRequeued(ticketId, counter, officer, at,
                    new vn.onedesk.engine.ticketing.QueuePlace(Instant.parse(payload.getString("placedAt")),
                            payload.getLong("placedSeq")));
            case "CounterOpened" -> new Event.CounterOpened(counter,
                    officer == null ? null : new Officer(officer, payload.getString("officerName")), at);
            case "CounterClosed" -> new Event.CounterClosed(counter, officer, at);
            case "ServiceRated" -> new Event.ServiceRated(ticketId, counter, payload.getString("number"),
                    payload.getString("service"), officer, payload.getInteger("score"),
                    payload.getJsonArray("reasons", new io.vertx.core.json.JsonArray()).stream().map(String::valueOf)
                            .toList(),
                    vn.onedesk.engine.rating.RatingSource.valueOf(payload.getString("source")), at);
            case "RemoteTicketConfirmed" -> new Event.RemoteTicketConfirmed(ticketId, payload.getString("by"), at);
            case "RemoteTicketPassed" -> new Event.RemoteTicketPassed(ticketId, counter, officer, at);
            case "CentreReconfigured" -> new Event.CentreReconfigured(CentreJson.read(payload.getJsonObject("definition")),
                    at);
            default -> null;
        });
    }
}
