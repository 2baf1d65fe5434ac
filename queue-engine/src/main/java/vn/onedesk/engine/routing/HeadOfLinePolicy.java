package vn.onedesk.engine.routing;

import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * The simple policies: the counter calls whoever is first in line (priority groups, then original
 * arrival, then issue order) across a set of services. They differ only in which lines they read.
 */
abstract class HeadOfLinePolicy implements RoutingPolicy, TicketPicker {
    private volatile Targets targets;

    /** The services whose lines this counter reads. */
    protected abstract Iterable<String> lines(CentreDefinition centre, CounterDefinition counter);

    /** How the reason names the chosen ticket's relation to the counter ("primary skill", ...). */
    protected abstract String skill(CounterDefinition counter, Ticket ticket);

    /** Why this ticket, in the reason; subclasses may add what kind of policy chose it. */
    protected String why(Ticket ticket) {
        return Targets.why(ticket);
    }

    @Override
    public final Optional<Ticket> pick(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                       Instant now) {
        return waiting.firstAcross(lines(centre, counter));
    }

    @Override
    public final Optional<RoutingDecision> choose(CentreDefinition centre, CounterDefinition counter,
                                                  WaitingTickets waiting, Instant now) {
        Targets t = targets = Targets.of(targets, centre);
        return pick(centre, counter, waiting, now).map(ticket -> new RoutingDecision(ticket,
                t.reason(counter, ticket, skill(counter, ticket), why(ticket), now)));
    }
}
