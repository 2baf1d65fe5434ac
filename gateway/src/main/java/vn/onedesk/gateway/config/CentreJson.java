package vn.onedesk.gateway.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import vn.onedesk.engine.centre.BookingRules;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.engine.centre.Operator;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.centre.Session;

/**
 * A centre in the configuration file's format ({@code onedesk-config/1}), both ways: what the database stores, what
 * {@code config export} writes, what the administration API shows. One format everywhere, so a centre exported from
 * one environment imports into another unchanged, and reading back what was written gives the same centre.
 */
public final class CentreJson {
    private CentreJson() {
    }

    public static JsonObject write(CentreDefinition centre) {
        JsonArray sessions = new JsonArray();
        centre.sessions().forEach(s -> sessions.add(session(s)));
        JsonArray services = new JsonArray();
        centre.services().forEach(s -> services.add(service(s)));
        JsonArray counters = new JsonArray();
        centre.counters().forEach(c -> counters.add(counter(c)));
        JsonObject json = new JsonObject()
                .put("id", centre.id())
                .put("name", centre.name())
                .put("timezone", centre.timezone().getId())
                .put("ticketsOnlyInSessions", centre.ticketsOnlyInSessions())
                .put("showOfficerName", centre.showOfficerName())
                .put("sessions", sessions)
                .put("services", services)
                .put("counters", counters)
                .put("counterRules", rules(centre.rules()));
        // Only a centre that offers slots says so: one without writes what it wrote before bookings existed.
        if (!centre.booking().equals(BookingRules.NONE)) {
            json.put("booking", booking(centre.booking()));
        }
        return json;
    }

    public static JsonObject booking(BookingRules b) {
        JsonArray services = new JsonArray();
        b.services().forEach(s -> services.add(new JsonObject()
                .put("service", s.service())
                .put("slotMinutes", s.slotLength().toMinutes())
                .put("capacity", s.capacity())
                .put("horizonDays", s.horizonDays())
                .put("cutoffMinutes", s.cutoff().toMinutes())
                .put("blackoutDays", days(s.blackoutDays()))));
        return new JsonObject()
                .put("checkInEarlyMinutes", b.checkInEarly().toMinutes())
                .put("checkInLateMinutes", b.checkInLate().toMinutes())
                .put("maxActivePerPhone", b.maxActivePerPhone())
                .put("blackoutDays", days(b.blackoutDays()))
                .put("services", services);
    }

    private static JsonArray days(java.util.Set<java.time.LocalDate> days) {
        JsonArray out = new JsonArray();
        days.stream().sorted().forEach(d -> out.add(d.toString()));
        return out;
    }

    public static JsonObject rules(CounterRules r) {
        return new JsonObject()
                .put("recallLimit", r.recallLimit())
                .put("parkTimeoutMinutes", r.parkTimeout().toMinutes())
                .put("requeueGraceMinutes", r.requeueGrace().toMinutes())
                .put("requeueAfter", r.requeueAfter())
                .put("ratingWindowSeconds", r.ratingWindow().toSeconds())
                .put("remotePerPhone", r.remotePerPhone())
                .put("remoteGraceMinutes", r.remoteGrace().toMinutes())
                .put("turnNearAhead", r.turnNearAhead());
    }

    public static JsonObject session(Session s) {
        return new JsonObject().put("from", s.from().toString()).put("to", s.to().toString());
    }

    public static JsonObject service(ServiceField s) {
        List<String> servedBy = new ArrayList<>(s.servedBy().stream().map(Operator::code).sorted().toList());
        // POSTAL first: the usual case reads first
        if (servedBy.remove(Operator.POSTAL.code())) {
            servedBy.add(0, Operator.POSTAL.code());
        }
        return new JsonObject()
                .put("code", s.code())
                .put("name", s.name())
                .put("prefix", s.prefix())
                .put("servedBy", new JsonArray(servedBy))
                .put("targetWaitMinutes", s.targetWait().toMinutes())
                .put("expectedServiceMinutes", s.expectedServiceTime().toMinutes());
    }

    public static JsonObject counter(CounterDefinition c) {
        return new JsonObject()
                .put("id", c.id())
                .put("number", c.number())
                .put("operator", c.operator().code())
                .put("primary", new JsonArray(c.primary()))
                .put("secondary", new JsonArray(c.secondary()));
    }

    /** Reads a centre that may be incomplete (as stored, or being built); throws with every problem otherwise. */
    public static CentreDefinition read(JsonObject json) {
        List<String> problems = new ArrayList<>();
        CentreDefinition centre = CentreConfigReader.draft("centre", json, problems);
        if (centre == null) {
            throw new ConfigException(problems);
        }
        return centre;
    }
}
