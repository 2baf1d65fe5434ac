package vn.onedesk.engine.routing;

import java.time.Instant;
import java.util.Optional;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterDefinition;
import vn.onedesk.engine.centre.ServiceField;
import vn.onedesk.engine.ticketing.Ticket;

/**
 * Any counter calls any waiting ticket of any service: legal priority groups first, then the
 * longest-waiting citizen across the whole centre. It ignores skills <em>and operators</em>, so it
 * would have a postal clerk take a police residence file: <strong>not legal in a real centre</strong>.
 * It exists only as the theoretical lower bound of waiting (one pooled queue, every counter) that
 * the simulator measures the real policies against. Never configure it for a centre.
 */
public final class FullyPooled implements RoutingPolicy, TicketPicker {
    public static final String NAME = "fully-pooled";
    private volatile Targets targets;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<Ticket> pick(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                 Instant now) {
        return waiting.firstAcross(centre.services().stream().map(ServiceField::code).toList());
    }

    @Override
    public Optional<RoutingDecision> choose(CentreDefinition centre, CounterDefinition counter, WaitingTickets waiting,
                                            Instant now) {
        Targets t = targets = Targets.of(targets, centre);
        return pick(centre, counter, waiting, now).map(ticket -> new RoutingDecision(ticket,
                t.reason(counter, ticket, counter.canServe(ticket.service()) ? "skill" : "outside its skills",
                        Targets.why(ticket) + " (fully pooled reference, not legal in a real centre)", now)));
    }
}
