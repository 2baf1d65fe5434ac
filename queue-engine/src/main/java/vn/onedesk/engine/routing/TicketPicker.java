package vn.onedesk.engine.routing;

import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The ticket a policy would call, without the words of its reason. Implemented by the built-in
 * policies beside {@link RoutingPolicy#choose}, always picking the same ticket as {@code choose}, so
 * that the wait estimator can project a centre forward through thousands of calls without writing
 * thousands of sentences. Use {@link #of} to get one for any policy.
 */
public interface TicketPicker {
    Optional<Ticket> pick(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting, Instant now);

    /** The policy's own picker, or one that asks {@code choose} and drops the reason. */
    static TicketPicker of(RoutingPolicy policy) {
        return policy instanceof TicketPicker picker ? picker
                : (centre, counter, waiting, now) -> policy.choose(centre, counter, waiting, now)
                        .map(RoutingDecision::ticket);
    }
}
