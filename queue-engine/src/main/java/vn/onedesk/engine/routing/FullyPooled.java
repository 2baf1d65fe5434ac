package vn.onedesk.engine.routing;

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
public final class FullyPooled extends HeadOfLinePolicy {
    public static final String NAME = "fully-pooled";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected Iterable<String> lines(CentreDefinition centre, CounterDefinition counter) {
        return centre.services().stream().map(ServiceField::code).toList();
    }

    @Override
    protected String skill(CounterDefinition counter, Ticket ticket) {
        return counter.canServe(ticket.service()) ? "skill" : "outside its skills";
    }

    @Override
    protected String why(Ticket ticket) {
        return super.why(ticket) + " (fully pooled reference, not legal in a real centre)";
    }
}
