package vn.onedesk.engine.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Across all the counter's skills, primary and secondary alike: legal priority groups first, then
 * the longest-waiting citizen (by original arrival), then issue order.
 */
public final class FirstComeFirstServed implements RoutingPolicy {

    @Override
    public String name() {
        return "fifo-pooled";
    }

    @Override
    public Optional<RoutingDecision> choose(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                            Instant now) {
        return counter.skills().stream()
                .map(waiting::head)
                .flatMap(Optional::stream)
                .min(Ticket.QUEUE_ORDER)
                .map(ticket -> new RoutingDecision(ticket, reason(centre, counter, ticket, now)));
    }

    private static String reason(CentreDefinition centre, CounterDefinition counter, Ticket ticket, Instant now) {
        long waited = Duration.between(ticket.originalArrival(), now).toMinutes();
        long target = centre.service(ticket.service()).orElseThrow().targetWait().toMinutes();
        String skill = counter.isPrimaryFor(ticket.service()) ? "primary skill" : "secondary skill";
        String why = ticket.priority().isPriority() ? "priority group " + ticket.priority() : "longest waiting";
        return "called " + ticket.number() + " at " + counter.id() + ": " + skill + " " + ticket.service() + ", "
                + why + ", waited " + waited + " min of " + target + " target";
    }
}
