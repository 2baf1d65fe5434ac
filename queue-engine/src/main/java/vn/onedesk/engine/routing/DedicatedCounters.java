package vn.onedesk.engine.routing;

import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Each counter serves its primary skills only, the way a centre works without OneDesk: legal
 * priority groups first, then the longest-waiting citizen (by original arrival), then issue order.
 * Secondary skills are never used. A baseline for comparison.
 */
public final class DedicatedCounters implements RoutingPolicy, TicketPicker {
    public static final String NAME = "dedicated";
    private volatile Targets targets;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Ticket> pick(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                 Instant now) {
        return waiting.firstAcross(counter.primary());
    }

    @Override
    public Optional<RoutingDecision> choose(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                            Instant now) {
        Targets t = targets = Targets.of(targets, centre);
        return pick(centre, counter, waiting, now).map(ticket -> new RoutingDecision(ticket,
                t.reason(counter, ticket, "primary skill", Targets.why(ticket) + " (dedicated counters)", now)));
    }
}
