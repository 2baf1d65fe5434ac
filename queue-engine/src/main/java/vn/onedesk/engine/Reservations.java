package vn.onedesk.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.routing.RoutingDecision;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The waiting tickets a TRANSFER reserved for one counter or one officer. They are kept out of the service lines
 * that routing reads, so no other counter's CALL_NEXT sees them, and a counter takes its own before its routing
 * choice. A reservation nobody takes up (the counter stays closed, the officer never opens one) lapses once the
 * ticket has waited its service's target wait since the transfer: from then on any counter able to serve it calls
 * it first, as it has waited past its target already. Few tickets are reserved at once, so lookups scan.
 */
final class Reservations {
    private final Map<String, Ticket> reserved = new LinkedHashMap<>();

    void add(Ticket ticket) {
        reserved.put(ticket.id(), ticket);
    }

    void remove(Ticket ticket) {
        reserved.remove(ticket.id());
    }

    Collection<Ticket> all() {
        return List.copyOf(reserved.values());
    }

    /**
     * The reserved ticket this counter calls before its routing choice: its own (reserved for it or for the officer
     * bound to it), else one whose reservation lapsed; first in queue order either way.
     */
    Optional<RoutingDecision> next(CentreDefinition centre, CounterDefinition counter, String officer, Instant now) {
        Optional<Ticket> own = first(t -> counter.canServe(t.service()) && t.handover().isFor(counter.id(), officer));
        if (own.isPresent()) {
            Ticket t = own.get();
            String whom = t.handover().counter() != null ? "this counter" : "officer " + t.handover().officer();
            return Optional.of(new RoutingDecision(t, "called " + t.number() + " at " + counter.id()
                    + ": transferred to " + whom + " by " + t.handover().from()));
        }
        return first(t -> counter.canServe(t.service()) && lapsed(centre, t, now)).map(t -> new RoutingDecision(t,
                "called " + t.number() + " at " + counter.id() + ": its transfer to "
                        + (t.handover().counter() != null ? "counter " + t.handover().counter()
                                : "officer " + t.handover().officer())
                        + " was not taken up within the target wait of " + t.service()));
    }

    /** How many tickets reserved for the same counter or officer are ahead of this one. */
    int ahead(Ticket ticket) {
        return (int) reserved.values().stream()
                .filter(t -> t.service().equals(ticket.service())
                        && java.util.Objects.equals(t.handover().counter(), ticket.handover().counter())
                        && java.util.Objects.equals(t.handover().officer(), ticket.handover().officer())
                        && Ticket.QUEUE_ORDER.compare(t, ticket) < 0)
                .count();
    }

    static boolean lapsed(CentreDefinition centre, Ticket ticket, Instant now) {
        Duration target = centre.service(ticket.service()).map(ServiceField::targetWait).orElse(Duration.ZERO);
        return !now.isBefore(ticket.handover().at().plus(target));
    }

    private Optional<Ticket> first(Predicate<Ticket> which) {
        return reserved.values().stream().filter(which).min(Ticket.QUEUE_ORDER);
    }
}
