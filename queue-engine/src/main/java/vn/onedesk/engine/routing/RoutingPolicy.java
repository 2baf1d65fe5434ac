package vn.onedesk.engine.routing;

import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;

/**
 * Decides which waiting ticket a counter calls next (CALL_NEXT). Implementations must be
 * deterministic: the same inputs give the same choice, so that a simulated day can be replayed.
 */
public interface RoutingPolicy {
    String name();

    /** The ticket to call, or empty when nothing this counter may serve is waiting. */
    Optional<RoutingDecision> choose(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                     Instant now);
}
