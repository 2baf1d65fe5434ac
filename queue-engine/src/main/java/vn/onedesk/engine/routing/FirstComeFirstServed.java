package vn.onedesk.engine.routing;

import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Across all the counter's skills, primary and secondary alike: legal priority groups first, then
 * the longest-waiting citizen (by original arrival), then issue order.
 */
public final class FirstComeFirstServed implements RoutingPolicy, TicketPicker {
    public static final String NAME = "fifo-pooled";
    private volatile Targets targets;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Ticket> pick(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                 Instant now) {
        return waiting.firstAcross(counter.skills());
    }

    @Override
    public Optional<RoutingDecision> choose(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                            Instant now) {
        Targets t = targets = Targets.of(targets, centre);
        return pick(centre, counter, waiting, now).map(ticket -> new RoutingDecision(ticket, t.reason(counter, ticket,
                counter.isPrimaryFor(ticket.service()) ? "primary skill" : "secondary skill", Targets.why(ticket),
                now)));
    }
}
