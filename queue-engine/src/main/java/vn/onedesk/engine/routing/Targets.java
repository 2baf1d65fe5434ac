package vn.onedesk.engine.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The target waits of one centre's services by code, looked up in O(1) on the call path (a
 * centre's definition keeps its services in a list), and the common words of call reasons.
 */
final class Targets {
    private final CentreDefinition centre;
    private final Map<String, Long> seconds = new HashMap<>();

    private Targets(CentreDefinition centre) {
        this.centre = centre;
        for (ServiceField s : centre.services()) {
            seconds.put(s.code(), Math.max(1, s.targetWait().toSeconds()));
        }
    }

    /** The cached lookup if it is for this very centre definition, else a new one. */
    static Targets of(Targets cached, CentreDefinition centre) {
        return cached != null && cached.centre == centre ? cached : new Targets(centre);
    }

    long seconds(String service) {
        Long s = seconds.get(service);
        return s != null ? s : centre.service(service).map(f -> f.targetWait().toSeconds()).orElse(1L);
    }

    static long waitedSeconds(Ticket ticket, Instant now) {
        return Math.max(0, now.getEpochSecond() - ticket.originalArrival().getEpochSecond());
    }

    /** "called A001 at Q01: primary skill TP, longest waiting, waited 10 min of 30 target" */
    String reason(CounterDefinition counter, Ticket ticket, String skill, String why, Instant now) {
        return "called " + ticket.number() + " at " + counter.id() + ": " + skill + " " + ticket.service() + ", "
                + why + ", waited " + Duration.between(ticket.originalArrival(), now).toMinutes() + " min of "
                + seconds(ticket.service()) / 60 + " target";
    }

    static String why(Ticket ticket) {
        return ticket.priority().isPriority() ? "priority group " + ticket.priority() : "longest waiting";
    }
}
